/*
 * config-rules: the procedure's sections of zhifa.yaml: the deadline
 * rules, the catalog of major decisions and its review, and the lists
 * of kinds, parties and measures that publication's rules share.
 */
#include "rules/config-read.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/money.h"
#include "rules/procedure.h"

/* A step named in a rule: one of the procedure's, or "filed". */
static int
known_step(const char *name)
{
	return strcmp(name, "filed") == 0 || zf_step_find(name) != NULL;
}

static int
get_steps(struct zf_schema *r, const struct zf_yaml_node *map, const char *key,
    char ***out)
{
	const struct zf_yaml_node *n = zf_yaml_get(map, key);
	size_t i;

	if (zf_schema_list(r, map, key, out) != 0)
		return r->e->code;
	for (i = 0; (*out)[i] != NULL; i++)
		if (!known_step((*out)[i]))
			return zf_schema_fail(r, n->items[i], "'%s' is not a "
			    "step (see case-step(1))", (*out)[i]);
	return 0;
}

static int
read_rule(struct zf_schema *r, struct zf_rule *rule,
    const struct zf_yaml_node *n)
{
	static const char *const keys[] = { "id", "what", "kinds", "from",
		"when", "days", "unit", "done", "extend", "extend_max", "party",
		"blocks", "closes", "holds", "basis", NULL };
	static const char *const conditions[] = { "party-absent", "fine",
		"granted", "published", NULL };
	const struct zf_yaml_node *k;
	char **kinds = NULL, **when = NULL, *days = NULL, *unit = NULL;
	char *extend_max = NULL;
	size_t i;
	int j, rc = 0;

	if (zf_schema_want(r, n, ZF_YAML_MAPPING, "a deadline rule") != 0 ||
	    zf_schema_keys(r, n, "a deadline rule", keys) != 0 ||
	    zf_schema_text(r, n, "id", 1, &rule->id) != 0 ||
	    zf_schema_text(r, n, "what", 1, &rule->what) != 0 ||
	    zf_schema_text(r, n, "basis", 1, &rule->basis) != 0 ||
	    zf_schema_text(r, n, "from", 1, &rule->from) != 0 ||
	    zf_schema_text(r, n, "extend", 0, &rule->extend) != 0 ||
	    zf_schema_text(r, n, "days", 1, &days) != 0 ||
	    zf_schema_text(r, n, "extend_max", 0, &extend_max) != 0 ||
	    zf_schema_text(r, n, "unit", 1, &unit) != 0 ||
	    zf_schema_bool(r, n, "party", &rule->party) != 0 ||
	    zf_schema_list(r, n, "kinds", &kinds) != 0 ||
	    zf_schema_list(r, n, "when", &when) != 0 ||
	    get_steps(r, n, "done", &rule->done) != 0 ||
	    get_steps(r, n, "blocks", &rule->blocks) != 0 ||
	    get_steps(r, n, "closes", &rule->closes) != 0 ||
	    get_steps(r, n, "holds", &rule->holds) != 0) {
		rc = r->e->code;
		goto out;
	}
	if (!known_step(rule->from)) {
		rc = zf_schema_fail(r, zf_yaml_get(n, "from"), "'%s' is not a "
		    "step (see case-step(1))", rule->from);
		goto out;
	}
	if (rule->extend != NULL && strcmp(rule->extend, "extend") != 0) {
		rc = zf_schema_fail(r, zf_yaml_get(n, "extend"), "only the "
		    "step extend (延期) extends a deadline, not '%s'",
		    rule->extend);
		goto out;
	}
	if (rule->blocks[0] != NULL && !rule->party) {
		rc = zf_schema_fail(r, zf_yaml_get(n, "blocks"), "only a "
		    "party's period (party: true) keeps steps back");
		goto out;
	}
	rule->days = atoi(days);
	if (strspn(days, "0123456789") != strlen(days) || rule->days < 1 ||
	    rule->days > 3660) {
		rc = zf_schema_fail(r, zf_yaml_get(n, "days"), "days must be a "
		    "whole number from 1 to 3660, not '%s'", days);
		goto out;
	}
	if (extend_max != NULL) {
		rule->extend_max = atoi(extend_max);
		if (strspn(extend_max, "0123456789") != strlen(extend_max) ||
		    rule->extend_max < 1 || rule->extend_max > 3660 ||
		    rule->extend == NULL) {
			rc = zf_schema_fail(r, zf_yaml_get(n, "extend_max"),
			    "extend_max must be a number of days from 1 to "
			    "3660, for a rule that names extend");
			goto out;
		}
	}
	if (strcmp(unit, "working") == 0)
		rule->working = 1;
	else if (strcmp(unit, "calendar") != 0) {
		rc = zf_schema_fail(r, zf_yaml_get(n, "unit"), "unit must be "
		    "working (工作日) or calendar (自然日), not '%s'", unit);
		goto out;
	}
	if ((rc = zf_config_kinds(r, n, kinds, &rule->kinds)) != 0)
		goto out;
	k = zf_yaml_get(n, "when");
	for (i = 0; when[i] != NULL; i++) {
		if ((j = zf_schema_index(conditions, when[i])) < 0) {
			rc = zf_schema_fail(r, k->items[i], "condition '%s' "
			    "is not one of party-absent, fine, granted, "
			    "published", when[i]);
			goto out;
		}
		rule->when |= 1u << j;
	}
out:
	zf_schema_free_list(kinds);
	zf_schema_free_list(when);
	free(days);
	free(unit);
	free(extend_max);
	return rc;
}

int
zf_config_read_rules(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	const struct zf_yaml_node *n = zf_yaml_get(root, "deadlines");
	size_t i, j;

	if (n == NULL)
		return 0;	/* take_shipped gives the shipped rules */
	if (zf_schema_want(r, n, ZF_YAML_SEQUENCE, "deadlines") != 0)
		return r->e->code;
	c->rules = xcalloc(n->count ? n->count : 1, sizeof(*c->rules));
	for (i = 0; i < n->count; i++) {
		c->nrules = i + 1;
		if (read_rule(r, &c->rules[i], n->items[i]) != 0)
			return r->e->code;
		for (j = 0; j < i; j++)
			if (strcmp(c->rules[j].id, c->rules[i].id) == 0)
				return zf_schema_fail(r, n->items[i], "rule "
				    "id '%s' is used twice", c->rules[i].id);
	}
	return 0;
}

static const char *const party_names[] = { "person", "org", "business",
	NULL };

/* The kinds list of n as ZF_KIND_* bits; none given: every kind. */
int
zf_config_kinds(struct zf_schema *r, const struct zf_yaml_node *n, char **kinds,
    unsigned *bits)
{
	const struct zf_yaml_node *k = zf_yaml_get(n, "kinds");
	size_t i;

	*bits = 0;
	for (i = 0; kinds[i] != NULL; i++) {
		unsigned bit = zf_kind_bit(kinds[i]);

		if (bit == 0)
			return zf_schema_fail(r, k->items[i], "'%s' is not a "
			    "kind of case", kinds[i]);
		*bits |= bit;
	}
	if (kinds[0] == NULL)
		*bits = ZF_KIND_ALL;
	return 0;
}

int
zf_config_parties(struct zf_schema *r, const struct zf_yaml_node *n,
    char **list)
{
	const struct zf_yaml_node *k = zf_yaml_get(n, "party");
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (zf_schema_index(party_names, list[i]) < 0)
			return zf_schema_fail(r, k->items[i], "party '%s' is "
			    "not person, org or business", list[i]);
	return 0;
}

/* The measures list of n, each kept by its name however it was written. */
int
zf_config_measures(struct zf_schema *r, const struct zf_yaml_node *n,
    char **list)
{
	const struct zf_yaml_node *k = zf_yaml_get(n, "measures");
	size_t i;

	for (i = 0; list[i] != NULL; i++) {
		const struct zf_measure *def = zf_measure_find(list[i]);

		if (def == NULL)
			return zf_schema_fail(r, k->items[i], "'%s' is not a "
			    "measure (see decision-issue(1))", list[i]);
		free(list[i]);
		list[i] = xstrdup(def->name);
	}
	return 0;
}

static int
read_major_rule(struct zf_schema *r, struct zf_major_rule *m,
    const struct zf_yaml_node *n)
{
	static const char *const keys[] = { "id", "reason", "kinds", "party",
		"conduct", "fine_at_least", "inclusive", "measures", "hearing",
		NULL };
	char **kinds = NULL, *conduct = NULL, *fine = NULL;
	int rc = 0;

	m->fine_fen = -1;
	m->inclusive = 1;
	if (zf_schema_want(r, n, ZF_YAML_MAPPING, "a catalog rule") != 0 ||
	    zf_schema_keys(r, n, "a catalog rule", keys) != 0 ||
	    zf_schema_text(r, n, "id", 1, &m->id) != 0 ||
	    zf_schema_text(r, n, "reason", 1, &m->reason) != 0 ||
	    zf_schema_text(r, n, "conduct", 0, &conduct) != 0 ||
	    zf_schema_text(r, n, "fine_at_least", 0, &fine) != 0 ||
	    zf_schema_list(r, n, "kinds", &kinds) != 0 ||
	    zf_schema_list(r, n, "party", &m->parties) != 0 ||
	    zf_schema_list(r, n, "measures", &m->measures) != 0 ||
	    zf_schema_bool(r, n, "hearing", &m->hearing) != 0) {
		rc = r->e->code;
		goto out;
	}
	if (zf_yaml_get(n, "inclusive") != NULL &&
	    zf_schema_bool(r, n, "inclusive", &m->inclusive) != 0) {
		rc = r->e->code;
		goto out;
	}
	if ((rc = zf_config_kinds(r, n, kinds, &m->kinds)) != 0 ||
	    (rc = zf_config_parties(r, n, m->parties)) != 0)
		goto out;
	if (conduct != NULL) {
		if (strcmp(conduct, "business") == 0)
			m->conduct = ZF_CONDUCT_BUSINESS;
		else if (strcmp(conduct, "non-business") == 0)
			m->conduct = ZF_CONDUCT_NON_BUSINESS;
		else {
			rc = zf_schema_fail(r, zf_yaml_get(n, "conduct"),
			    "conduct must be business (经营性) or non-business "
			    "(非经营性)");
			goto out;
		}
	}
	if (fine != NULL && zf_money_parse(fine, &m->fine_fen) != 0) {
		rc = zf_schema_fail(r, zf_yaml_get(n, "fine_at_least"),
		    "'%s' is not an amount of yuan", fine);
		goto out;
	}
	if ((rc = zf_config_measures(r, n, m->measures)) != 0)
		goto out;
	if (m->fine_fen < 0 && m->measures[0] == NULL && !m->hearing) {
		rc = zf_schema_fail(r, n, "catalog rule '%s' names no "
		    "condition: give fine_at_least, measures or hearing",
		    m->id);
		goto out;
	}
out:
	zf_schema_free_list(kinds);
	free(conduct);
	free(fine);
	return rc;
}

int
zf_config_read_catalog(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	const struct zf_yaml_node *n = zf_yaml_get(root, "catalog");
	const struct zf_yaml_node *rv = zf_yaml_get(root, "review");
	static const char *const review_keys[] = { "qualification", NULL };
	size_t i, j;

	c->review_qualification = 1;
	if (rv != NULL && (zf_schema_want(r, rv, ZF_YAML_MAPPING,
	    "review") != 0 ||
	    zf_schema_keys(r, rv, "review", review_keys) != 0 ||
	    (zf_yaml_get(rv, "qualification") != NULL && zf_schema_bool(r, rv,
	    "qualification", &c->review_qualification) != 0)))
		return r->e->code;
	if (n == NULL)
		return 0;	/* take_shipped gives the shipped catalog */
	if (zf_schema_want(r, n, ZF_YAML_SEQUENCE, "catalog") != 0)
		return r->e->code;
	c->catalog = xcalloc(n->count ? n->count : 1, sizeof(*c->catalog));
	for (i = 0; i < n->count; i++) {
		c->ncatalog = i + 1;
		if (read_major_rule(r, &c->catalog[i], n->items[i]) != 0)
			return r->e->code;
		for (j = 0; j < i; j++)
			if (strcmp(c->catalog[j].id, c->catalog[i].id) == 0)
				return zf_schema_fail(r, n->items[i],
				    "catalog rule '%s' is used twice",
				    c->catalog[i].id);
	}
	return 0;
}
