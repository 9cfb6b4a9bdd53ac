/*
 * publish: what the public is owed of each decision (行政执法公示), as
 * entries of the publication log (publog.h).
 *
 * A decision in force is published (publish); a published one whose
 * record has changed, or that a remade decision replaces, is published
 * again (correct); one revoked, held illegal or remade is withdrawn
 * (withdraw), as is any withdrawn by hand (publish-withdraw); one whose
 * publicity period has run out leaves the site (expire).  Each is a
 * publication.entry event of its case whose data holds the entry itself,
 * the canonical JSON the public sees: applying the event appends it to
 * the log, so a replay rebuilds the log leaf for leaf.
 *
 * Records use the national 双公示 data items for penalties (CF_*) and
 * licences (XK_*), exactly, and zhifa's own ZF_* items for compulsion,
 * inspection and levy decisions.  The party's address and phone
 * (ZF_XDR_DZ, ZF_XDR_LXDH) are no 双公示 items: never in a record, and
 * only in the sharing audience's records-extra.csv.  Every value is a
 * string ("" when empty), masked for the audience by the redaction rules
 * of zhifa.yaml.
 */
#ifndef ZF_PUBLISH_H
#define ZF_PUBLISH_H

#include <stddef.h>
#include <stdint.h>

struct zf_archive;
struct zf_db;
struct zf_err;
struct zf_event;
struct zf_json;

enum zf_pub_type { ZF_PUB_PUBLISH, ZF_PUB_CORRECT, ZF_PUB_WITHDRAW,
	ZF_PUB_EXPIRE };

const char *zf_pub_type_name(int type);

/* One entry owed to the public. */
struct zf_pub_due {
	int type;
	char case_id[32];
	int64_t decision_seq;	/* the decision it shows or ends */
	int64_t of;		/* the leaf it corrects or ends; -1: none */
};

/*
 * Every entry owed as of day, withdrawals and expiries first; only the
 * cases listed when ncases > 0.  *out is malloc'd.
 */
int zf_publish_due(struct zf_archive *a, int32_t as_of,
    char *const *cases, size_t ncases, struct zf_pub_due **out, size_t *n);

/*
 * The digest (hex) of what an entry would publish, as approved: its
 * public record, its type, the leaf it corrects and, for a correction,
 * its reason, also given in *reason (malloc'd; NULL: none) when reason is
 * not NULL.
 */
int zf_publish_digest(struct zf_archive *a, const struct zf_pub_due *d,
    char hex[65], char **reason);

/* The items beyond the record, for sharing: ZF_XDR_DZ, ZF_XDR_LXDH. */
int zf_publish_extra(struct zf_archive *a, const char *case_id,
    int64_t decision_seq, int audience, struct zf_json **out);

/*
 * Whether the record an entry would publish must be held back: 1 when a
 * value other than a credit code would still show a citizen ID or mobile
 * number after masking (a name field, which is never rewritten by
 * pattern), with the item's name in field (cap bytes) and what was found
 * in *kind; 0 when it may go out; an error's code.
 */
int zf_publish_held(struct zf_archive *a, const struct zf_pub_due *d,
    char *field, size_t cap, const char **kind);

/*
 * Journals one entry (inside a write transaction), dated today; reason
 * is the withdrawal's (NULL: from the revocation).
 */
int zf_publish_record(struct zf_archive *a, const struct zf_pub_due *d,
    const char *reason);

/*
 * The record of a case's decision for an audience (enum zf_audience):
 * an object of strings.  *kind_out gets the schema: "penalty",
 * "licensing" or "other".
 */
int zf_publish_fields(struct zf_archive *a, const char *case_id,
    int64_t decision_seq, int audience, struct zf_json **record);

/* The columns of a schema, in CSV order, NULL-terminated. */
const char *const *zf_publish_columns(const char *kind);
/* The schema of a kind of case: "penalty", "licensing" or "other". */
const char *zf_publish_schema(const char *kind);
/* The schemas, in the order of the bundle's CSV files. */
#define ZF_PUBLISH_SCHEMAS 3
extern const char *const zf_publish_schemas[ZF_PUBLISH_SCHEMAS];
/* The index in zf_publish_schemas of the schema of a kind of case. */
/*
 * The schema of a record by its items (0 penalty, 1 licensing, 2 other):
 * a licence refused is a licensing decision in the other schema.
 */
int zf_publish_record_schema(const struct zf_json *record);
int zf_publish_schema_index(const char *kind);

/*
 * The table's answer for publish-export (case_id NULL) or for
 * publish-withdraw of case_id, where recusal counts too.
 */
int zf_publish_may(struct zf_archive *a, const char *case_id);

/*
 * publish-withdraw: checks that the case has an entry on the site and
 * journals its withdrawal with the reason, in a write transaction of its
 * own (committed, or aborted on any failure).
 */
int zf_publish_withdraw(struct zf_archive *a, const char *case_id,
    const char *reason);

/* Applies a publication.entry event (apply.c). */
int zf_publish_apply(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e);

#endif
