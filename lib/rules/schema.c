/* schema: a YAML tree read against a schema, with placed messages. */
#include "rules/schema.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/when.h"
#include "base/i18n.h"

int
zf_schema_fail(struct zf_schema *r, const struct zf_yaml_node *n,
    const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	return zf_fail(r->e, EX_CONFIG, "%s:%u:%u: %s", r->file,
	    n ? n->line : 1, n ? n->column : 1, msg);
}

int
zf_schema_want(struct zf_schema *r, const struct zf_yaml_node *n,
    enum zf_yaml_kind kind, const char *what)
{
	static const char *const names[] = { "a scalar", "a list",
	    "a mapping" };

	if (n->kind != kind)
		return zf_schema_fail(r, n, "%s must be %s, not %s", what,
		    names[kind], names[n->kind]);
	return 0;
}

int
zf_schema_index(const char *const *list, const char *s)
{
	int i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

int
zf_schema_keys(struct zf_schema *r, const struct zf_yaml_node *map,
    const char *section, const char *const *allowed)
{
	struct zf_buf b;
	size_t i, j;
	int rc;

	for (i = 0; i < map->count; i++) {
		if (zf_schema_index(allowed, map->keys[i]->text) >= 0)
			continue;
		zf_buf_init(&b);
		for (j = 0; allowed[j] != NULL; j++)
			zf_buf_printf(&b, "%s%s", j ? ", " : "", allowed[j]);
		rc = zf_schema_fail(r, map->keys[i], "unknown key '%s' in %s "
		    "(known: %s)", map->keys[i]->text, section, b.data);
		zf_buf_release(&b);
		return rc;
	}
	return 0;
}

int
zf_schema_text(struct zf_schema *r, const struct zf_yaml_node *map,
    const char *key, int required, char **out)
{
	const struct zf_yaml_node *n = zf_yaml_get(map, key);

	*out = NULL;
	if (n == NULL || zf_yaml_is_null(n)) {
		if (required)
			return zf_schema_fail(r, n ? n : map,
			    "'%s' is required", key);
		return 0;
	}
	if (zf_schema_want(r, n, ZF_YAML_SCALAR, key) != 0)
		return r->e->code;
	if (n->len == 0 && required)
		return zf_schema_fail(r, n, "'%s' must not be empty", key);
	if (memchr(n->text, '\0', n->len) != NULL)
		return zf_schema_fail(r, n, "'%s' holds a NUL byte", key);
	*out = xstrdup(n->text);
	return 0;
}

int
zf_schema_date(struct zf_schema *r, const struct zf_yaml_node *map,
    const char *key, int32_t *out)
{
	const struct zf_yaml_node *n = zf_yaml_get(map, key);

	if (n == NULL)
		return zf_schema_fail(r, map, "'%s' is required", key);
	if (zf_schema_want(r, n, ZF_YAML_SCALAR, key) != 0)
		return r->e->code;
	if (zf_date_parse(n->text, out) != 0)
		return zf_schema_fail(r, n, "'%s' must be a date YYYY-MM-DD, "
		    "not '%s'", key, n->text);
	return 0;
}

int
zf_schema_bool(struct zf_schema *r, const struct zf_yaml_node *map,
    const char *key, int *out)
{
	const struct zf_yaml_node *n = zf_yaml_get(map, key);

	*out = 0;
	if (n == NULL)
		return 0;
	if (zf_schema_want(r, n, ZF_YAML_SCALAR, key) != 0)
		return r->e->code;
	if (n->plain && (strcmp(n->text, "true") == 0 ||
	    strcmp(n->text, "yes") == 0)) {
		*out = 1;
		return 0;
	}
	if (n->plain && (strcmp(n->text, "false") == 0 ||
	    strcmp(n->text, "no") == 0))
		return 0;
	return zf_schema_fail(r, n, "'%s' must be true or false, not '%s'",
	    key, n->text);
}

int
zf_schema_int(struct zf_schema *r, const struct zf_yaml_node *map,
    const char *key, long min, long max, int *out)
{
	const struct zf_yaml_node *n = zf_yaml_get(map, key);
	char *end;
	long v;

	if (n == NULL)
		return 0;
	if (zf_schema_want(r, n, ZF_YAML_SCALAR, key) != 0)
		return r->e->code;
	v = strtol(n->text, &end, 10);
	if (*n->text == '\0' || *end != '\0' || v < min || v > max)
		return zf_schema_fail(r, n, "%s must be a whole number from "
		    "%ld to %ld, not '%s'", key, min, max, n->text);
	*out = (int)v;
	return 0;
}

int
zf_schema_list(struct zf_schema *r, const struct zf_yaml_node *map,
    const char *key, char ***out)
{
	const struct zf_yaml_node *n = zf_yaml_get(map, key);
	size_t i;

	*out = xcalloc(1, sizeof(char *));
	if (n == NULL)
		return 0;
	if (zf_schema_want(r, n, ZF_YAML_SEQUENCE, key) != 0)
		return r->e->code;
	*out = xrealloc(*out, (n->count + 1) * sizeof(char *));
	(*out)[0] = NULL;
	for (i = 0; i < n->count; i++) {
		if (zf_schema_want(r, n->items[i], ZF_YAML_SCALAR, key) != 0)
			return r->e->code;
		(*out)[i] = xstrdup(n->items[i]->text);
		(*out)[i + 1] = NULL;
	}
	return 0;
}

void
zf_schema_free_list(char **list)
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; list[i] != NULL; i++)
		free(list[i]);
	free(list);
}
