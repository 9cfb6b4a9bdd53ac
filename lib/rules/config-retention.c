/*
 * config-retention: the retention section of zhifa.yaml — how long a
 * closed case file, and its evidence, is kept (保管期限).
 */
#include "rules/config-read.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "rules/procedure.h"

/* 永久 (or permanent) is 0; else a whole number of years, 1 to 100. */
static int
read_years(struct zf_schema *r, const struct zf_yaml_node *n, int *years)
{
	char *v = NULL, *end;
	long y;
	int rc = 0;

	if (zf_schema_text(r, n, "period", 1, &v) != 0)
		return r->e->code;
	if (strcmp(v, "永久") == 0 || strcmp(v, "permanent") == 0) {
		*years = 0;
		goto out;
	}
	errno = 0;
	y = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || y < 1 || y > 100)
		rc = zf_schema_fail(r, zf_yaml_get(n, "period"), "period must "
		    "be 永久 (permanent) or a number of years from 1 to 100 "
		    "(定期 30 or 10 under 国家档案局令第8号), not '%s'", v);
	else
		*years = (int)y;
out:
	free(v);
	return rc;
}

static int
read_rule(struct zf_schema *r, struct zf_retention_rule *rule,
    const struct zf_yaml_node *n, int evidence)
{
	static const char *const case_keys[] = { "kinds", "measures", "major",
		"period", "basis", NULL };
	static const char *const evidence_keys[] = { "kinds", "evidence",
		"period", "basis", NULL };
	static const char *const evidence_kinds[] = { "document", "photo",
		"audio", "video", "record", "other", NULL };
	const char *what = evidence ? "a retention rule for evidence" :
	    "a retention rule";
	char **kinds = NULL;
	size_t i;
	int rc = 0;

	if (zf_schema_want(r, n, ZF_YAML_MAPPING, what) != 0 ||
	    zf_schema_keys(r, n, what, evidence ? evidence_keys :
	    case_keys) != 0 ||
	    zf_schema_list(r, n, "kinds", &kinds) != 0 ||
	    zf_schema_list(r, n, "measures", &rule->measures) != 0 ||
	    zf_schema_list(r, n, "evidence", &rule->evidence) != 0 ||
	    zf_schema_bool(r, n, "major", &rule->major) != 0 ||
	    zf_schema_text(r, n, "basis", 1, &rule->basis) != 0 ||
	    read_years(r, n, &rule->years) != 0) {
		rc = r->e->code;
		goto out;
	}
	if ((rc = zf_config_kinds(r, n, kinds, &rule->kinds)) != 0 ||
	    (rc = zf_config_measures(r, n, rule->measures)) != 0)
		goto out;
	for (i = 0; rule->evidence[i] != NULL; i++)
		if (zf_schema_index(evidence_kinds, rule->evidence[i]) < 0) {
			rc = zf_schema_fail(r, zf_yaml_get(n, "evidence"),
			    "'%s' is not a kind of evidence: document, photo, "
			    "audio, video, record or other",
			    rule->evidence[i]);
			goto out;
		}
out:
	zf_schema_free_list(kinds);
	return rc;
}

static int
read_rules(struct zf_schema *r, const struct zf_yaml_node *map,
    const char *key, int evidence, struct zf_retention_rule **rules,
    size_t *n)
{
	const struct zf_yaml_node *list = zf_yaml_get(map, key);
	size_t i;

	if (list == NULL)
		return 0;
	if (zf_schema_want(r, list, ZF_YAML_SEQUENCE, key) != 0)
		return r->e->code;
	*rules = xcalloc(list->count + 1, sizeof(**rules));
	for (i = 0; i < list->count; i++) {
		*n = i + 1;
		if (read_rule(r, &(*rules)[i], list->items[i], evidence) != 0)
			return r->e->code;
	}
	return 0;
}

int
zf_config_read_retention(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root)
{
	static const char *const keys[] = { "cases", "evidence", NULL };
	const struct zf_yaml_node *n = zf_yaml_get(root, "retention");

	if (n == NULL)
		return 0;
	if (zf_schema_want(r, n, ZF_YAML_MAPPING, "retention") != 0 ||
	    zf_schema_keys(r, n, "retention", keys) != 0 ||
	    read_rules(r, n, "cases", 0, &c->retention, &c->nretention) != 0 ||
	    read_rules(r, n, "evidence", 1, &c->evidence_retention,
	    &c->nevidence_retention) != 0)
		return r->e->code;
	if (c->nretention == 0 || c->retention[c->nretention - 1].kinds !=
	    ZF_KIND_ALL || c->retention[c->nretention - 1].measures[0] !=
	    NULL || c->retention[c->nretention - 1].major)
		return zf_schema_fail(r, n, "retention: the last rule of cases "
		    "must hold for every case (no kinds, measures or major), "
		    "so that every case file has a period");
	return 0;
}

void
zf_config_free_retention(struct zf_retention_rule *rules, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		zf_schema_free_list(rules[i].measures);
		zf_schema_free_list(rules[i].evidence);
		free(rules[i].basis);
	}
	free(rules);
}

static int
any_in(char *const *list, const char *const *measures, size_t n)
{
	size_t i, j;

	for (i = 0; list[i] != NULL; i++)
		for (j = 0; j < n; j++)
			if (strcmp(list[i], measures[j]) == 0)
				return 1;
	return 0;
}

const struct zf_retention_rule *
zf_config_retention(const struct zf_config *c, const char *kind, int major,
    const char *const *measures, size_t n)
{
	unsigned bit = zf_kind_bit(kind);
	size_t i;

	for (i = 0; i < c->nretention; i++) {
		const struct zf_retention_rule *rr = &c->retention[i];

		if (!(rr->kinds & bit) || (rr->major && !major) ||
		    (rr->measures[0] != NULL && !any_in(rr->measures,
		    measures, n)))
			continue;
		return rr;
	}
	return NULL;
}

const struct zf_retention_rule *
zf_config_evidence_retention(const struct zf_config *c, const char *kind,
    const char *evidence_kind)
{
	unsigned bit = zf_kind_bit(kind);
	size_t i;

	for (i = 0; i < c->nevidence_retention; i++) {
		const struct zf_retention_rule *rr =
		    &c->evidence_retention[i];
		const char *one[1] = { evidence_kind };

		if (!(rr->kinds & bit) || (rr->evidence[0] != NULL &&
		    !any_in(rr->evidence, one, 1)))
			continue;
		return rr;
	}
	return NULL;
}
