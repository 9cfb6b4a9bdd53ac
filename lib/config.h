/*
 * config: the agency's zhifa.yaml, read against its schema.
 *
 * The file is untrusted input (yaml.h refuses the hostile shapes); this
 * module refuses unknown keys, missing required keys, wrong types, bad
 * dates and duplicate person ids, each as "FILE:LINE:COLUMN: reason".
 * zhifa.yaml(5) documents every key.  The digest of the file's bytes is
 * kept: each event records the config in force (see journal.h).
 */
#ifndef ZF_CONFIG_H
#define ZF_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "crypto.h"
#include "err.h"

enum zf_role {
	ZF_ROLE_OFFICER,	/* 执法人员 */
	ZF_ROLE_CLERK,		/* 内勤 */
	ZF_ROLE_REVIEWER,	/* 法制审核 */
	ZF_ROLE_HEAD		/* 负责人 */
};

struct zf_person {
	char *id;		/* ASCII, used with --as and in events */
	char *name;
	enum zf_role role;
	char *login;		/* Unix login, or NULL */
	char *certificate;	/* 执法证号, or NULL */
	int32_t cert_from, cert_to;	/* days; valid when has_cert */
	int has_cert;
	int legal_qualification;	/* 法律职业资格 */
	char **fields;		/* 执法领域, NULL-terminated */
};

struct zf_config {
	char *path;
	int suite;		/* decides the digest */
	uint8_t digest[ZF_DIGEST_LEN];	/* use zf_config_digest */
	int have_digest;
	char *bytes;
	size_t len;

	char *agency_name;	/* 示例县住房和城乡建设局 */
	char *agency_code;	/* 统一社会信用代码, or NULL */
	char *agency_short;	/* used in case numbers: 示建 */
	char *zone;
	int offset;		/* minutes east of UTC */
	char *case_number;	/* template, e.g. "{short}{kind}立〔{year}〕{n}号" */

	struct zf_person *people;
	size_t npeople;
};

/*
 * Reads and checks the file at path.  suite decides the digest.  Returns
 * 0, or EX_CONFIG (EX_NOINPUT when missing) with the message in e.
 */
int zf_config_load(const char *path, int suite, struct zf_config **out,
    struct zf_err *e);
/* The same from bytes in memory, with name used in messages. */
int zf_config_parse(const char *name, const char *bytes, size_t len,
    int suite, struct zf_config **out, struct zf_err *e);
void zf_config_free(struct zf_config *c);

/* The commented sample agency of CLI.md, as written by archive-init. */
extern const char zf_config_sample[];

/*
 * The digest of the file's bytes, computed on first use (readers never
 * need it, and it is what wakes OpenSSL up).
 */
const uint8_t *zf_config_digest(struct zf_config *c);

const struct zf_person *zf_config_person(const struct zf_config *c,
    const char *id);
const struct zf_person *zf_config_person_by_login(const struct zf_config *c,
    const char *login);
/* 1 when the person holds an enforcement certificate valid on day. */
int zf_person_cert_valid(const struct zf_person *p, int32_t day);
const char *zf_role_name(enum zf_role r);

/*
 * Formats a case number from the template: {short} {kind} {year} {n}
 * ({n:4} zero-pads).  kind_char is the kind's one-character name (罚).
 */
char *zf_config_case_number(const struct zf_config *c,
    const char *kind_char, int year, int64_t n);

#endif
