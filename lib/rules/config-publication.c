/*
 * config-publication: the publication section of zhifa.yaml (the
 * standing information, the publicity periods) and the redaction rules.
 */
#include "rules/config-read.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "rules/procedure.h"
#include "rules/redact.h"

/* Publication: the standing information, periods and redaction. */

/* A scalar copied into a JSON object when present. */
static int
copy_text(struct zf_schema *r, const struct zf_yaml_node *map, const char *key,
    int required, struct zf_json *to)
{
	char *v;

	if (zf_schema_text(r, map, key, required, &v) != 0)
		return r->e->code;
	if (v != NULL)
		zf_json_set_str(to, key, v);
	free(v);
	return 0;
}

/* A list of mappings of scalars with the given keys, as a JSON array. */
static int
copy_items(struct zf_schema *r, const struct zf_yaml_node *map, const char *key,
    const char *const *keys, size_t nrequired, struct zf_json *to)
{
	const struct zf_yaml_node *n = zf_yaml_get(map, key);
	struct zf_json *list = zf_json_array();
	size_t i, j;

	zf_json_set(to, key, list);
	if (n == NULL)
		return 0;
	if (zf_schema_want(r, n, ZF_YAML_SEQUENCE, key) != 0)
		return r->e->code;
	for (i = 0; i < n->count; i++) {
		struct zf_json *item = zf_json_object();

		zf_json_push(list, item);
		if (zf_schema_want(r, n->items[i], ZF_YAML_MAPPING, key) != 0 ||
		    zf_schema_keys(r, n->items[i], key, keys) != 0)
			return r->e->code;
		for (j = 0; keys[j] != NULL; j++)
			if (copy_text(r, n->items[i], keys[j], j < nrequired,
			    item) != 0)
				return r->e->code;
	}
	return 0;
}

static int
read_period(struct zf_schema *r, struct zf_period *p,
    const struct zf_yaml_node *n)
{
	static const char *const keys[] = { "kinds", "party", "measures",
		"fields", "months", "minimum", "basis", NULL };
	char **kinds = NULL, *months = NULL, *end;
	long v;
	int rc = 0;

	if (zf_schema_want(r, n, ZF_YAML_MAPPING, "a publicity period") != 0 ||
	    zf_schema_keys(r, n, "a publicity period", keys) != 0 ||
	    zf_schema_list(r, n, "kinds", &kinds) != 0 ||
	    zf_schema_list(r, n, "party", &p->parties) != 0 ||
	    zf_schema_list(r, n, "measures", &p->measures) != 0 ||
	    zf_schema_list(r, n, "fields", &p->fields) != 0 ||
	    zf_schema_bool(r, n, "minimum", &p->minimum) != 0 ||
	    zf_config_parties(r, n, p->parties) != 0 ||
	    zf_schema_text(r, n, "months", 1, &months) != 0) {
		rc = r->e->code;
		goto out;
	}
	if ((rc = zf_config_kinds(r, n, kinds, &p->kinds)) != 0 ||
	    (rc = zf_config_measures(r, n, p->measures)) != 0)
		goto out;
	errno = 0;
	v = strtol(months, &end, 10);
	if (errno != 0 || *end != '\0' || end == months || v < 1 || v > 60) {
		rc = zf_schema_fail(r, zf_yaml_get(n, "months"), "months must "
		    "be a whole number from 1 to 60, not '%s'", months);
		goto out;
	}
	if ((p->kinds & ZF_KIND_PENALTY) && v < 3) {
		rc = zf_schema_fail(r, zf_yaml_get(n, "months"), "a penalty "
		    "stays public at least 3 months (信用修复管理办法): %ld is "
		    "too few", v);
		goto out;
	}
	p->months = (int)v;
out:
	zf_schema_free_list(kinds);
	free(months);
	return rc;
}

static int
read_redact_rule(struct zf_schema *r, struct zf_redact_rule *rr,
    const struct zf_yaml_node *n)
{
	static const char *const keys[] = { "field", "audience", "party",
		"mask", NULL };
	static const char *const fields[] = { "party", "party_id",
		"party_rep", "address", "phone", "cause", "outcome", "basis",
		NULL };
	char *audience = NULL;
	int rc = 0;

	if (zf_schema_want(r, n, ZF_YAML_MAPPING, "a redaction rule") != 0 ||
	    zf_schema_keys(r, n, "a redaction rule", keys) != 0 ||
	    zf_schema_text(r, n, "field", 1, &rr->field) != 0 ||
	    zf_schema_text(r, n, "audience", 0, &audience) != 0 ||
	    zf_schema_text(r, n, "mask", 1, &rr->mask) != 0 ||
	    zf_schema_list(r, n, "party", &rr->parties) != 0 ||
	    zf_config_parties(r, n, rr->parties) != 0) {
		rc = r->e->code;
		goto out;
	}
	if (zf_schema_index(fields, rr->field) < 0) {
		rc = zf_schema_fail(r, zf_yaml_get(n, "field"), "field '%s' is "
		    "not one of party, party_id, party_rep, address, phone, "
		    "cause, outcome, basis", rr->field);
		goto out;
	}
	if (audience == NULL || strcmp(audience, "public") == 0)
		rr->audience = ZF_AUDIENCE_PUBLIC;
	else if (strcmp(audience, "sharing") == 0)
		rr->audience = ZF_AUDIENCE_SHARING;
	else {
		rc = zf_schema_fail(r, zf_yaml_get(n, "audience"), "audience "
		    "must be public (公众) or sharing (政务共享), not '%s'",
		    audience);
		goto out;
	}
	if (zf_redact_mask_valid(rr->mask) != 0)
		rc = zf_schema_fail(r, zf_yaml_get(n, "mask"), "mask '%s' is "
		    "not one of keep, drop, ends:H:T, name, address, phone, id",
		    rr->mask);
out:
	free(audience);
	return rc;
}

int
zf_config_read_publication(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	static const char *const keys[] = { "address", "phone", "site",
		"subjects", "powers", "bases", "inspections", "remedies",
		"periods", "approvers", "guide", "complaints", NULL };
	static const char *const named[] = { "name", "basis", NULL };
	static const char *const inspections[] = { "item", "basis",
		"frequency", NULL };
	static const char *const remedy_keys[] = { "review", "court", NULL };
	static const char *const guide_keys[] = { "item", "conditions",
		"basis", "materials", NULL };
	static const char *const complaint_keys[] = { "phone", "address",
		"online", NULL };
	const struct zf_yaml_node *n = zf_yaml_get(root, "publication");
	const struct zf_yaml_node *rd = zf_yaml_get(root, "redaction");
	const struct zf_yaml_node *k;
	char **bases = NULL;
	size_t i;

	c->standing = zf_json_object();
	if (n != NULL) {
		struct zf_json *list;

		if (zf_schema_want(r, n, ZF_YAML_MAPPING, "publication") != 0 ||
		    zf_schema_keys(r, n, "publication", keys) != 0 ||
		    copy_text(r, n, "address", 0, c->standing) != 0 ||
		    copy_text(r, n, "phone", 0, c->standing) != 0 ||
		    copy_text(r, n, "site", 0, c->standing) != 0 ||
		    copy_items(r, n, "subjects", named, 2, c->standing) != 0 ||
		    copy_items(r, n, "powers", named, 2, c->standing) != 0 ||
		    copy_items(r, n, "inspections", inspections, 2,
		    c->standing) != 0 ||
		    copy_items(r, n, "guide", guide_keys, 3,
		    c->standing) != 0 ||
		    zf_schema_list(r, n, "bases", &bases) != 0 ||
		    zf_schema_list(r, n, "approvers", &c->approvers) != 0) {
			zf_schema_free_list(bases);
			return r->e->code;
		}
		for (i = 0; c->approvers[i] != NULL; i++)
			if (zf_config_person(c, c->approvers[i]) == NULL ||
			    zf_config_person(c, c->approvers[i])->role ==
			    ZF_ROLE_SERVICE)
				return zf_schema_fail(r, zf_yaml_get(n,
				    "approvers")->items[i], "approver '%s' is "
				    "not a person of people: (nor the service "
				    "account)", c->approvers[i]);
		list = zf_json_array();
		for (i = 0; bases[i] != NULL; i++)
			zf_json_push(list, zf_json_string(bases[i]));
		zf_json_set(c->standing, "bases", list);
		zf_schema_free_list(bases);
		if ((k = zf_yaml_get(n, "remedies")) != NULL) {
			struct zf_json *rem = zf_json_object();

			zf_json_set(c->standing, "remedies", rem);
			if (zf_schema_want(r, k, ZF_YAML_MAPPING,
			    "remedies") != 0 ||
			    zf_schema_keys(r, k, "remedies",
			    remedy_keys) != 0 ||
			    copy_text(r, k, "review", 1, rem) != 0 ||
			    copy_text(r, k, "court", 1, rem) != 0)
				return r->e->code;
		}
		if ((k = zf_yaml_get(n, "complaints")) != NULL) {
			struct zf_json *cp = zf_json_object();

			zf_json_set(c->standing, "complaints", cp);
			if (zf_schema_want(r, k, ZF_YAML_MAPPING,
			    "complaints") != 0 ||
			    zf_schema_keys(r, k, "complaints",
			    complaint_keys) != 0 ||
			    copy_text(r, k, "phone", 1, cp) != 0 ||
			    copy_text(r, k, "address", 0, cp) != 0 ||
			    copy_text(r, k, "online", 0, cp) != 0)
				return r->e->code;
		}
		if ((k = zf_yaml_get(n, "periods")) != NULL) {
			if (zf_schema_want(r, k, ZF_YAML_SEQUENCE,
			    "periods") != 0)
				return r->e->code;
			c->periods = xcalloc(k->count ? k->count : 1,
			    sizeof(*c->periods));
			for (i = 0; i < k->count; i++) {
				c->nperiods = i + 1;
				if (read_period(r, &c->periods[i],
				    k->items[i]) != 0)
					return r->e->code;
			}
		}
	}
	if (rd == NULL)
		return 0;
	if (zf_schema_want(r, rd, ZF_YAML_SEQUENCE, "redaction") != 0)
		return r->e->code;
	c->redaction = xcalloc(rd->count ? rd->count : 1,
	    sizeof(*c->redaction));
	for (i = 0; i < rd->count; i++) {
		c->nredaction = i + 1;
		if (read_redact_rule(r, &c->redaction[i], rd->items[i]) != 0)
			return r->e->code;
	}
	return 0;
}
