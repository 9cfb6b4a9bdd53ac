/*
 * config-steps: the sections of zhifa.yaml that say what a step needs
 * before it is taken (steps:) and what a penalty decided on the spot may
 * be (summary:, 简易程序).
 */
#include "rules/config-read.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/money.h"
#include "rules/procedure.h"

/* The evidence kinds of evidence-add --kind. */
static const char *const evidence_kinds[] = { "document", "photo", "audio",
	"video", "record", "other", NULL };

static int
check_steps(struct zf_schema *r, const struct zf_yaml_node *n,
    const char *key, char **list)
{
	const struct zf_yaml_node *k = zf_yaml_get(n, key);
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (zf_step_find(list[i]) == NULL)
			return zf_schema_fail(r, k->items[i], "'%s' is not a "
			    "step (see case-step(1))", list[i]);
	return 0;
}

/* Each item a kind of evidence, or several joined by "|" (any of them). */
static int
check_requires(struct zf_schema *r, const struct zf_yaml_node *n,
    char **list)
{
	const struct zf_yaml_node *k = zf_yaml_get(n, "requires");
	size_t i;

	for (i = 0; list[i] != NULL; i++) {
		char *copy = xstrdup(list[i]), *p = copy, *w;
		int bad = 0;

		while ((w = strsep(&p, "|")) != NULL)
			bad |= zf_schema_index(evidence_kinds, w) < 0;
		free(copy);
		if (bad)
			return zf_schema_fail(r, k->items[i], "'%s' is not a "
			    "kind of evidence (document, photo, audio, video, "
			    "record, other; several joined by |)", list[i]);
	}
	return 0;
}

static int
read_step_rule(struct zf_schema *r, struct zf_step_rule *s,
    const struct zf_yaml_node *n)
{
	static const char *const keys[] = { "step", "kinds", "measures",
		"method", "after", "after_any", "requires", "approval",
		"basis", NULL };
	char **kinds = NULL;
	int rc = 0;

	if (zf_schema_want(r, n, ZF_YAML_MAPPING, "a step rule") != 0 ||
	    zf_schema_keys(r, n, "a step rule", keys) != 0 ||
	    zf_schema_text(r, n, "step", 1, &s->step) != 0 ||
	    zf_schema_text(r, n, "basis", 1, &s->basis) != 0 ||
	    zf_schema_text(r, n, "method", 0, &s->method) != 0 ||
	    zf_schema_list(r, n, "kinds", &kinds) != 0 ||
	    zf_schema_list(r, n, "measures", &s->measures) != 0 ||
	    zf_schema_list(r, n, "after", &s->after) != 0 ||
	    zf_schema_list(r, n, "after_any", &s->after_any) != 0 ||
	    zf_schema_list(r, n, "requires", &s->requires) != 0 ||
	    zf_schema_bool(r, n, "approval", &s->approval) != 0 ||
	    zf_config_kinds(r, n, kinds, &s->kinds) != 0 ||
	    zf_config_measures(r, n, s->measures) != 0 ||
	    check_steps(r, n, "after", s->after) != 0 ||
	    check_steps(r, n, "after_any", s->after_any) != 0 ||
	    check_requires(r, n, s->requires) != 0) {
		rc = r->e->code;
		goto out;
	}
	if (zf_step_find(s->step) == NULL && strcmp(s->step, "summary")) {
		rc = zf_schema_fail(r, zf_yaml_get(n, "step"), "'%s' is not a "
		    "step (see case-step(1))", s->step);
		goto out;
	}
	if (s->method != NULL && strcmp(s->step, "serve") != 0) {
		rc = zf_schema_fail(r, zf_yaml_get(n, "method"), "method is "
		    "for rules of serve");
		goto out;
	}
	if (s->after[0] == NULL && s->after_any[0] == NULL &&
	    s->requires[0] == NULL && !s->approval)
		rc = zf_schema_fail(r, n, "a rule of step %s asks nothing: "
		    "give after, after_any, requires or approval", s->step);
out:
	zf_schema_free_list(kinds);
	return rc;
}

/* summary: person, org, business (largest fines), measures, basis. */
static int
read_summary(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *n)
{
	static const char *const keys[] = { "person", "org", "business",
		"measures", "basis", NULL };
	static const char *const parties[] = { "person", "org", "business",
		NULL };
	int64_t *caps[] = { &c->summary.person_fen, &c->summary.org_fen,
		&c->summary.business_fen };
	char *v = NULL;
	int i;

	if (zf_schema_want(r, n, ZF_YAML_MAPPING, "summary") != 0 ||
	    zf_schema_keys(r, n, "summary", keys) != 0 ||
	    zf_schema_text(r, n, "basis", 1, &c->summary.basis) != 0 ||
	    zf_schema_list(r, n, "measures", &c->summary.measures) != 0 ||
	    zf_config_measures(r, n, c->summary.measures) != 0)
		return r->e->code;
	for (i = 0; parties[i] != NULL; i++) {
		*caps[i] = -1;
		if (zf_schema_text(r, n, parties[i], 0, &v) != 0)
			return r->e->code;
		if (v != NULL && zf_money_parse(v, caps[i]) != 0) {
			int rc = zf_schema_fail(r, zf_yaml_get(n, parties[i]),
			    "%s: '%s' is not an amount of yuan", parties[i], v);

			free(v);
			return rc;
		}
		free(v);
		v = NULL;
	}
	return 0;
}

int
zf_config_read_steps(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	const struct zf_yaml_node *n = zf_yaml_get(root, "steps");
	const struct zf_yaml_node *sm = zf_yaml_get(root, "summary");
	size_t i;

	c->summary.person_fen = c->summary.org_fen = -1;
	c->summary.business_fen = -1;
	if (sm != NULL && read_summary(r, c, sm) != 0)
		return r->e->code;
	if (n == NULL)
		return 0;	/* take_shipped gives the shipped rules */
	if (zf_schema_want(r, n, ZF_YAML_SEQUENCE, "steps") != 0)
		return r->e->code;
	c->step_rules = xcalloc(n->count ? n->count : 1,
	    sizeof(*c->step_rules));
	for (i = 0; i < n->count; i++) {
		c->nstep_rules = i + 1;
		if (read_step_rule(r, &c->step_rules[i], n->items[i]) != 0)
			return r->e->code;
	}
	return 0;
}

const char *const zf_audit_checks[] = { "late-entry", "document", "order",
	"deadline", "officers", "review", "service", "integrity",
	"secret-read", NULL };

/* audit.points: a mapping of check names to points, 0 to 100. */
static int
read_points(struct zf_schema *r, struct zf_audit *au,
    const struct zf_yaml_node *n)
{
	size_t i;

	if (zf_schema_want(r, n, ZF_YAML_MAPPING, "audit: points") != 0 ||
	    zf_schema_keys(r, n, "audit: points", zf_audit_checks) != 0)
		return r->e->code;
	for (i = 0; zf_audit_checks[i] != NULL; i++)
		if (zf_schema_int(r, n, zf_audit_checks[i], 0, 100,
		    &au->points[i]) != 0)
			return r->e->code;
	return 0;
}

/*
 * audit: steps (step rules, as in steps:, that case-audit checks and
 * no gate does), late_entry {hours, basis}, onsite {steps, basis},
 * secret_reads {reason_min, basis}, points.
 */
int
zf_config_read_audit(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	static const char *const keys[] = { "steps", "late_entry", "onsite",
		"secret_reads", "points", NULL };
	static const char *const late_keys[] = { "hours", "basis", NULL };
	static const char *const onsite_keys[] = { "steps", "basis", NULL };
	static const char *const read_keys[] = { "reason_min", "basis",
		NULL };
	const struct zf_yaml_node *n = zf_yaml_get(root, "audit"), *m;
	struct zf_audit *au = &c->audit;
	size_t i;

	if (n == NULL)
		return 0;	/* take_shipped gives the shipped checklist */
	au->late_entry_hours = 24;
	au->read_reason_min = 4;
	for (i = 0; i < ZF_AUDIT_NCHECKS; i++)
		au->points[i] = 10;
	if (zf_schema_want(r, n, ZF_YAML_MAPPING, "audit") != 0 ||
	    zf_schema_keys(r, n, "audit", keys) != 0)
		return r->e->code;
	if ((m = zf_yaml_get(n, "late_entry")) != NULL &&
	    (zf_schema_want(r, m, ZF_YAML_MAPPING, "late_entry") != 0 ||
	    zf_schema_keys(r, m, "audit: late_entry", late_keys) != 0 ||
	    zf_schema_int(r, m, "hours", 0, 24 * 366,
	    &au->late_entry_hours) != 0 ||
	    zf_schema_text(r, m, "basis", 1, &au->late_entry_basis) != 0))
		return r->e->code;
	if ((m = zf_yaml_get(n, "onsite")) != NULL &&
	    (zf_schema_want(r, m, ZF_YAML_MAPPING, "onsite") != 0 ||
	    zf_schema_keys(r, m, "audit: onsite", onsite_keys) != 0 ||
	    zf_schema_list(r, m, "steps", &au->onsite) != 0 ||
	    check_steps(r, m, "steps", au->onsite) != 0 ||
	    zf_schema_text(r, m, "basis", 1, &au->officers_basis) != 0))
		return r->e->code;
	if ((m = zf_yaml_get(n, "secret_reads")) != NULL &&
	    (zf_schema_want(r, m, ZF_YAML_MAPPING, "secret_reads") != 0 ||
	    zf_schema_keys(r, m, "audit: secret_reads", read_keys) != 0 ||
	    zf_schema_int(r, m, "reason_min", 0, 1000,
	    &au->read_reason_min) != 0 ||
	    zf_schema_text(r, m, "basis", 1, &au->secret_read_basis) != 0))
		return r->e->code;
	if (au->onsite == NULL)
		au->onsite = xcalloc(1, sizeof(char *));
	if ((m = zf_yaml_get(n, "points")) != NULL &&
	    read_points(r, au, m) != 0)
		return r->e->code;
	if ((m = zf_yaml_get(n, "steps")) == NULL)
		return 0;
	if (zf_schema_want(r, m, ZF_YAML_SEQUENCE, "audit: steps") != 0)
		return r->e->code;
	au->steps = xcalloc(m->count ? m->count : 1, sizeof(*au->steps));
	for (i = 0; i < m->count; i++) {
		au->nsteps = i + 1;
		if (read_step_rule(r, &au->steps[i], m->items[i]) != 0)
			return r->e->code;
	}
	return 0;
}
