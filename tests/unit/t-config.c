/* t-config: zhifa.yaml against its schema, and the sample agency. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "check.h"
#include "helpers.h"
#include "rules/config.h"
#include "base/json.h"
#include "rules/redact.h"
#include "base/when.h"

static struct zf_config *
parse(const char *text, struct zf_err *e)
{
	struct zf_config *c = NULL;

	zf_err_clear(e);
	zf_config_parse("zhifa.yaml", text, strlen(text),
	    ZF_SUITE_SHA256_ED25519, &c, e);
	return c;
}

/* The config must be refused with a message starting with want. */
static void
refused(const char *text, const char *want)
{
	struct zf_err e;
	struct zf_config *c = parse(text, &e);

	CHECK_REFUSED(c, &e, EX_CONFIG, want);
	zf_config_free(c);
}

static const char minimal[] =
    "agency: {name: 某局, short: 某建}\n"
    "people:\n"
    "  - {id: a, name: 甲, role: officer}\n";

/* The publication and redaction sections, the sample's and refused ones. */
static void
publication(void)
{
	static const char *const warning_only[] = { "warning" };
	static const char *const with_fine[] = { "warning", "fine" };
	/* Sections after minimal, and the start of their refusal. */
	static const struct {
		const char *tail, *want;
	} bad[] = {
		{ "redaction:\n  - {field: phone, mask: stars}\n",
		    "zhifa.yaml:5:26: mask 'stars' is not one of" },
		{ "redaction:\n  - {field: salary, mask: drop}\n",
		    "zhifa.yaml:5:13: field 'salary' is not one of" },
		{ "redaction:\n  - {field: phone, audience: press, "
		    "mask: drop}\n",
		    "zhifa.yaml:5:30: audience must be public" },
		{ "redaction:\n  - {field: phone, party: [alien], "
		    "mask: drop}\n",
		    "zhifa.yaml:5:28: party 'alien' is not person" },
		{ "publication:\n  periods:\n    - {kinds: [penalty], "
		    "months: 2}\n",
		    "zhifa.yaml:6:34: a penalty stays public at least 3 "
		    "months" },
		{ "publication:\n  periods:\n    - {months: 61}\n",
		    "zhifa.yaml:6:16: months must be a whole number from 1 "
		    "to 60" },
		{ "publication:\n  periods:\n    - {measures: "
		    "[flogging], months: 12}\n",
		    "zhifa.yaml:6:19: 'flogging' is not a measure" },
		{ "publication:\n  powers:\n    - {name: 某权}\n",
		    "zhifa.yaml:6:7: 'basis' is required" },
		{ "publication:\n  adress: x\n",
		    "zhifa.yaml:5:3: unknown key 'adress' in publication" },
	};
	struct zf_config *c;
	struct zf_err e;
	char *text;
	size_t i;

	c = parse(zf_config_sample, &e);
	CHECK(c != NULL);
	if (c == NULL)
		return;
	CHECK_STR(zf_json_get_str(c->standing, "phone"), "0570-1234567");
	CHECK_INT(zf_json_len(zf_json_get(c->standing, "powers")), 6);
	CHECK_STR(zf_json_get_str(zf_json_get(c->standing, "remedies"),
	    "court"), "示例县人民法院（自知道或者应当知道作出行政行为之日起"
	    "六个月内提起行政诉讼）");
	/* The first period that matches decides, raised to the longest
	 * minimum that matches: a year in 消防, 安全生产, 特种设备. */
	CHECK_INT(zf_config_period(c, "penalty", "org", NULL, warning_only, 1),
	    3);
	CHECK_INT(zf_config_period(c, "penalty", "org", "建筑市场",
	    warning_only, 1), 3);
	CHECK_INT(zf_config_period(c, "penalty", "org", "消防", warning_only,
	    1), 12);
	CHECK_INT(zf_config_period(c, "penalty", "org", "安全生产",
	    warning_only, 1), 12);
	CHECK_INT(zf_config_period(c, "penalty", "org", NULL, with_fine, 2),
	    36);
	CHECK_INT(zf_config_period(c, "penalty", "org", "消防", with_fine, 2),
	    36);
	CHECK_INT(zf_config_period(c, "penalty", "person", NULL, with_fine,
	    2), 24);
	CHECK_INT(zf_config_period(c, "licensing", "person", "消防", NULL, 0),
	    36);
	CHECK_STR(zf_config_mask(c, "party_id", ZF_AUDIENCE_PUBLIC, "org"),
	    "id");
	CHECK_STR(zf_config_mask(c, "address", ZF_AUDIENCE_PUBLIC, "org"),
	    "keep");
	CHECK_STR(zf_config_mask(c, "address", ZF_AUDIENCE_PUBLIC, "person"),
	    "address");
	CHECK_STR(zf_config_mask(c, "phone", ZF_AUDIENCE_SHARING, "person"),
	    "keep");
	zf_config_free(c);

	/* Left out, periods and redaction are the shipped ones. */
	c = parse(minimal, &e);
	CHECK(c != NULL && c->nperiods == 5 && c->nredaction == 3);
	zf_config_free(c);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		text = xasprintf("%s%s", minimal, bad[i].tail);
		refused(text, bad[i].want);
		free(text);
	}
}

/*
 * zf_config_load(path) must fail with code and the message want (which is
 * freed).
 */
static void
load_refused(const char *path, int code, char *want)
{
	struct zf_config *c = NULL;
	struct zf_err e;

	zf_err_clear(&e);
	CHECK_INT(zf_config_load(path, ZF_SUITE_SHA256_ED25519, &c, &e), code);
	CHECK(c == NULL);
	CHECK_STR(e.msg, want);
	free(want);
}

/* zf_config_load: the file read whole, its size limit and its messages. */
static void
loading(void)
{
	char dir[] = "/tmp/t-config-XXXXXX", *path, *big;
	struct zf_config *c = NULL;
	struct zf_err e;
	size_t limit = 4 << 20, used;

	if (mkdtemp(dir) == NULL) {
		CHECK(0);
		return;
	}
	path = xasprintf("%s/zhifa.yaml", dir);
	load_refused(path, EX_NOINPUT,
	    xasprintf("cannot read '%s': No such file or directory", path));
	zf_err_clear(&e);

	CHECK(write_scratch(path, minimal, strlen(minimal)) == 0);
	CHECK_INT(zf_config_load(path, ZF_SUITE_SHA256_ED25519, &c, &e), 0);
	CHECK(c != NULL && c->len == strlen(minimal) &&
	    strcmp(c->path, path) == 0 && c->npeople == 1);
	zf_config_free(c);
	c = NULL;

	/* Exactly at the limit (a comment fills it) is read. */
	big = xmalloc(limit + 1);
	used = strlen(minimal);
	memcpy(big, minimal, used);
	big[used] = '#';
	memset(big + used + 1, 'x', limit - used - 2);
	big[limit - 1] = '\n';
	CHECK(write_scratch(path, big, limit) == 0);
	CHECK_INT(zf_config_load(path, ZF_SUITE_SHA256_ED25519, &c, &e), 0);
	CHECK(c != NULL && c->len == limit);
	zf_config_free(c);
	c = NULL;
	/* One byte more is refused before it is parsed. */
	big[limit - 1] = 'x';
	big[limit] = '\n';
	CHECK(write_scratch(path, big, limit + 1) == 0);
	load_refused(path, EX_CONFIG,
	    xasprintf("%s: larger than 4194304 bytes", path));
	free(big);
	unlink(path);

	/* A folder opens but cannot be read. */
	load_refused(dir, EX_IOERR,
	    xasprintf("cannot read '%s': Is a directory", dir));
	free(path);
	rmdir(dir);
}

int
main(void)
{
	struct zf_config *c;
	const struct zf_person *p;
	struct zf_err e;
	int32_t day;
	char *num;

	CHECK_PLAN(123);

	c = parse(zf_config_sample, &e);
	CHECK(c != NULL);
	if (c == NULL) {
		fprintf(stderr, "%s\n", e.msg);
		return check_report("t-config");
	}
	CHECK_STR(c->agency_name, "示例县住房和城乡建设局");
	CHECK_INT(c->offset, 480);
	CHECK_INT(c->npeople, 8);
	p = zf_config_person(c, "sunli");
	CHECK(p != NULL && p->role == ZF_ROLE_OFFICER);
	zf_date_parse("2026-01-01", &day);
	CHECK(p != NULL && !zf_person_cert_valid(p, day));
	zf_date_parse("2025-12-31", &day);
	CHECK(p != NULL && zf_person_cert_valid(p, day));
	p = zf_config_person(c, "zhaomin");
	CHECK(p != NULL && p->role == ZF_ROLE_REVIEWER &&
	    p->legal_qualification && !p->has_cert);
	CHECK(zf_config_person_by_login(c, "liuyang") != NULL);
	CHECK(zf_config_person(c, "nobody") == NULL);
	num = zf_config_case_number(c, "罚", 2026, 12);
	CHECK_STR(num, "示建罚立〔2026〕12号");
	free(num);
	zf_config_free(c);

	c = parse(minimal, &e);
	CHECK(c != NULL);
	CHECK(c != NULL && strcmp(c->zone, "Asia/Shanghai") == 0);
	/* Left out, the deadline rules and the catalog are the shipped ones. */
	CHECK(c != NULL && c->nrules >= 10 &&
	    zf_config_rule(c, "penalty-decide") != NULL);
	CHECK(c != NULL && c->ncatalog >= 5 &&
	    strcmp(c->catalog[0].id, "fine-person") == 0);
	zf_config_free(c);

	refused("agency: {name: 某局, short: 某建}\nextra: 1\npeople: []\n",
	    "zhifa.yaml:2:1: unknown key 'extra'");
	refused("agency: {name: 某局, short: 某建, nmae: x}\npeople: []\n",
	    "zhifa.yaml:1:31: unknown key 'nmae' in agency");
	refused("people: []\n", "zhifa.yaml:1:1: 'agency' is required");
	refused("agency: {name: 某局}\npeople: []\n",
	    "zhifa.yaml:1:9: 'short' is required");
	refused("agency: [1]\npeople: []\n",
	    "zhifa.yaml:1:9: agency must be a mapping, not a list");
	refused("agency: {name: 某局, short: 某建, timezone: Mars/Base}\n"
	    "people: []\n", "zhifa.yaml:1:41: unknown time zone");
	refused("agency: {name: 某局, short: 某建}\npeople:\n"
	    "  - {id: a, name: 甲, role: captain}\n",
	    "zhifa.yaml:3:28: role 'captain'");
	refused("agency: {name: 某局, short: 某建}\npeople:\n"
	    "  - {id: a, name: 甲, role: officer}\n"
	    "  - {id: a, name: 乙, role: clerk}\n",
	    "zhifa.yaml:4:5: person id 'a' is used twice");
	refused("agency: {name: 某局, short: 某建}\npeople:\n"
	    "  - {id: A B, name: 甲, role: officer}\n",
	    "zhifa.yaml:3:10: person id 'A B'");
	refused("agency: {name: 某局, short: 某建}\npeople:\n"
	    "  - id: a\n    name: 甲\n    role: officer\n"
	    "    certificate: {number: x, valid_from: 2020-02-30, "
	    "valid_to: 2029-12-31}\n",
	    "zhifa.yaml:6:42: 'valid_from' must be a date");
	refused("agency: {name: 某局, short: 某建}\npeople:\n"
	    "  - id: a\n    name: 甲\n    role: officer\n"
	    "    certificate: {number: x, valid_from: 2029-01-01, "
	    "valid_to: 2020-12-31}\n",
	    "zhifa.yaml:6:18: certificate of 'a' ends before it starts");
	refused("agency: {name: 某局, short: 某建}\npeople:\n"
	    "  - {id: a, name: 甲, role: officer, legal_qualification: "
	    "maybe}\n", "zhifa.yaml:3:58: 'legal_qualification' must be "
	    "true or false");
	refused("agency: &a {name: 某局, short: 某建}\npeople: []\n",
	    "zhifa.yaml:1:9:");
	refused("agency: {name: 某局, short: 某建}\nagency: {}\n",
	    "zhifa.yaml:2:1:");
	refused("agency: {name: 某局, short: 某建}\nnumbering: {case: 无序号}\n"
	    "people: []\n", "zhifa.yaml:2:19: the case number format must "
	    "contain {n}");
	refused("---\na: 1\n---\nb: 2\n", "zhifa.yaml:1:1: expected one YAML "
	    "document, found 2");
	publication();
	loading();
	return check_report("t-config");
}
