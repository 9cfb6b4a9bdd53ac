/*
 * apply: the only code that writes the derived tables.  Each event type
 * has one apply function; live commands and replay both come through
 * zf_apply, so the tables are a pure function of the journal.  An apply
 * function never changes meaning for events already written: a new
 * meaning gets a new event type.
 *
 * The record layer applies its own events (archive.created,
 * config.changed) and knows no case: the layers above register their
 * tables (zf_cases_register, zf_publication_register) before an archive
 * is written or replayed.  An event whose type no table knows is refused.
 */
#ifndef ZF_APPLY_H
#define ZF_APPLY_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct zf_db;
struct zf_event;

typedef int (*zf_apply_fn)(struct zf_db *, const struct zf_event *,
    struct zf_err *);

struct zf_applier {
	const char *type;
	zf_apply_fn fn;
};

struct zf_appliers {
	const struct zf_applier *types;
	size_t n;
	/* Run after every event of any type, when not NULL. */
	zf_apply_fn after;
};

/* Adds a table (kept, not copied); adding one twice adds it once. */
void zf_apply_register(const struct zf_appliers *t);

/* Applies ev with the function of its type. */
int zf_apply(struct zf_db *db, const struct zf_event *ev, struct zf_err *e);

/* EX_DATAERR: "event SEQ (TYPE): what". */
int zf_apply_bad(struct zf_err *e, const struct zf_event *ev,
    const char *what);

/* Records that an object was first named by event seq. */
int zf_apply_object(struct zf_db *db, const char *digest, int64_t size,
    int64_t seq, struct zf_err *e);

#endif
