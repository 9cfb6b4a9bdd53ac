/*
 * schema: reading a YAML tree (base/yaml.h) against a schema, for the
 * readers of the rules layer (config, calendar).
 *
 * Every refusal is EX_CONFIG with the message "FILE:LINE:COLUMN:
 * reason", at the node it concerns (1:1 when there is none), and every
 * function returns 0 or that code, so that readers chain them with ||
 * and return r->e->code.  Lists of strings are NULL-terminated and
 * malloc'd, and handed back even when reading them failed.
 */
#ifndef ZF_SCHEMA_H
#define ZF_SCHEMA_H

#include <stdint.h>

#include "base/err.h"
#include "base/yaml.h"

struct zf_schema {
	const char *file;	/* the name used in messages */
	struct zf_err *e;
};

int zf_schema_fail(struct zf_schema *r, const struct zf_yaml_node *n,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* n must be of kind; what names it ("agency", "a person"). */
int zf_schema_want(struct zf_schema *r, const struct zf_yaml_node *n,
    enum zf_yaml_kind kind, const char *what);
/* The index of s in list (NULL-terminated), or -1. */
int zf_schema_index(const char *const *list, const char *s);
/* Refuses any key of map not in allowed (NULL-terminated). */
int zf_schema_keys(struct zf_schema *r, const struct zf_yaml_node *map,
    const char *section, const char *const *allowed);

/*
 * The scalar member key of map, copied into *out; absent or null, *out
 * is NULL, which required refuses (and so an empty one).
 */
int zf_schema_text(struct zf_schema *r, const struct zf_yaml_node *map,
    const char *key, int required, char **out);
/* The required member key of map, a date YYYY-MM-DD. */
int zf_schema_date(struct zf_schema *r, const struct zf_yaml_node *map,
    const char *key, int32_t *out);
/* The member key of map: true/yes 1, false/no or absent 0. */
int zf_schema_bool(struct zf_schema *r, const struct zf_yaml_node *map,
    const char *key, int *out);
/* The member key of map, a whole number from min to max; absent, *out
 * keeps its value. */
int zf_schema_int(struct zf_schema *r, const struct zf_yaml_node *map,
    const char *key, long min, long max, int *out);
/* The member key of map, a list of scalars; absent, an empty list. */
int zf_schema_list(struct zf_schema *r, const struct zf_yaml_node *map,
    const char *key, char ***out);
void zf_schema_free_list(char **list);

#endif
