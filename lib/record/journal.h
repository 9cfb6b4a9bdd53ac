/*
 * journal: the record.  Every change of state is an event appended here;
 * every derived table is a pure function of the events.
 *
 * An event is one canonical JSON object (RFC 8785), stored as its bytes:
 *   {"actor":"zhangwei","case":"C2026-0001","clock":"fixed",
 *    "config":"<hex digest of zhifa.yaml in force>","data":{...},
 *    "prev":"<hex hash of event seq-1, zeros for seq 0>","seq":17,
 *    "time":"2026-11-20T10:02:11+08:00","type":"case.filed","v":1}
 * ("case" is null for events of no case; "clock" is present only when
 * ZHIFA_NOW fixed the clock).  Its hash is H(bytes); its Merkle leaf is
 * H(0x00 || bytes).  Signatures over the hash are kept beside it, not in
 * it.  zhifa-journal(5) is the full description.
 *
 * Appending stores the event, its tree hashes and applies it, all in the
 * caller's transaction (zf_archive_begin).  Replay applies every event,
 * in order, to fresh tables with the same apply function.
 */
#ifndef ZF_JOURNAL_H
#define ZF_JOURNAL_H

#include <stdint.h>

#include "base/crypto.h"
#include "record/event.h"

struct zf_archive;
struct zf_db;
struct zf_err;
struct zf_json;

/*
 * Appends an event of type for case_id (or NULL) with data (taken over),
 * and applies it.  *seq gets its number when seq is not NULL.
 */
int zf_journal_append(struct zf_archive *a, const char *type,
    const char *case_id, struct zf_json *data, int64_t *seq);

/* Number of events (the tree size). */
int zf_journal_size(struct zf_archive *a, int64_t *n);

/* Reads the stored hash at (level, index) of the journal tree. */
int zf_journal_tree_read(void *db, int level, uint64_t index,
    uint8_t out[ZF_DIGEST_LEN]);

#endif
