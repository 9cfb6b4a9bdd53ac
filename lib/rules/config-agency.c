/*
 * config-agency: the agency's sections of zhifa.yaml: agency, numbering,
 * people (with their certificates) and the local calendar.
 */
#include "rules/config-read.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/when.h"

/* Ids are typed at prompts and used in events: keep them plain ASCII. */
static int
valid_id(const char *s)
{
	size_t i;

	if (s[0] == '\0' || strlen(s) > 64)
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.'))
			return 0;
	}
	return 1;
}

int
zf_config_read_agency(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	static const char *const keys[] = { "name", "code", "short",
	    "timezone", "level", "seal", NULL };
	static const char *const levels[] = { "province", "city", "county",
	    "town", NULL };
	const struct zf_yaml_node *n = zf_yaml_get(root, "agency");

	if (n == NULL)
		return zf_schema_fail(r, root, "'agency' is required");
	if (zf_schema_want(r, n, ZF_YAML_MAPPING, "agency") != 0 ||
	    zf_schema_keys(r, n, "agency", keys) != 0 ||
	    zf_schema_text(r, n, "name", 1, &c->agency_name) != 0 ||
	    zf_schema_text(r, n, "code", 0, &c->agency_code) != 0 ||
	    zf_schema_text(r, n, "short", 1, &c->agency_short) != 0 ||
	    zf_schema_text(r, n, "timezone", 0, &c->zone) != 0 ||
	    zf_schema_text(r, n, "level", 0, &c->agency_level) != 0 ||
	    zf_schema_text(r, n, "seal", 0, &c->agency_seal) != 0)
		return r->e->code;
	if (c->agency_seal == NULL)
		c->agency_seal = xstrdup(c->agency_name);
	if (c->agency_level == NULL)
		c->agency_level = xstrdup("county");
	if (zf_schema_index(levels, c->agency_level) < 0)
		return zf_schema_fail(r, zf_yaml_get(n, "level"), "level must "
		    "be province (省级), city (市级), county (县级) or town "
		    "(乡镇), not '%s'", c->agency_level);
	if (c->zone == NULL)
		c->zone = xstrdup("Asia/Shanghai");
	if (zf_zone_offset(c->zone, &c->offset) != 0)
		return zf_schema_fail(r, zf_yaml_get(n, "timezone"),
		    "unknown time zone '%s' (use a +08:00 zone name such as "
		    "Asia/Shanghai, or an offset like +08:00)", c->zone);
	return 0;
}

/*
 * numbering.documents: a 文号 template for each kind of document that
 * carries one (doc-render --list names them), each with {n}.
 */
static int
read_doc_numbers(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *n)
{
	size_t i;

	if (n == NULL)
		return 0;
	if (zf_schema_want(r, n, ZF_YAML_MAPPING, "numbering.documents") != 0)
		return r->e->code;
	c->doc_numbers = xcalloc(n->count ? n->count : 1,
	    sizeof(*c->doc_numbers));
	for (i = 0; i < n->count; i++) {
		const struct zf_yaml_node *k = n->keys[i], *v = n->items[i];

		if (v->kind != ZF_YAML_SCALAR || strstr(v->text, "{n") == NULL)
			return zf_schema_fail(r, v, "numbering.documents.%s "
			    "must be a number format containing {n}, its "
			    "number in the year", k->text);
		c->doc_numbers[i].type = xstrdup(k->text);
		c->doc_numbers[i].format = xstrdup(v->text);
		c->ndoc_numbers++;
	}
	return 0;
}

const char *
zf_config_doc_number(const struct zf_config *c, const char *type)
{
	size_t i;

	for (i = 0; i < c->ndoc_numbers; i++)
		if (strcmp(c->doc_numbers[i].type, type) == 0)
			return c->doc_numbers[i].format;
	return NULL;
}

int
zf_config_read_numbering(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	static const char *const keys[] = { "case", "decision", "documents",
	    NULL };
	const struct zf_yaml_node *n = zf_yaml_get(root, "numbering");

	if (n != NULL && (zf_schema_want(r, n, ZF_YAML_MAPPING,
	    "numbering") != 0 ||
	    zf_schema_keys(r, n, "numbering", keys) != 0 ||
	    zf_schema_text(r, n, "case", 0, &c->case_number) != 0 ||
	    zf_schema_text(r, n, "decision", 0, &c->decision_number) != 0 ||
	    read_doc_numbers(r, c, zf_yaml_get(n, "documents")) != 0))
		return r->e->code;
	if (c->case_number == NULL)
		c->case_number = xstrdup("{short}{kind}立〔{year}〕{n}号");
	if (c->decision_number == NULL)
		c->decision_number = xstrdup("{short}{kind}决〔{year}〕{n}号");
	if (strstr(c->case_number, "{n") == NULL)
		return zf_schema_fail(r, zf_yaml_get(n, "case"), "the case "
		    "number format must contain {n}, the case's number in its "
		    "year");
	if (strstr(c->decision_number, "{n") == NULL)
		return zf_schema_fail(r, zf_yaml_get(n, "decision"), "the "
		    "decision number format must contain {n}, its number in "
		    "the year");
	return 0;
}

static int
read_certificate(struct zf_schema *r, struct zf_person *p,
    const struct zf_yaml_node *n)
{
	static const char *const keys[] = { "number", "valid_from",
	    "valid_to", NULL };

	if (zf_schema_want(r, n, ZF_YAML_MAPPING, "certificate") != 0 ||
	    zf_schema_keys(r, n, "certificate", keys) != 0 ||
	    zf_schema_text(r, n, "number", 1, &p->certificate) != 0 ||
	    zf_schema_date(r, n, "valid_from", &p->cert_from) != 0 ||
	    zf_schema_date(r, n, "valid_to", &p->cert_to) != 0)
		return r->e->code;
	if (p->cert_to < p->cert_from)
		return zf_schema_fail(r, n, "certificate of '%s' ends before "
		    "it starts", p->id);
	p->has_cert = 1;
	return 0;
}

static int
read_person(struct zf_schema *r, struct zf_person *p,
    const struct zf_yaml_node *n)
{
	static const char *const keys[] = { "id", "name", "role", "login",
	    "certificate", "legal_qualification", "fields", "conflicts",
	    NULL };
	static const char *const roles[] = { "officer", "clerk", "reviewer",
	    "head", "service", NULL };
	const struct zf_yaml_node *cert;
	char *role = NULL;
	int i, rc;

	if (zf_schema_want(r, n, ZF_YAML_MAPPING, "a person") != 0 ||
	    zf_schema_keys(r, n, "a person", keys) != 0 ||
	    zf_schema_text(r, n, "id", 1, &p->id) != 0)
		return r->e->code;
	if (!valid_id(p->id))
		return zf_schema_fail(r, zf_yaml_get(n, "id"), "person id "
		    "'%s' must be lowercase ASCII letters, digits, '-', '_' or "
		    "'.'", p->id);
	if (zf_schema_text(r, n, "name", 1, &p->name) != 0 ||
	    zf_schema_text(r, n, "role", 1, &role) != 0 ||
	    zf_schema_text(r, n, "login", 0, &p->login) != 0 ||
	    zf_schema_bool(r, n, "legal_qualification",
	    &p->legal_qualification) != 0 ||
	    zf_schema_list(r, n, "fields", &p->fields) != 0 ||
	    zf_schema_list(r, n, "conflicts", &p->conflicts) != 0) {
		free(role);
		return r->e->code;
	}
	if ((i = zf_schema_index(roles, role)) < 0) {
		rc = zf_schema_fail(r, zf_yaml_get(n, "role"), "role '%s' of "
		    "'%s' is not one of officer, clerk, reviewer, head, "
		    "service", role, p->id);
		free(role);
		return rc;
	}
	free(role);
	p->role = (enum zf_role)i;
	if ((cert = zf_yaml_get(n, "certificate")) != NULL &&
	    !zf_yaml_is_null(cert))
		return read_certificate(r, p, cert);
	return 0;
}

int
zf_config_read_people(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	const struct zf_yaml_node *n = zf_yaml_get(root, "people");
	size_t i, j;

	if (n == NULL)
		return zf_schema_fail(r, root, "'people' is required");
	if (zf_schema_want(r, n, ZF_YAML_SEQUENCE, "people") != 0)
		return r->e->code;
	if (n->count == 0)
		return zf_schema_fail(r, n, "'people' lists nobody: every act "
		    "is done by a person of the agency");
	c->people = xcalloc(n->count ? n->count : 1, sizeof(*c->people));
	for (i = 0; i < n->count; i++) {
		c->npeople = i + 1;
		if (read_person(r, &c->people[i], n->items[i]) != 0)
			return r->e->code;
		for (j = 0; j < i; j++) {
			if (strcmp(c->people[j].id, c->people[i].id) == 0)
				return zf_schema_fail(r, n->items[i],
				    "person id '%s' is used twice",
				    c->people[i].id);
			if (c->people[i].login && c->people[j].login &&
			    strcmp(c->people[j].login,
			    c->people[i].login) == 0)
				return zf_schema_fail(r, n->items[i],
				    "login '%s' belongs to two people",
				    c->people[i].login);
		}
	}
	return 0;
}

static int
read_dates(struct zf_schema *r, const struct zf_yaml_node *map, const char *key,
    int32_t **out, size_t *n)
{
	const struct zf_yaml_node *list = zf_yaml_get(map, key);
	size_t i;

	*n = 0;
	if (list == NULL)
		return 0;
	if (zf_schema_want(r, list, ZF_YAML_SEQUENCE, key) != 0)
		return r->e->code;
	*out = xcalloc(list->count ? list->count : 1, sizeof(**out));
	for (i = 0; i < list->count; i++) {
		if (zf_schema_want(r, list->items[i], ZF_YAML_SCALAR, key) != 0)
			return r->e->code;
		if (zf_date_parse(list->items[i]->text, &(*out)[i]) != 0)
			return zf_schema_fail(r, list->items[i], "'%s' is not "
			    "a date YYYY-MM-DD", list->items[i]->text);
		*n = i + 1;
	}
	return 0;
}

int
zf_config_read_calendar(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	static const char *const keys[] = { "on", "off", NULL };
	const struct zf_yaml_node *n = zf_yaml_get(root, "calendar");

	if (n == NULL)
		return 0;
	if (zf_schema_want(r, n, ZF_YAML_MAPPING, "calendar") != 0 ||
	    zf_schema_keys(r, n, "calendar", keys) != 0 ||
	    read_dates(r, n, "on", &c->cal_on, &c->ncal_on) != 0 ||
	    read_dates(r, n, "off", &c->cal_off, &c->ncal_off) != 0)
		return r->e->code;
	return 0;
}
