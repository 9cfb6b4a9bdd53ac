/*
 * archive: one directory that is the whole record of an agency.
 *
 *   ARCHIVE/
 *     zhifa.yaml    the agency's configuration (people, rules, ...)
 *     zhifa.db      SQLite: the journal, its Merkle tree, the checkpoints,
 *                   and the tables derived from the journal
 *     checkpoint    the latest signed checkpoint (a C2SP signed note)
 *     objects/      content-addressed files: objects/sha256/ab/cdef...
 *                   (0440, written once, never changed)
 *     keys/         public keys: agency.vkey (the agency's note key)
 *     tmp/          objects being written (same filesystem as objects/)
 *     exports/      what publish-export wrote, when written inside
 *     lock          flock(2) target: shared for every command, exclusive
 *                   for maintenance; the kernel drops it when a process dies
 *
 * The private key never lives inside the directory: it is found at
 * $ZHIFA_KEY, else $XDG_CONFIG_HOME/zhifa/keys/ARCHIVE-ID.pem (by default
 * ~/.config/zhifa/keys/ARCHIVE-ID.pem), mode 0600.
 *
 * Every write goes through zf_archive_begin / zf_archive_commit: one
 * BEGIN IMMEDIATE transaction in which events are appended and applied;
 * at commit, when the agency key is at hand, a new checkpoint is checked
 * against the previous one, signed and stored, and the checkpoint file
 * replaced after the commit.
 */
#ifndef ZF_ARCHIVE_H
#define ZF_ARCHIVE_H

#include <stdint.h>

#include "rules/config.h"
#include "base/crypto.h"
#include "base/err.h"
#include "base/when.h"

struct zf_archive;		/* opaque; the record layer's own in handle.h */
struct zf_calendar;
struct zf_db;
struct zf_key;
struct zf_person;

#define ZF_OPEN_WRITE 1
#define ZF_OPEN_ANYONE 2	/* zf_cli_open: no acting person needed */
#define ZF_OPEN_PENDING 4	/* zf_cli_open: a write that may run while
				   zhifa.yaml is not in force */
#define ZF_OPEN_NOKEY 8		/* zf_cli_open: a write that finds its
				   own key (person-key register) */

/*
 * The URI that opens the archive's database read-only (and immutable
 * when the archive was opened so), for a second connection; malloc'd.
 */
char *zf_archive_db_uri(const struct zf_archive *a);

/* The archive directory from -A, else $ZHIFA_ARCHIVE; EX_USAGE if none. */
int zf_archive_locate(const char *option, const char **dir,
    struct zf_err *e);

/*
 * Opens the archive at dir: takes the shared lock, opens the database,
 * checks its schema, reads zhifa.yaml and starts the clock.
 *
 * A reader (no ZF_OPEN_WRITE) needs no write access: a lock it cannot
 * open for writing is opened read-only, or skipped when it cannot be
 * opened at all; and a database that nobody can write (no write bit, or
 * a read-only mount), that this process cannot write either and that
 * has no write-ahead log is opened with SQLite's immutable=1, so that
 * reading creates no -wal or -shm file.  A live archive never qualifies.
 */
int zf_archive_open(const char *dir, int flags, struct zf_archive **out,
    struct zf_err *e);
void zf_archive_close(struct zf_archive *a);

/*
 * Creates an archive at dir, which must not exist or be empty: writes
 * the configuration (config_path, or the sample agency when NULL),
 * generates the agency key and saves it at key_path (or the default
 * place), makes the head's personal key (everyone's in a drill) at the
 * default place, journals the archive's creation by the head and signs
 * the first checkpoint.  A drill honours ZHIFA_NOW; a real archive
 * refuses it.  The whole directory appears at once (built beside dir
 * and renamed).  *key_used gets the agency key's path.
 */
int zf_archive_create(const char *dir, const char *config_path, int suite,
    const char *key_path, int drill, char **key_used, struct zf_err *e);

/*
 * Resolves the acting person: as (--as), else $ZHIFA_ACTOR, else the
 * person whose login is the Unix user.  EX_NOPERM when nobody matches.
 */
int zf_archive_actor(struct zf_archive *a, const char *as);

/*
 * Loads the acting person's private key (path, else $ZHIFA_PERSON_KEY,
 * else ~/.config/zhifa/keys/ARCHIVE-ID/PERSON.pem) and checks that it
 * is the key registered for them now: else EX_NOPERM saying how to make
 * and register one.  Every event is then signed with it.
 */
int zf_archive_actor_key(struct zf_archive *a, const char *path);
/* Signs the events of this command with k (taken over): the first key
 * registered in an archive that had none signs its own registration. */
int zf_archive_sign_as(struct zf_archive *a, struct zf_key *k);
/* 1 when the archive is a drill (event 0 says so). */
int zf_archive_drill(const struct zf_archive *a);
/* The archive's random id, fixed at creation. */
const char *zf_archive_id(const struct zf_archive *a);
/*
 * zhifa.yaml when it is not the configuration in force, else NULL;
 * readers use the one in force (zf_archive_config), writers refuse.
 */
const struct zf_config *zf_archive_pending(const struct zf_archive *a);
/* Why zhifa.yaml does not read (its FILE:LINE:COLUMN), or NULL: the
 * configuration in force is used, and writers refuse. */
const char *zf_archive_config_problem(const struct zf_archive *a);
/*
 * The latest signed checkpoint of the journal (its note, malloc'd), or
 * *note NULL when there is none; 0 or the error's code.
 */
int zf_archive_latest_checkpoint(struct zf_archive *a, char **note);
/*
 * The head records that the archive was restored from a backup older
 * than a checkpoint the agency key signed: lost is that checkpoint (its
 * signed note; NULL: the signer's own record beside the agency key),
 * which the journal must not extend.  One event, archive.restored, in its
 * own transaction; the signer and archive-verify --witness then take the
 * lost history as told, not as a silent rewind.
 */
int zf_archive_restored(struct zf_archive *a, const char *lost,
    const char *reason, int64_t *seq);
/* Inside a write: journals zhifa.yaml as the configuration in force. */
int zf_archive_apply_config(struct zf_archive *a);

/* The agency key when it is at hand and is this archive's; else NULL. */
struct zf_key *zf_archive_load_key(struct zf_archive *a);

/*
 * Refuses (EX_USAGE) path as a place to write when it lies inside the
 * archive, judged after resolving its folder's links and "..": anywhere
 * at all, or, when exports is 1, anywhere but below its exports/ folder.
 * A path whose folder does not exist passes (creating it will fail).
 */
int zf_archive_outside(struct zf_archive *a, const char *path, int exports);

/* The private key's default path for this archive (malloc'd). */
char *zf_archive_key_path(const struct zf_archive *a);

/*
 * Starts a write: BEGIN IMMEDIATE, reads the journal head, and checks
 * that the clock is not behind the journal (zf_trust_forward).
 */
int zf_archive_begin(struct zf_archive *a);
/* Signs a checkpoint when the key is at hand, commits, writes the file. */
int zf_archive_commit(struct zf_archive *a);
void zf_archive_abort(struct zf_archive *a);

/* The working-day calendar: built in, plus zhifa.yaml's own days. */
struct zf_calendar *zf_archive_calendar(struct zf_archive *a);

/* Today in the archive's zone. */
int32_t zf_archive_today(const struct zf_archive *a);

/* The handle's parts, for the layers above the record. */
/* Where a function taking the archive leaves its message and code. */
struct zf_err *zf_archive_err(struct zf_archive *a);
struct zf_db *zf_archive_db(struct zf_archive *a);
struct zf_config *zf_archive_config(const struct zf_archive *a);
/* The acting person once resolved (zf_archive_actor), else NULL. */
const struct zf_person *zf_archive_person(const struct zf_archive *a);
/* The digest suite: ZF_SUITE_SHA256 or ZF_SUITE_SM3. */
int zf_archive_suite(const struct zf_archive *a);
/* Now: the clock, or ZHIFA_NOW where it is in force. */
const struct zf_time *zf_archive_now(const struct zf_archive *a);
/* Set to 1 when a date was counted past the calendar's years. */
int *zf_archive_beyond(struct zf_archive *a);
/* The log's name in checkpoints, and the agency's public key. */
const char *zf_archive_origin(const struct zf_archive *a);
const uint8_t *zf_archive_pubkey(const struct zf_archive *a);
size_t zf_archive_pubkey_len(const struct zf_archive *a);
/*
 * What the programs should tell whoever acts, or NULL: a key file at the
 * key's place that could not be used (unreadable, not a key, another
 * archive's), so that writes went unsigned.
 */
const char *zf_archive_warning(const struct zf_archive *a);
/* 1 when the key file was there and reading it failed (EIO ...). */
int zf_archive_key_io(const struct zf_archive *a);

#endif
