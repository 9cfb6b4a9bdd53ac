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

static const char *const unit_names[] = { "calendar", "working", "month",
	"hour", NULL };

const char *
zf_unit_name(enum zf_unit u)
{
	return unit_names[u];
}

int
zf_unit_find(const char *name)
{
	return zf_schema_index(unit_names, name);
}

/* days: with unit: working or calendar; or months:; or hours:. */
static int
read_period(struct zf_schema *r, struct zf_rule *rule,
    const struct zf_yaml_node *n)
{
	static const char *const keys[] = { "days", "months", "hours", NULL };
	static const int max[] = { 3660, 120, 720 };
	const char *key = NULL;
	char *v = NULL, *unit = NULL;
	int i, rc = 0;

	for (i = 0; keys[i] != NULL; i++) {
		if (zf_yaml_get(n, keys[i]) == NULL)
			continue;
		if (key != NULL)
			return zf_schema_fail(r, zf_yaml_get(n, keys[i]),
			    "give one of days, months and hours, not both %s "
			    "and %s", key, keys[i]);
		key = keys[i];
	}
	if (key == NULL)
		return zf_schema_fail(r, n, "a deadline rule needs its period: "
		    "days (with unit), months or hours");
	i = zf_schema_index(keys, key);
	if (zf_schema_text(r, n, key, 1, &v) != 0 ||
	    zf_schema_text(r, n, "unit", i == 0, &unit) != 0) {
		rc = r->e->code;
		goto out;
	}
	rule->days = atoi(v);
	if (strspn(v, "0123456789") != strlen(v) || rule->days < 1 ||
	    rule->days > max[i]) {
		rc = zf_schema_fail(r, zf_yaml_get(n, key), "%s must be a "
		    "whole number from 1 to %d, not '%s'", key, max[i], v);
		goto out;
	}
	if (i == 0 && strcmp(unit, "working") == 0)
		rule->unit = ZF_UNIT_WORKING;
	else if (i == 0 && strcmp(unit, "calendar") == 0)
		rule->unit = ZF_UNIT_CALENDAR;
	else if (i == 0) {
		rc = zf_schema_fail(r, zf_yaml_get(n, "unit"), "unit must be "
		    "working (工作日) or calendar (自然日), not '%s'", unit);
		goto out;
	} else if (unit != NULL && strcmp(unit, i == 1 ? "month" : "hour")) {
		rc = zf_schema_fail(r, zf_yaml_get(n, "unit"), "%s are counted "
		    "in %s; leave unit out", key, key);
		goto out;
	} else
		rule->unit = i == 1 ? ZF_UNIT_MONTH : ZF_UNIT_HOUR;
	rule->working = rule->unit == ZF_UNIT_WORKING;
out:
	free(v);
	free(unit);
	return rc;
}

static int
read_rule(struct zf_schema *r, struct zf_rule *rule,
    const struct zf_yaml_node *n)
{
	static const char *const keys[] = { "id", "what", "kinds", "from",
		"when", "measures", "days", "months", "hours", "unit", "exact",
		"after", "done", "extend", "extend_max", "extend_head_max",
		"party", "blocks",
		"closes", "holds", "restart", "pauses", "resumes", "deemed",
		"basis", NULL };
	static const char *const conditions[] = { "party-absent", "fine",
		"granted", "published", NULL };
	const struct zf_yaml_node *k;
	char **kinds = NULL, **when = NULL;
	char *extend_max = NULL, *head_max = NULL;
	size_t i;
	int j, rc = 0;

	if (zf_schema_want(r, n, ZF_YAML_MAPPING, "a deadline rule") != 0 ||
	    zf_schema_keys(r, n, "a deadline rule", keys) != 0 ||
	    zf_schema_text(r, n, "id", 1, &rule->id) != 0 ||
	    zf_schema_text(r, n, "what", 1, &rule->what) != 0 ||
	    zf_schema_text(r, n, "basis", 1, &rule->basis) != 0 ||
	    zf_schema_text(r, n, "from", 1, &rule->from) != 0 ||
	    zf_schema_text(r, n, "extend", 0, &rule->extend) != 0 ||
	    zf_schema_text(r, n, "extend_max", 0, &extend_max) != 0 ||
	    zf_schema_text(r, n, "extend_head_max", 0, &head_max) != 0 ||
	    zf_schema_text(r, n, "after", 0, &rule->after) != 0 ||
	    zf_schema_text(r, n, "deemed", 0, &rule->deemed) != 0 ||
	    read_period(r, rule, n) != 0 ||
	    zf_schema_bool(r, n, "party", &rule->party) != 0 ||
	    zf_schema_bool(r, n, "exact", &rule->exact) != 0 ||
	    zf_schema_list(r, n, "kinds", &kinds) != 0 ||
	    zf_schema_list(r, n, "when", &when) != 0 ||
	    zf_schema_list(r, n, "measures", &rule->measures) != 0 ||
	    zf_config_measures(r, n, rule->measures) != 0 ||
	    get_steps(r, n, "done", &rule->done) != 0 ||
	    get_steps(r, n, "blocks", &rule->blocks) != 0 ||
	    get_steps(r, n, "closes", &rule->closes) != 0 ||
	    get_steps(r, n, "holds", &rule->holds) != 0 ||
	    get_steps(r, n, "restart", &rule->restart) != 0 ||
	    get_steps(r, n, "pauses", &rule->pauses) != 0 ||
	    get_steps(r, n, "resumes", &rule->resumes) != 0) {
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
	if ((rule->pauses[0] == NULL) != (rule->resumes[0] == NULL)) {
		rc = zf_schema_fail(r, n, "pauses and resumes go together: "
		    "the steps that stop the clock and those that start it "
		    "again");
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
	if (head_max != NULL) {
		rule->extend_head_max = atoi(head_max);
		if (strspn(head_max, "0123456789") != strlen(head_max) ||
		    rule->extend_head_max < 1 || rule->extend_max == 0 ||
		    rule->extend_head_max >= rule->extend_max) {
			rc = zf_schema_fail(r, zf_yaml_get(n,
			    "extend_head_max"), "extend_head_max must be a "
			    "number of days below extend_max");
			goto out;
		}
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
	free(extend_max);
	free(head_max);
	return rc;
}

/* after: and deemed: name rules of the same section; after: one that
 * starts at the same step and is counted in days or months. */
static int
check_links(struct zf_schema *r, const struct zf_config *c,
    const struct zf_yaml_node *list)
{
	size_t i;

	for (i = 0; i < c->nrules; i++) {
		const struct zf_rule *x = &c->rules[i], *y;

		if (x->after != NULL && ((y = zf_config_rule(c, x->after)) ==
		    NULL || strcmp(y->from, x->from) != 0 || y->after != NULL ||
		    y->unit == ZF_UNIT_HOUR || x->unit == ZF_UNIT_HOUR))
			return zf_schema_fail(r, zf_yaml_get(list->items[i],
			    "after"), "after: '%s' must be another rule "
			    "counted in days or months from the same step "
			    "(%s), itself not after one", x->after, x->from);
		if (x->deemed != NULL && zf_config_rule(c, x->deemed) == NULL)
			return zf_schema_fail(r, zf_yaml_get(list->items[i],
			    "deemed"), "deemed: '%s' is not a rule",
			    x->deemed);
	}
	return 0;
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
	return check_links(r, c, n);
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
		"fields", "level", "confiscated_at_least", NULL };
	static const char *const levels[] = { "province", "city", "county",
		"town", NULL };
	char **kinds = NULL, *conduct = NULL, *fine = NULL, *conf = NULL;
	size_t i;
	int rc = 0;

	m->fine_fen = -1;
	m->confiscated_fen = -1;
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
	    zf_schema_list(r, n, "fields", &m->fields) != 0 ||
	    zf_schema_list(r, n, "level", &m->levels) != 0 ||
	    zf_schema_text(r, n, "confiscated_at_least", 0, &conf) != 0 ||
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
	if (conf != NULL && zf_money_parse(conf, &m->confiscated_fen) != 0) {
		rc = zf_schema_fail(r, zf_yaml_get(n, "confiscated_at_least"),
		    "'%s' is not an amount of yuan", conf);
		goto out;
	}
	for (i = 0; m->levels[i] != NULL; i++)
		if (zf_schema_index(levels, m->levels[i]) < 0) {
			rc = zf_schema_fail(r, zf_yaml_get(n, "level")->
			    items[i], "level '%s' is not province, city, "
			    "county or town", m->levels[i]);
			goto out;
		}
	if ((rc = zf_config_measures(r, n, m->measures)) != 0)
		goto out;
	if (m->fine_fen < 0 && m->measures[0] == NULL && !m->hearing &&
	    m->confiscated_fen < 0) {
		rc = zf_schema_fail(r, n, "catalog rule '%s' names no "
		    "condition: give fine_at_least, confiscated_at_least, "
		    "measures or hearing", m->id);
		goto out;
	}
out:
	zf_schema_free_list(kinds);
	free(conduct);
	free(fine);
	free(conf);
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
