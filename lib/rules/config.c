/*
 * config: zhifa.yaml loaded and parsed (each section by its reader in
 * config-*.c), the shipped rules taken where the agency gives none, and
 * the lookups over the result.
 */
#include "rules/config.h"
#include "rules/config-read.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/io.h"
#include "base/json.h"
#include "rules/procedure.h"
#include "rules/redact.h"
#include "base/yaml.h"

#define CONFIG_MAX_BYTES (4 << 20)

/* Moves the list field of from, with its count n, to to. */
#define TAKE(to, from, field, n) do {	\
	(to)->field = (from)->field;	\
	(to)->n = (from)->n;		\
	(from)->field = NULL;		\
	(from)->n = 0;			\
} while (0)

/*
 * The deadline rules, the catalog, the publicity periods and the
 * redaction rules an agency leaves out of its zhifa.yaml are the
 * shipped ones: the sample's, parsed once.
 */
static int
take_shipped(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	int rules = zf_yaml_get(root, "deadlines") == NULL;
	int steps = zf_yaml_get(root, "steps") == NULL;
	int summary = zf_yaml_get(root, "summary") == NULL;
	int catalog = zf_yaml_get(root, "catalog") == NULL;
	const struct zf_yaml_node *pub = zf_yaml_get(root, "publication");
	int periods = pub == NULL || zf_yaml_get(pub, "periods") == NULL;
	int redaction = zf_yaml_get(root, "redaction") == NULL;
	int audit = zf_yaml_get(root, "audit") == NULL;
	int retention = zf_yaml_get(root, "retention") == NULL;
	struct zf_config *sample;

	if (!rules && !steps && !summary && !catalog && !periods &&
	    !redaction && !audit && !retention)
		return 0;
	if (zf_config_parse("(shipped rules)", zf_config_sample,
	    strlen(zf_config_sample), c->suite, &sample, r->e) != 0)
		return r->e->code;
	if (rules)
		TAKE(c, sample, rules, nrules);
	if (steps)
		TAKE(c, sample, step_rules, nstep_rules);
	if (summary) {
		c->summary = sample->summary;
		memset(&sample->summary, 0, sizeof(sample->summary));
	}
	if (catalog)
		TAKE(c, sample, catalog, ncatalog);
	if (periods)
		TAKE(c, sample, periods, nperiods);
	if (redaction)
		TAKE(c, sample, redaction, nredaction);
	if (retention) {
		TAKE(c, sample, retention, nretention);
		TAKE(c, sample, evidence_retention, nevidence_retention);
	}
	if (audit) {
		c->audit = sample->audit;
		memset(&sample->audit, 0, sizeof(sample->audit));
	}
	zf_config_free(sample);
	return 0;
}

/* recording: late_entry_max_days, 0 to 366 (default 30). */
static int
read_recording(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	static const char *const keys[] = { "late_entry_max_days", NULL };
	const struct zf_yaml_node *n = zf_yaml_get(root, "recording");

	c->late_entry_max_days = 30;
	if (n == NULL)
		return 0;
	if (zf_schema_want(r, n, ZF_YAML_MAPPING, "recording") != 0 ||
	    zf_schema_keys(r, n, "recording", keys) != 0 ||
	    zf_schema_int(r, n, "late_entry_max_days", 0, 366,
	    &c->late_entry_max_days) != 0)
		return r->e->code;
	return 0;
}

/*
 * sharing: trusted (the verifier keys of the agencies whose exchange
 * bundles are taken in), max_entries (default 100,000) and max_bytes (in
 * bytes, of the files of a bundle; default 8 GiB).
 */
static int
read_sharing(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	static const char *const keys[] = { "trusted", "max_entries",
		"max_bytes", NULL };
	const struct zf_yaml_node *n = zf_yaml_get(root, "sharing");
	int entries = 100000, bytes = -1;
	size_t i;

	c->import_max_entries = entries;
	c->import_max_bytes = (int64_t)8 << 30;
	if (n == NULL) {
		c->trusted = xcalloc(1, sizeof(char *));
		return 0;
	}
	if (zf_schema_want(r, n, ZF_YAML_MAPPING, "sharing") != 0 ||
	    zf_schema_keys(r, n, "sharing", keys) != 0 ||
	    zf_schema_list(r, n, "trusted", &c->trusted) != 0 ||
	    zf_schema_int(r, n, "max_entries", 1, 10000000, &entries) != 0 ||
	    zf_schema_int(r, n, "max_bytes", 1, 2147483647, &bytes) != 0)
		return r->e->code;
	for (i = 0; c->trusted[i] != NULL; i++)
		if (strchr(c->trusted[i], '+') == NULL)
			return zf_schema_fail(r, zf_yaml_get(n, "trusted"),
			    "'%s' is not a verifier key (NAME+ID+KEY, as "
			    "log/agency.vkey of a bundle gives it)",
			    c->trusted[i]);
	c->import_max_entries = entries;
	if (bytes > 0)
		c->import_max_bytes = bytes;
	return 0;
}

int
zf_config_parse(const char *name, const char *bytes, size_t len, int suite,
    struct zf_config **out, struct zf_err *e)
{
	static const char *const keys[] = { "agency", "numbering", "people",
		"calendar", "deadlines", "steps", "summary", "catalog",
		"review", "publication", "redaction", "recording", "audit",
		"sharing", "retention", NULL };
	struct zf_yaml_doc *doc;
	struct zf_config *c;
	struct zf_schema r = { name, e };
	const struct zf_yaml_node *root;
	char msg[1024];
	int rc = 0;

	*out = NULL;
	if (len > CONFIG_MAX_BYTES)
		return zf_fail(e, EX_CONFIG, "%s: larger than %d bytes", name,
		    CONFIG_MAX_BYTES);
	doc = zf_yaml_parse(name, bytes, len, msg, sizeof(msg));
	if (doc == NULL)
		return zf_fail(e, EX_CONFIG, "%s", msg);
	c = xcalloc(1, sizeof(*c));
	c->path = xstrdup(name);
	c->bytes = xstrndup(bytes, len);
	c->len = len;
	c->suite = suite;
	if (doc->ndocs != 1) {
		rc = zf_fail(e, EX_CONFIG, "%s:1:1: expected one YAML "
		    "document, found %zu", name, doc->ndocs);
		goto out;
	}
	root = doc->docs[0];
	if (zf_schema_want(&r, root, ZF_YAML_MAPPING,
	    "the configuration") != 0 ||
	    zf_schema_keys(&r, root, "the configuration", keys) != 0 ||
	    zf_config_read_agency(&r, c, root) != 0 ||
	    zf_config_read_numbering(&r, c, root) != 0 ||
	    zf_config_read_people(&r, c, root) != 0 ||
	    zf_config_read_calendar(&r, c, root) != 0 ||
	    zf_config_read_rules(&r, c, root) != 0 ||
	    zf_config_read_steps(&r, c, root) != 0 ||
	    zf_config_read_audit(&r, c, root) != 0 ||
	    zf_config_read_catalog(&r, c, root) != 0 ||
	    zf_config_read_publication(&r, c, root) != 0 ||
	    read_recording(&r, c, root) != 0 ||
	    read_sharing(&r, c, root) != 0 ||
	    zf_config_read_retention(&r, c, root) != 0 ||
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
free_rules(struct zf_rule *rules, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rules[i].id);
		free(rules[i].what);
		free(rules[i].basis);
		free(rules[i].from);
		free(rules[i].extend);
		zf_schema_free_list(rules[i].done);
		zf_schema_free_list(rules[i].blocks);
		zf_schema_free_list(rules[i].closes);
		zf_schema_free_list(rules[i].holds);
		zf_schema_free_list(rules[i].measures);
		zf_schema_free_list(rules[i].restart);
		zf_schema_free_list(rules[i].pauses);
		zf_schema_free_list(rules[i].resumes);
		free(rules[i].after);
		free(rules[i].deemed);
	}
	free(rules);
}

static void
free_step_rules(struct zf_step_rule *rules, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rules[i].step);
		free(rules[i].basis);
		free(rules[i].method);
		zf_schema_free_list(rules[i].measures);
		zf_schema_free_list(rules[i].after);
		zf_schema_free_list(rules[i].after_any);
		zf_schema_free_list(rules[i].requires);
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
		zf_schema_free_list(rules[i].parties);
		zf_schema_free_list(rules[i].measures);
		zf_schema_free_list(rules[i].fields);
		zf_schema_free_list(rules[i].levels);
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
	free_step_rules(c->step_rules, c->nstep_rules);
	free_step_rules(c->audit.steps, c->audit.nsteps);
	zf_schema_free_list(c->audit.onsite);
	free(c->audit.officers_basis);
	free(c->audit.late_entry_basis);
	free(c->audit.secret_read_basis);
	zf_schema_free_list(c->summary.measures);
	free(c->summary.basis);
	free(c->cal_on);
	free(c->cal_off);
	free(c->decision_number);
	for (i = 0; i < c->ndoc_numbers; i++) {
		free(c->doc_numbers[i].type);
		free(c->doc_numbers[i].format);
	}
	free(c->doc_numbers);
	free(c->agency_seal);
	for (i = 0; i < c->npeople; i++) {
		struct zf_person *p = &c->people[i];

		free(p->id);
		free(p->name);
		free(p->login);
		free(p->certificate);
		zf_schema_free_list(p->fields);
		zf_schema_free_list(p->conflicts);
	}
	free(c->people);
	for (i = 0; i < c->nperiods; i++) {
		zf_schema_free_list(c->periods[i].parties);
		zf_schema_free_list(c->periods[i].measures);
		zf_schema_free_list(c->periods[i].fields);
	}
	free(c->periods);
	zf_config_free_retention(c->retention, c->nretention);
	zf_config_free_retention(c->evidence_retention,
	    c->nevidence_retention);
	for (i = 0; i < c->nredaction; i++) {
		free(c->redaction[i].field);
		free(c->redaction[i].mask);
		zf_schema_free_list(c->redaction[i].parties);
	}
	free(c->redaction);
	zf_schema_free_list(c->approvers);
	zf_schema_free_list(c->trusted);
	zf_json_free(c->standing);
	free(c->path);
	free(c->bytes);
	free(c->agency_name);
	free(c->agency_code);
	free(c->agency_short);
	free(c->agency_level);
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
zf_person_has_field(const struct zf_person *p, const char *field)
{
	size_t i;

	if (field == NULL || field[0] == '\0' || p->fields == NULL ||
	    p->fields[0] == NULL)
		return 1;
	for (i = 0; p->fields[i] != NULL; i++)
		if (strcmp(p->fields[i], field) == 0)
			return 1;
	return 0;
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
	    "head", "service" };

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

/* 1 when period rule p holds for the decision. */
static int
period_matches(const struct zf_period *p, unsigned bit, const char *party_kind,
    const char *field, const char *const *measures, size_t n)
{
	size_t j;

	if (!(p->kinds & bit) || !in_list(p->parties, party_kind))
		return 0;
	if (p->fields != NULL && p->fields[0] != NULL && (field == NULL ||
	    !in_list(p->fields, field)))
		return 0;
	if (p->measures != NULL && p->measures[0] != NULL) {
		for (j = 0; j < n; j++)
			if (!in_list(p->measures, measures[j]))
				break;
		if (n == 0 || j < n)
			return 0;
	}
	return 1;
}

int
zf_config_period(const struct zf_config *c, const char *kind,
    const char *party_kind, const char *field, const char *const *measures,
    size_t n)
{
	unsigned bit = zf_kind_bit(kind);
	int months = -1, floor = 0;
	size_t i;

	for (i = 0; i < c->nperiods; i++) {
		const struct zf_period *p = &c->periods[i];

		if (!period_matches(p, bit, party_kind, field, measures, n))
			continue;
		if (p->minimum) {
			if (p->months > floor)
				floor = p->months;
		} else if (months < 0)
			months = p->months;
	}
	if (months < 0)
		months = 36;
	return months > floor ? months : floor;
}
