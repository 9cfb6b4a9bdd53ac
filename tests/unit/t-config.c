/* t-config: zhifa.yaml against its schema, and the sample agency. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "config.h"
#include "when.h"

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

	CHECK(c == NULL);
	CHECK_INT(e.code, EX_CONFIG);
	if (strncmp(e.msg, want, strlen(want)) != 0) {
		check_failed++;
		fprintf(stderr, "message \"%s\", want it to start \"%s\"\n",
		    e.msg, want);
	}
	zf_config_free(c);
}

static const char minimal[] =
    "agency: {name: 某局, short: 某建}\n"
    "people:\n"
    "  - {id: a, name: 甲, role: officer}\n";

int
main(void)
{
	struct zf_config *c;
	const struct zf_person *p;
	struct zf_err e;
	int32_t day;
	char *num;

	c = parse(zf_config_sample, &e);
	CHECK(c != NULL);
	if (c == NULL) {
		fprintf(stderr, "%s\n", e.msg);
		return check_report("t-config");
	}
	CHECK_STR(c->agency_name, "示例县住房和城乡建设局");
	CHECK_INT(c->offset, 480);
	CHECK_INT(c->npeople, 7);
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
	return check_report("t-config");
}
