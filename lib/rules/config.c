/* config: zhifa.yaml against its schema. */
#include "rules/config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/io.h"
#include "base/json.h"
#include "base/money.h"
#include "rules/procedure.h"
#include "rules/redact.h"
#include "base/when.h"
#include "base/yaml.h"

#define CONFIG_MAX_BYTES (4 << 20)

static void free_list(char **list);

struct reader {
	const char *file;
	struct zf_err *e;
};

static int
fail_at(struct reader *r, const struct zf_yaml_node *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail_at(struct reader *r, const struct zf_yaml_node *n, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return zf_fail(r->e, EX_CONFIG, "%s:%u:%u: %s", r->file,
	    n ? n->line : 1, n ? n->column : 1, msg);
}

static const char *
kind_word(const struct zf_yaml_node *n)
{
	switch (n->kind) {
	case ZF_YAML_MAPPING:
		return "a mapping";
	case ZF_YAML_SEQUENCE:
		return "a list";
	default:
		return "a scalar";
	}
}

/* Refuses any key of map not in allowed (NULL-terminated). */
static int
check_keys(struct reader *r, const struct zf_yaml_node *map,
    const char *section, const char *const *allowed)
{
	size_t i, j;

	for (i = 0; i < map->count; i++) {
		const char *k = map->keys[i]->text;

		for (j = 0; allowed[j] != NULL; j++)
			if (strcmp(k, allowed[j]) == 0)
				break;
		if (allowed[j] == NULL) {
			struct zf_buf b;
			int rc;

			zf_buf_init(&b);
			for (j = 0; allowed[j] != NULL; j++)
				zf_buf_printf(&b, "%s%s", j ? ", " : "",
				    allowed[j]);
			rc = fail_at(r, map->keys[i], "unknown key '%s' in %s "
			    "(known: %s)", k, section, b.data);
			zf_buf_release(&b);
			return rc;
		}
	}
	return 0;
}

static int
want(struct reader *r, const struct zf_yaml_node *n, enum zf_yaml_kind kind,
    const char *what)
{
	static const char *const names[] = { "a scalar", "a list",
	    "a mapping" };

	if (n->kind != kind)
		return fail_at(r, n, "%s must be %s, not %s", what,
		    names[kind], kind_word(n));
	return 0;
}

/* A scalar member; *out stays NULL when absent and not required. */
static int
get_text(struct reader *r, const struct zf_yaml_node *map, const char *key,
    int required, char **out)
{
	const struct zf_yaml_node *n = zf_yaml_get(map, key);

	*out = NULL;
	if (n == NULL || zf_yaml_is_null(n)) {
		if (required)
			return fail_at(r, n ? n : map, "'%s' is required", key);
		return 0;
	}
	if (want(r, n, ZF_YAML_SCALAR, key) != 0)
		return r->e->code;
	if (n->len == 0 && required)
		return fail_at(r, n, "'%s' must not be empty", key);
	if (memchr(n->text, '\0', n->len) != NULL)
		return fail_at(r, n, "'%s' holds a NUL byte", key);
	*out = xstrdup(n->text);
	return 0;
}

static int
get_date(struct reader *r, const struct zf_yaml_node *map, const char *key,
    int32_t *out)
{
	const struct zf_yaml_node *n = zf_yaml_get(map, key);

	if (n == NULL)
		return fail_at(r, map, "'%s' is required", key);
	if (want(r, n, ZF_YAML_SCALAR, key) != 0)
		return r->e->code;
	if (zf_date_parse(n->text, out) != 0)
		return fail_at(r, n, "'%s' must be a date YYYY-MM-DD, not '%s'",
		    key, n->text);
	return 0;
}

static int
get_bool(struct reader *r, const struct zf_yaml_node *map, const char *key,
    int *out)
{
	const struct zf_yaml_node *n = zf_yaml_get(map, key);

	*out = 0;
	if (n == NULL)
		return 0;
	if (want(r, n, ZF_YAML_SCALAR, key) != 0)
		return r->e->code;
	if (n->plain && (strcmp(n->text, "true") == 0 ||
	    strcmp(n->text, "yes") == 0)) {
		*out = 1;
		return 0;
	}
	if (n->plain && (strcmp(n->text, "false") == 0 ||
	    strcmp(n->text, "no") == 0))
		return 0;
	return fail_at(r, n, "'%s' must be true or false, not '%s'", key,
	    n->text);
}

static int
get_text_list(struct reader *r, const struct zf_yaml_node *map,
    const char *key, char ***out)
{
	const struct zf_yaml_node *n = zf_yaml_get(map, key);
	size_t i;

	*out = xcalloc(1, sizeof(char *));
	if (n == NULL)
		return 0;
	if (want(r, n, ZF_YAML_SEQUENCE, key) != 0)
		return r->e->code;
	*out = xrealloc(*out, (n->count + 1) * sizeof(char *));
	(*out)[0] = NULL;
	for (i = 0; i < n->count; i++) {
		if (want(r, n->items[i], ZF_YAML_SCALAR, key) != 0)
			return r->e->code;
		(*out)[i] = xstrdup(n->items[i]->text);
		(*out)[i + 1] = NULL;
	}
	return 0;
}

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

static int
read_agency(struct reader *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	static const char *const keys[] = { "name", "code", "short",
	    "timezone", NULL };
	const struct zf_yaml_node *n = zf_yaml_get(root, "agency");

	if (n == NULL)
		return fail_at(r, root, "'agency' is required");
	if (want(r, n, ZF_YAML_MAPPING, "agency") != 0 ||
	    check_keys(r, n, "agency", keys) != 0 ||
	    get_text(r, n, "name", 1, &c->agency_name) != 0 ||
	    get_text(r, n, "code", 0, &c->agency_code) != 0 ||
	    get_text(r, n, "short", 1, &c->agency_short) != 0 ||
	    get_text(r, n, "timezone", 0, &c->zone) != 0)
		return r->e->code;
	if (c->zone == NULL)
		c->zone = xstrdup("Asia/Shanghai");
	if (zf_zone_offset(c->zone, &c->offset) != 0)
		return fail_at(r, zf_yaml_get(n, "timezone"), "unknown time "
		    "zone '%s' (use a +08:00 zone name such as Asia/Shanghai, "
		    "or an offset like +08:00)", c->zone);
	return 0;
}

static int
read_numbering(struct reader *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	static const char *const keys[] = { "case", "decision", NULL };
	const struct zf_yaml_node *n = zf_yaml_get(root, "numbering");

	if (n != NULL && (want(r, n, ZF_YAML_MAPPING, "numbering") != 0 ||
	    check_keys(r, n, "numbering", keys) != 0 ||
	    get_text(r, n, "case", 0, &c->case_number) != 0 ||
	    get_text(r, n, "decision", 0, &c->decision_number) != 0))
		return r->e->code;
	if (c->case_number == NULL)
		c->case_number = xstrdup("{short}{kind}立〔{year}〕{n}号");
	if (c->decision_number == NULL)
		c->decision_number = xstrdup("{short}{kind}决〔{year}〕{n}号");
	if (strstr(c->case_number, "{n") == NULL)
		return fail_at(r, zf_yaml_get(n, "case"), "the case number "
		    "format must contain {n}, the case's number in its year");
	if (strstr(c->decision_number, "{n") == NULL)
		return fail_at(r, zf_yaml_get(n, "decision"), "the decision "
		    "number format must contain {n}, its number in the year");
	return 0;
}

static int
read_certificate(struct reader *r, struct zf_person *p,
    const struct zf_yaml_node *n)
{
	static const char *const keys[] = { "number", "valid_from",
	    "valid_to", NULL };

	if (want(r, n, ZF_YAML_MAPPING, "certificate") != 0 ||
	    check_keys(r, n, "certificate", keys) != 0 ||
	    get_text(r, n, "number", 1, &p->certificate) != 0 ||
	    get_date(r, n, "valid_from", &p->cert_from) != 0 ||
	    get_date(r, n, "valid_to", &p->cert_to) != 0)
		return r->e->code;
	if (p->cert_to < p->cert_from)
		return fail_at(r, n, "certificate of '%s' ends before it "
		    "starts", p->id);
	p->has_cert = 1;
	return 0;
}

static int
read_person(struct reader *r, struct zf_person *p,
    const struct zf_yaml_node *n)
{
	static const char *const keys[] = { "id", "name", "role", "login",
	    "certificate", "legal_qualification", "fields", NULL };
	static const char *const roles[] = { "officer", "clerk", "reviewer",
	    "head", NULL };
	const struct zf_yaml_node *cert;
	char *role = NULL;
	int i, rc;

	if (want(r, n, ZF_YAML_MAPPING, "a person") != 0 ||
	    check_keys(r, n, "a person", keys) != 0 ||
	    get_text(r, n, "id", 1, &p->id) != 0)
		return r->e->code;
	if (!valid_id(p->id))
		return fail_at(r, zf_yaml_get(n, "id"), "person id '%s' must "
		    "be lowercase ASCII letters, digits, '-', '_' or '.'",
		    p->id);
	if (get_text(r, n, "name", 1, &p->name) != 0 ||
	    get_text(r, n, "role", 1, &role) != 0 ||
	    get_text(r, n, "login", 0, &p->login) != 0 ||
	    get_bool(r, n, "legal_qualification",
	    &p->legal_qualification) != 0 ||
	    get_text_list(r, n, "fields", &p->fields) != 0) {
		free(role);
		return r->e->code;
	}
	for (i = 0; roles[i] != NULL; i++)
		if (strcmp(role, roles[i]) == 0)
			break;
	if (roles[i] == NULL) {
		rc = fail_at(r, zf_yaml_get(n, "role"), "role '%s' of '%s' "
		    "is not one of officer, clerk, reviewer, head", role,
		    p->id);
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

static int
read_people(struct reader *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	const struct zf_yaml_node *n = zf_yaml_get(root, "people");
	size_t i, j;

	if (n == NULL)
		return fail_at(r, root, "'people' is required");
	if (want(r, n, ZF_YAML_SEQUENCE, "people") != 0)
		return r->e->code;
	c->people = xcalloc(n->count ? n->count : 1, sizeof(*c->people));
	for (i = 0; i < n->count; i++) {
		c->npeople = i + 1;
		if (read_person(r, &c->people[i], n->items[i]) != 0)
			return r->e->code;
		for (j = 0; j < i; j++) {
			if (strcmp(c->people[j].id, c->people[i].id) == 0)
				return fail_at(r, n->items[i], "person id "
				    "'%s' is used twice", c->people[i].id);
			if (c->people[i].login && c->people[j].login &&
			    strcmp(c->people[j].login,
			    c->people[i].login) == 0)
				return fail_at(r, n->items[i], "login '%s' "
				    "belongs to two people",
				    c->people[i].login);
		}
	}
	return 0;
}

/* A step named in a rule: one of the procedure's, or "filed". */
static int
known_step(const char *name)
{
	return strcmp(name, "filed") == 0 || zf_step_find(name) != NULL;
}

static int
get_steps(struct reader *r, const struct zf_yaml_node *map, const char *key,
    char ***out)
{
	const struct zf_yaml_node *n = zf_yaml_get(map, key);
	size_t i;

	if (get_text_list(r, map, key, out) != 0)
		return r->e->code;
	for (i = 0; (*out)[i] != NULL; i++)
		if (!known_step((*out)[i]))
			return fail_at(r, n->items[i], "'%s' is not a step "
			    "(see case-step(1))", (*out)[i]);
	return 0;
}

static int
read_rule(struct reader *r, struct zf_rule *rule, const struct zf_yaml_node *n)
{
	static const char *const keys[] = { "id", "what", "kinds", "from",
		"when", "days", "unit", "done", "extend", "extend_max", "party",
		"blocks", "basis", NULL };
	static const char *const conditions[] = { "party-absent", "fine",
		"granted", "published", NULL };
	const struct zf_yaml_node *k;
	char **kinds = NULL, **when = NULL, *days = NULL, *unit = NULL;
	char *extend_max = NULL;
	size_t i, j;
	int rc = 0;

	if (want(r, n, ZF_YAML_MAPPING, "a deadline rule") != 0 ||
	    check_keys(r, n, "a deadline rule", keys) != 0 ||
	    get_text(r, n, "id", 1, &rule->id) != 0 ||
	    get_text(r, n, "what", 1, &rule->what) != 0 ||
	    get_text(r, n, "basis", 1, &rule->basis) != 0 ||
	    get_text(r, n, "from", 1, &rule->from) != 0 ||
	    get_text(r, n, "extend", 0, &rule->extend) != 0 ||
	    get_text(r, n, "days", 1, &days) != 0 ||
	    get_text(r, n, "extend_max", 0, &extend_max) != 0 ||
	    get_text(r, n, "unit", 1, &unit) != 0 ||
	    get_bool(r, n, "party", &rule->party) != 0 ||
	    get_text_list(r, n, "kinds", &kinds) != 0 ||
	    get_text_list(r, n, "when", &when) != 0 ||
	    get_steps(r, n, "done", &rule->done) != 0 ||
	    get_steps(r, n, "blocks", &rule->blocks) != 0) {
		rc = r->e->code;
		goto out;
	}
	if (!known_step(rule->from)) {
		rc = fail_at(r, zf_yaml_get(n, "from"), "'%s' is not a step "
		    "(see case-step(1))", rule->from);
		goto out;
	}
	if (rule->extend != NULL && strcmp(rule->extend, "extend") != 0) {
		rc = fail_at(r, zf_yaml_get(n, "extend"), "only the step "
		    "extend (延期) extends a deadline, not '%s'", rule->extend);
		goto out;
	}
	if (rule->blocks[0] != NULL && !rule->party) {
		rc = fail_at(r, zf_yaml_get(n, "blocks"), "only a party's "
		    "period (party: true) keeps steps back");
		goto out;
	}
	rule->days = atoi(days);
	if (strspn(days, "0123456789") != strlen(days) || rule->days < 1 ||
	    rule->days > 3660) {
		rc = fail_at(r, zf_yaml_get(n, "days"), "days must be a whole "
		    "number from 1 to 3660, not '%s'", days);
		goto out;
	}
	if (extend_max != NULL) {
		rule->extend_max = atoi(extend_max);
		if (strspn(extend_max, "0123456789") != strlen(extend_max) ||
		    rule->extend_max < 1 || rule->extend_max > 3660 ||
		    rule->extend == NULL) {
			rc = fail_at(r, zf_yaml_get(n, "extend_max"),
			    "extend_max must be a number of days from 1 to "
			    "3660, for a rule that names extend");
			goto out;
		}
	}
	if (strcmp(unit, "working") == 0)
		rule->working = 1;
	else if (strcmp(unit, "calendar") != 0) {
		rc = fail_at(r, zf_yaml_get(n, "unit"), "unit must be working "
		    "(工作日) or calendar (自然日), not '%s'", unit);
		goto out;
	}
	k = zf_yaml_get(n, "kinds");
	for (i = 0; kinds[i] != NULL; i++) {
		unsigned bit = zf_kind_bit(kinds[i]);

		if (bit == 0) {
			rc = fail_at(r, k->items[i], "'%s' is not a kind of "
			    "case", kinds[i]);
			goto out;
		}
		rule->kinds |= bit;
	}
	if (kinds[0] == NULL)
		rule->kinds = ZF_KIND_ALL;
	k = zf_yaml_get(n, "when");
	for (i = 0; when[i] != NULL; i++) {
		for (j = 0; conditions[j] != NULL; j++)
			if (strcmp(when[i], conditions[j]) == 0)
				break;
		if (conditions[j] == NULL) {
			rc = fail_at(r, k->items[i], "condition '%s' is not "
			    "one of party-absent, fine, granted, published",
			    when[i]);
			goto out;
		}
		rule->when |= 1u << j;
	}
out:
	free_list(kinds);
	free_list(when);
	free(days);
	free(unit);
	free(extend_max);
	return rc;
}

static void free_rules(struct zf_rule *rules, size_t n);

static int
read_rules(struct reader *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	const struct zf_yaml_node *n = zf_yaml_get(root, "deadlines");
	size_t i, j;

	if (n == NULL)
		return 0;	/* take_shipped gives the shipped rules */
	if (want(r, n, ZF_YAML_SEQUENCE, "deadlines") != 0)
		return r->e->code;
	c->rules = xcalloc(n->count ? n->count : 1, sizeof(*c->rules));
	for (i = 0; i < n->count; i++) {
		c->nrules = i + 1;
		if (read_rule(r, &c->rules[i], n->items[i]) != 0)
			return r->e->code;
		for (j = 0; j < i; j++)
			if (strcmp(c->rules[j].id, c->rules[i].id) == 0)
				return fail_at(r, n->items[i], "rule id '%s' "
				    "is used twice", c->rules[i].id);
	}
	return 0;
}

static int
read_dates(struct reader *r, const struct zf_yaml_node *map, const char *key,
    int32_t **out, size_t *n)
{
	const struct zf_yaml_node *list = zf_yaml_get(map, key);
	size_t i;

	*n = 0;
	if (list == NULL)
		return 0;
	if (want(r, list, ZF_YAML_SEQUENCE, key) != 0)
		return r->e->code;
	*out = xcalloc(list->count ? list->count : 1, sizeof(**out));
	for (i = 0; i < list->count; i++) {
		if (want(r, list->items[i], ZF_YAML_SCALAR, key) != 0)
			return r->e->code;
		if (zf_date_parse(list->items[i]->text, &(*out)[i]) != 0)
			return fail_at(r, list->items[i], "'%s' is not a date "
			    "YYYY-MM-DD", list->items[i]->text);
		*n = i + 1;
	}
	return 0;
}

static int
read_calendar(struct reader *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	static const char *const keys[] = { "on", "off", NULL };
	const struct zf_yaml_node *n = zf_yaml_get(root, "calendar");

	if (n == NULL)
		return 0;
	if (want(r, n, ZF_YAML_MAPPING, "calendar") != 0 ||
	    check_keys(r, n, "calendar", keys) != 0 ||
	    read_dates(r, n, "on", &c->cal_on, &c->ncal_on) != 0 ||
	    read_dates(r, n, "off", &c->cal_off, &c->ncal_off) != 0)
		return r->e->code;
	return 0;
}

static void free_catalog(struct zf_major_rule *rules, size_t n);

static const char *const party_names[] = { "person", "org", "business",
	NULL };

/* The kinds list of n as ZF_KIND_* bits; none given: every kind. */
static int
kind_bits(struct reader *r, const struct zf_yaml_node *n, char **kinds,
    unsigned *bits)
{
	const struct zf_yaml_node *k = zf_yaml_get(n, "kinds");
	size_t i;

	*bits = 0;
	for (i = 0; kinds[i] != NULL; i++) {
		unsigned bit = zf_kind_bit(kinds[i]);

		if (bit == 0)
			return fail_at(r, k->items[i], "'%s' is not a kind of "
			    "case", kinds[i]);
		*bits |= bit;
	}
	if (kinds[0] == NULL)
		*bits = ZF_KIND_ALL;
	return 0;
}

static int
check_parties(struct reader *r, const struct zf_yaml_node *n, char **list)
{
	const struct zf_yaml_node *k = zf_yaml_get(n, "party");
	size_t i, j;

	for (i = 0; list[i] != NULL; i++) {
		for (j = 0; party_names[j] != NULL; j++)
			if (strcmp(list[i], party_names[j]) == 0)
				break;
		if (party_names[j] == NULL)
			return fail_at(r, k->items[i], "party '%s' is not "
			    "person, org or business", list[i]);
	}
	return 0;
}

/* The measures list of n, each kept by its name however it was written. */
static int
measure_names(struct reader *r, const struct zf_yaml_node *n, char **list)
{
	const struct zf_yaml_node *k = zf_yaml_get(n, "measures");
	size_t i;

	for (i = 0; list[i] != NULL; i++) {
		const struct zf_measure *def = zf_measure_find(list[i]);

		if (def == NULL)
			return fail_at(r, k->items[i], "'%s' is not a measure "
			    "(see decision-issue(1))", list[i]);
		free(list[i]);
		list[i] = xstrdup(def->name);
	}
	return 0;
}

static int
read_major_rule(struct reader *r, struct zf_major_rule *m,
    const struct zf_yaml_node *n)
{
	static const char *const keys[] = { "id", "reason", "kinds", "party",
		"conduct", "fine_at_least", "inclusive", "measures", "hearing",
		NULL };
	char **kinds = NULL, *conduct = NULL, *fine = NULL;
	int rc = 0;

	m->fine_fen = -1;
	m->inclusive = 1;
	if (want(r, n, ZF_YAML_MAPPING, "a catalog rule") != 0 ||
	    check_keys(r, n, "a catalog rule", keys) != 0 ||
	    get_text(r, n, "id", 1, &m->id) != 0 ||
	    get_text(r, n, "reason", 1, &m->reason) != 0 ||
	    get_text(r, n, "conduct", 0, &conduct) != 0 ||
	    get_text(r, n, "fine_at_least", 0, &fine) != 0 ||
	    get_text_list(r, n, "kinds", &kinds) != 0 ||
	    get_text_list(r, n, "party", &m->parties) != 0 ||
	    get_text_list(r, n, "measures", &m->measures) != 0 ||
	    get_bool(r, n, "hearing", &m->hearing) != 0) {
		rc = r->e->code;
		goto out;
	}
	if (zf_yaml_get(n, "inclusive") != NULL &&
	    get_bool(r, n, "inclusive", &m->inclusive) != 0) {
		rc = r->e->code;
		goto out;
	}
	if ((rc = kind_bits(r, n, kinds, &m->kinds)) != 0 ||
	    (rc = check_parties(r, n, m->parties)) != 0)
		goto out;
	if (conduct != NULL) {
		if (strcmp(conduct, "business") == 0)
			m->conduct = ZF_CONDUCT_BUSINESS;
		else if (strcmp(conduct, "non-business") == 0)
			m->conduct = ZF_CONDUCT_NON_BUSINESS;
		else {
			rc = fail_at(r, zf_yaml_get(n, "conduct"), "conduct must "
			    "be business (经营性) or non-business (非经营性)");
			goto out;
		}
	}
	if (fine != NULL && zf_money_parse(fine, &m->fine_fen) != 0) {
		rc = fail_at(r, zf_yaml_get(n, "fine_at_least"), "'%s' is not "
		    "an amount of yuan", fine);
		goto out;
	}
	if ((rc = measure_names(r, n, m->measures)) != 0)
		goto out;
	if (m->fine_fen < 0 && m->measures[0] == NULL && !m->hearing) {
		rc = fail_at(r, n, "catalog rule '%s' names no condition: give "
		    "fine_at_least, measures or hearing", m->id);
		goto out;
	}
out:
	free_list(kinds);
	free(conduct);
	free(fine);
	return rc;
}

static int
read_catalog(struct reader *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	const struct zf_yaml_node *n = zf_yaml_get(root, "catalog");
	const struct zf_yaml_node *rv = zf_yaml_get(root, "review");
	static const char *const review_keys[] = { "qualification", NULL };
	size_t i, j;

	c->review_qualification = 1;
	if (rv != NULL && (want(r, rv, ZF_YAML_MAPPING, "review") != 0 ||
	    check_keys(r, rv, "review", review_keys) != 0 ||
	    (zf_yaml_get(rv, "qualification") != NULL && get_bool(r, rv,
	    "qualification", &c->review_qualification) != 0)))
		return r->e->code;
	if (n == NULL)
		return 0;	/* take_shipped gives the shipped catalog */
	if (want(r, n, ZF_YAML_SEQUENCE, "catalog") != 0)
		return r->e->code;
	c->catalog = xcalloc(n->count ? n->count : 1, sizeof(*c->catalog));
	for (i = 0; i < n->count; i++) {
		c->ncatalog = i + 1;
		if (read_major_rule(r, &c->catalog[i], n->items[i]) != 0)
			return r->e->code;
		for (j = 0; j < i; j++)
			if (strcmp(c->catalog[j].id, c->catalog[i].id) == 0)
				return fail_at(r, n->items[i], "catalog rule "
				    "'%s' is used twice", c->catalog[i].id);
	}
	return 0;
}

/* Publication: the standing information, periods and redaction. */

/* A scalar copied into a JSON object when present. */
static int
copy_text(struct reader *r, const struct zf_yaml_node *map, const char *key,
    int required, struct zf_json *to)
{
	char *v;

	if (get_text(r, map, key, required, &v) != 0)
		return r->e->code;
	if (v != NULL)
		zf_json_set_str(to, key, v);
	free(v);
	return 0;
}

/* A list of mappings of scalars with the given keys, as a JSON array. */
static int
copy_items(struct reader *r, const struct zf_yaml_node *map, const char *key,
    const char *const *keys, size_t nrequired, struct zf_json *to)
{
	const struct zf_yaml_node *n = zf_yaml_get(map, key);
	struct zf_json *list = zf_json_array();
	size_t i, j;

	zf_json_set(to, key, list);
	if (n == NULL)
		return 0;
	if (want(r, n, ZF_YAML_SEQUENCE, key) != 0)
		return r->e->code;
	for (i = 0; i < n->count; i++) {
		struct zf_json *item = zf_json_object();

		zf_json_push(list, item);
		if (want(r, n->items[i], ZF_YAML_MAPPING, key) != 0 ||
		    check_keys(r, n->items[i], key, keys) != 0)
			return r->e->code;
		for (j = 0; keys[j] != NULL; j++)
			if (copy_text(r, n->items[i], keys[j], j < nrequired,
			    item) != 0)
				return r->e->code;
	}
	return 0;
}

static int
read_period(struct reader *r, struct zf_period *p,
    const struct zf_yaml_node *n)
{
	static const char *const keys[] = { "kinds", "party", "measures",
		"months", NULL };
	char **kinds = NULL, *months = NULL, *end;
	long v;
	int rc = 0;

	if (want(r, n, ZF_YAML_MAPPING, "a publicity period") != 0 ||
	    check_keys(r, n, "a publicity period", keys) != 0 ||
	    get_text_list(r, n, "kinds", &kinds) != 0 ||
	    get_text_list(r, n, "party", &p->parties) != 0 ||
	    get_text_list(r, n, "measures", &p->measures) != 0 ||
	    check_parties(r, n, p->parties) != 0 ||
	    get_text(r, n, "months", 1, &months) != 0) {
		rc = r->e->code;
		goto out;
	}
	if ((rc = kind_bits(r, n, kinds, &p->kinds)) != 0 ||
	    (rc = measure_names(r, n, p->measures)) != 0)
		goto out;
	errno = 0;
	v = strtol(months, &end, 10);
	if (errno != 0 || *end != '\0' || end == months || v < 1 || v > 60) {
		rc = fail_at(r, zf_yaml_get(n, "months"), "months must be a "
		    "whole number from 1 to 60, not '%s'", months);
		goto out;
	}
	if ((p->kinds & ZF_KIND_PENALTY) && v < 3) {
		rc = fail_at(r, zf_yaml_get(n, "months"), "a penalty stays "
		    "public at least 3 months (信用修复管理办法): %ld is too few",
		    v);
		goto out;
	}
	p->months = (int)v;
out:
	free_list(kinds);
	free(months);
	return rc;
}

static int
read_redact_rule(struct reader *r, struct zf_redact_rule *rr,
    const struct zf_yaml_node *n)
{
	static const char *const keys[] = { "field", "audience", "party",
		"mask", NULL };
	static const char *const fields[] = { "party", "party_id",
		"party_rep", "address", "phone", "cause", "outcome", "basis",
		NULL };
	char *audience = NULL;
	size_t i;
	int rc = 0;

	if (want(r, n, ZF_YAML_MAPPING, "a redaction rule") != 0 ||
	    check_keys(r, n, "a redaction rule", keys) != 0 ||
	    get_text(r, n, "field", 1, &rr->field) != 0 ||
	    get_text(r, n, "audience", 0, &audience) != 0 ||
	    get_text(r, n, "mask", 1, &rr->mask) != 0 ||
	    get_text_list(r, n, "party", &rr->parties) != 0 ||
	    check_parties(r, n, rr->parties) != 0) {
		rc = r->e->code;
		goto out;
	}
	for (i = 0; fields[i] != NULL; i++)
		if (strcmp(rr->field, fields[i]) == 0)
			break;
	if (fields[i] == NULL) {
		rc = fail_at(r, zf_yaml_get(n, "field"), "field '%s' is not "
		    "one of party, party_id, party_rep, address, phone, cause, "
		    "outcome, basis", rr->field);
		goto out;
	}
	if (audience == NULL || strcmp(audience, "public") == 0)
		rr->audience = ZF_AUDIENCE_PUBLIC;
	else if (strcmp(audience, "sharing") == 0)
		rr->audience = ZF_AUDIENCE_SHARING;
	else {
		rc = fail_at(r, zf_yaml_get(n, "audience"), "audience must be "
		    "public (公众) or sharing (政务共享), not '%s'", audience);
		goto out;
	}
	if (zf_redact_mask_valid(rr->mask) != 0)
		rc = fail_at(r, zf_yaml_get(n, "mask"), "mask '%s' is not one "
		    "of keep, drop, ends:H:T, name, address, phone, id",
		    rr->mask);
out:
	free(audience);
	return rc;
}

static int
read_publication(struct reader *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	static const char *const keys[] = { "address", "phone", "site",
		"subjects", "powers", "bases", "inspections", "remedies",
		"periods", NULL };
	static const char *const named[] = { "name", "basis", NULL };
	static const char *const inspections[] = { "item", "basis",
		"frequency", NULL };
	static const char *const remedy_keys[] = { "review", "court", NULL };
	const struct zf_yaml_node *n = zf_yaml_get(root, "publication");
	const struct zf_yaml_node *rd = zf_yaml_get(root, "redaction");
	const struct zf_yaml_node *k;
	char **bases = NULL;
	size_t i;

	c->standing = zf_json_object();
	if (n != NULL) {
		struct zf_json *list;

		if (want(r, n, ZF_YAML_MAPPING, "publication") != 0 ||
		    check_keys(r, n, "publication", keys) != 0 ||
		    copy_text(r, n, "address", 0, c->standing) != 0 ||
		    copy_text(r, n, "phone", 0, c->standing) != 0 ||
		    copy_text(r, n, "site", 0, c->standing) != 0 ||
		    copy_items(r, n, "subjects", named, 2, c->standing) != 0 ||
		    copy_items(r, n, "powers", named, 2, c->standing) != 0 ||
		    copy_items(r, n, "inspections", inspections, 2,
		    c->standing) != 0 ||
		    get_text_list(r, n, "bases", &bases) != 0) {
			free_list(bases);
			return r->e->code;
		}
		list = zf_json_array();
		for (i = 0; bases[i] != NULL; i++)
			zf_json_push(list, zf_json_string(bases[i]));
		zf_json_set(c->standing, "bases", list);
		free_list(bases);
		if ((k = zf_yaml_get(n, "remedies")) != NULL) {
			struct zf_json *rem = zf_json_object();

			zf_json_set(c->standing, "remedies", rem);
			if (want(r, k, ZF_YAML_MAPPING, "remedies") != 0 ||
			    check_keys(r, k, "remedies", remedy_keys) != 0 ||
			    copy_text(r, k, "review", 1, rem) != 0 ||
			    copy_text(r, k, "court", 1, rem) != 0)
				return r->e->code;
		}
		if ((k = zf_yaml_get(n, "periods")) != NULL) {
			if (want(r, k, ZF_YAML_SEQUENCE, "periods") != 0)
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
	if (want(r, rd, ZF_YAML_SEQUENCE, "redaction") != 0)
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

/*
 * The deadline rules and the catalog an agency leaves out of its
 * zhifa.yaml are the shipped ones: the sample's, parsed once.
 */
static int
take_shipped(struct reader *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	int rules = zf_yaml_get(root, "deadlines") == NULL;
	int catalog = zf_yaml_get(root, "catalog") == NULL;
	const struct zf_yaml_node *pub = zf_yaml_get(root, "publication");
	int periods = pub == NULL || zf_yaml_get(pub, "periods") == NULL;
	int redaction = zf_yaml_get(root, "redaction") == NULL;
	struct zf_config *sample;

	if (!rules && !catalog && !periods && !redaction)
		return 0;
	if (zf_config_parse("(shipped rules)", zf_config_sample,
	    strlen(zf_config_sample), c->suite, &sample, r->e) != 0)
		return r->e->code;
	if (rules) {
		c->rules = sample->rules;
		c->nrules = sample->nrules;
		sample->rules = NULL;
		sample->nrules = 0;
	}
	if (catalog) {
		c->catalog = sample->catalog;
		c->ncatalog = sample->ncatalog;
		sample->catalog = NULL;
		sample->ncatalog = 0;
	}
	if (periods) {
		c->periods = sample->periods;
		c->nperiods = sample->nperiods;
		sample->periods = NULL;
		sample->nperiods = 0;
	}
	if (redaction) {
		c->redaction = sample->redaction;
		c->nredaction = sample->nredaction;
		sample->redaction = NULL;
		sample->nredaction = 0;
	}
	zf_config_free(sample);
	return 0;
}

int
zf_config_parse(const char *name, const char *bytes, size_t len, int suite,
    struct zf_config **out, struct zf_err *e)
{
	static const char *const keys[] = { "agency", "numbering", "people",
		"calendar", "deadlines", "catalog", "review", "publication",
		"redaction", NULL };
	struct zf_yaml_doc *doc;
	struct zf_config *c;
	struct reader r = { name, e };
	const struct zf_yaml_node *root;
	char msg[1024];
	int rc = 0;

	*out = NULL;
	doc = zf_yaml_parse(name, bytes, len, msg, sizeof(msg));
	if (doc == NULL)
		return zf_fail(e, EX_CONFIG, "%s", msg);
	c = xcalloc(1, sizeof(*c));
	c->path = xstrdup(name);
	c->bytes = xstrndup(bytes, len);
	c->len = len;
	c->suite = suite;
	if (doc->ndocs != 1) {
		rc = zf_fail(e, EX_CONFIG, "%s:1:1: expected one YAML document, "
		    "found %zu", name, doc->ndocs);
		goto out;
	}
	root = doc->docs[0];
	if (want(&r, root, ZF_YAML_MAPPING, "the configuration") != 0 ||
	    check_keys(&r, root, "the configuration", keys) != 0 ||
	    read_agency(&r, c, root) != 0 ||
	    read_numbering(&r, c, root) != 0 ||
	    read_people(&r, c, root) != 0 ||
	    read_calendar(&r, c, root) != 0 ||
	    read_rules(&r, c, root) != 0 ||
	    read_catalog(&r, c, root) != 0 ||
	    read_publication(&r, c, root) != 0 ||
	    take_shipped(&r, c, root) != 0)
		rc = e->code;
out:
	zf_yaml_free(doc);
	if (rc != 0) {
		zf_config_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

int
zf_config_load(const char *path, int suite, struct zf_config **out,
    struct zf_err *e)
{
	struct zf_buf b;
	int fd, rc;

	*out = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return zf_fail(e, errno == ENOENT ? EX_NOINPUT : EX_CONFIG,
		    "cannot read '%s': %s", path, strerror(errno));
	zf_buf_init(&b);
	if (zf_read_fd(fd, CONFIG_MAX_BYTES, &b) != 0) {
		if (errno == EFBIG)
			rc = zf_fail(e, EX_CONFIG, "%s: larger than %d bytes",
			    path, CONFIG_MAX_BYTES);
		else
			rc = zf_fail(e, EX_IOERR, "cannot read '%s': %s", path,
			    strerror(errno));
		goto out;
	}
	rc = zf_config_parse(path, b.data, b.len, suite, out, e);
out:
	close(fd);
	zf_buf_release(&b);
	return rc;
}

static void
free_list(char **list)
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; list[i] != NULL; i++)
		free(list[i]);
	free(list);
}

static void
free_rules(struct zf_rule *rules, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rules[i].id);
		free(rules[i].what);
		free(rules[i].basis);
		free(rules[i].from);
		free(rules[i].extend);
		free_list(rules[i].done);
		free_list(rules[i].blocks);
	}
	free(rules);
}

static void
free_catalog(struct zf_major_rule *rules, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rules[i].id);
		free(rules[i].reason);
		free_list(rules[i].parties);
		free_list(rules[i].measures);
	}
	free(rules);
}

void
zf_config_free(struct zf_config *c)
{
	size_t i;

	if (c == NULL)
		return;
	free_rules(c->rules, c->nrules);
	free_catalog(c->catalog, c->ncatalog);
	free(c->cal_on);
	free(c->cal_off);
	free(c->decision_number);
	for (i = 0; i < c->npeople; i++) {
		struct zf_person *p = &c->people[i];

		free(p->id);
		free(p->name);
		free(p->login);
		free(p->certificate);
		free_list(p->fields);
	}
	free(c->people);
	for (i = 0; i < c->nperiods; i++) {
		free_list(c->periods[i].parties);
		free_list(c->periods[i].measures);
	}
	free(c->periods);
	for (i = 0; i < c->nredaction; i++) {
		free(c->redaction[i].field);
		free(c->redaction[i].mask);
		free_list(c->redaction[i].parties);
	}
	free(c->redaction);
	zf_json_free(c->standing);
	free(c->path);
	free(c->bytes);
	free(c->agency_name);
	free(c->agency_code);
	free(c->agency_short);
	free(c->zone);
	free(c->case_number);
	free(c);
}

const uint8_t *
zf_config_digest(struct zf_config *c)
{
	if (!c->have_digest) {
		zf_digest_buf(c->suite, c->bytes, c->len, c->digest);
		c->have_digest = 1;
	}
	return c->digest;
}

const struct zf_person *
zf_config_person(const struct zf_config *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->npeople; i++)
		if (strcmp(c->people[i].id, id) == 0)
			return &c->people[i];
	return NULL;
}

const struct zf_person *
zf_config_person_by_login(const struct zf_config *c, const char *login)
{
	size_t i;

	for (i = 0; i < c->npeople; i++)
		if (c->people[i].login != NULL &&
		    strcmp(c->people[i].login, login) == 0)
			return &c->people[i];
	return NULL;
}

int
zf_person_cert_valid(const struct zf_person *p, int32_t day)
{
	return p->has_cert && day >= p->cert_from && day <= p->cert_to;
}

const char *
zf_role_name(enum zf_role r)
{
	static const char *const names[] = { "officer", "clerk", "reviewer",
	    "head" };

	return names[r];
}

const struct zf_rule *
zf_config_rule(const struct zf_config *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->nrules; i++)
		if (strcmp(c->rules[i].id, id) == 0)
			return &c->rules[i];
	return NULL;
}

char *
zf_config_number(const struct zf_config *c, const char *template,
    const char *kind_char, int year, int64_t n)
{
	struct zf_buf b;
	const char *p = template;

	zf_buf_init(&b);
	while (*p != '\0') {
		if (strncmp(p, "{short}", 7) == 0) {
			zf_buf_addstr(&b, c->agency_short);
			p += 7;
		} else if (strncmp(p, "{kind}", 6) == 0) {
			zf_buf_addstr(&b, kind_char);
			p += 6;
		} else if (strncmp(p, "{year}", 6) == 0) {
			zf_buf_printf(&b, "%d", year);
			p += 6;
		} else if (strncmp(p, "{n}", 3) == 0) {
			zf_buf_printf(&b, "%lld", (long long)n);
			p += 3;
		} else if (strncmp(p, "{n:", 3) == 0 && p[3] >= '1' &&
		    p[3] <= '9' && p[4] == '}') {
			zf_buf_printf(&b, "%0*lld", p[3] - '0', (long long)n);
			p += 5;
		} else {
			zf_buf_addch(&b, *p++);
		}
	}
	return zf_buf_detach(&b, NULL);
}

static int
in_list(char *const *list, const char *s)
{
	size_t i;

	if (list == NULL || list[0] == NULL)
		return 1;
	for (i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

const char *
zf_config_mask(const struct zf_config *c, const char *field, int audience,
    const char *party_kind)
{
	size_t i;

	for (i = 0; i < c->nredaction; i++) {
		const struct zf_redact_rule *rr = &c->redaction[i];

		if (rr->audience == audience && strcmp(rr->field, field) == 0 &&
		    in_list(rr->parties, party_kind))
			return rr->mask;
	}
	return "keep";
}

int
zf_config_period(const struct zf_config *c, const char *kind,
    const char *party_kind, const char *const *measures, size_t n)
{
	unsigned bit = zf_kind_bit(kind);
	size_t i, j;

	for (i = 0; i < c->nperiods; i++) {
		const struct zf_period *p = &c->periods[i];

		if (!(p->kinds & bit) || !in_list(p->parties, party_kind))
			continue;
		if (p->measures != NULL && p->measures[0] != NULL) {
			for (j = 0; j < n; j++)
				if (!in_list(p->measures, measures[j]))
					break;
			if (n == 0 || j < n)
				continue;
		}
		return p->months;
	}
	return 36;
}
