/*
 * handle: the archive handle's fields, for the record layer alone
 * (archive, journal, object, verify).  The layers above see struct
 * zf_archive as opaque and reach its parts through archive.h.
 *
 * Invariants: db, config and dirfd are valid from open to close;
 * next_seq, head and appended mean something only inside a write
 * transaction (between zf_archive_begin and commit or abort).
 */
#ifndef ZF_HANDLE_H
#define ZF_HANDLE_H

#include <stdint.h>

#include "base/crypto.h"
#include "base/err.h"
#include "base/when.h"

struct zf_calendar;
struct zf_config;
struct zf_db;
struct zf_key;
struct zf_person;

struct zf_archive {
	char *dir;
	int dirfd;
	int lockfd;		/* -1 for a reader that could not open it */
	int immutable;		/* the database was opened immutable=1 */
	struct zf_db *db;
	struct zf_config *config;
	int suite;
	char *id;		/* random, fixed at creation */
	char *origin;		/* the log's name in checkpoints */
	uint8_t pubkey[ZF_PUBKEY_MAX];
	size_t pubkey_len;
	struct zf_err err;

	const struct zf_person *actor;	/* who acts; NULL until resolved */
	struct zf_key *actor_key;	/* the actor's private key, checked */
	char *actor_label;		/* its "PERSON+KEYID" */
	int drill;		/* event 0 made the archive a drill */
	/* zhifa.yaml when it differs from the configuration in force
	 * (config), which a reader uses and a writer refuses: NULL when
	 * they are the same. */
	struct zf_config *pending;
	int applied;		/* pending was applied: it is the old one */
	char *config_problem;	/* why zhifa.yaml does not read, or NULL */
	struct zf_calendar *calendar;	/* loaded on first use */
	int calendar_beyond;	/* a date was counted past the calendar */
	struct zf_time now;
	int fixed_clock;	/* ZHIFA_NOW is in force */

	/* Valid inside a write transaction. */
	int64_t next_seq;
	uint8_t head[ZF_DIGEST_LEN];
	int64_t appended;	/* events appended in this transaction */
	char *checkpoint_note;	/* signed at commit, written after it */
	char *key_problem;	/* why a key file there could not be used */
	const char *key_file;	/* at creation: where the agency key went */
	int rewound;		/* signed over a restore the head told of */
	char *signer_state;	/* what the signer keeps with its record */
	int key_io;		/* ... because reading it failed */

	/* Objects and shard folders ("dir/") stored since the last commit. */
	char **stored;
	size_t nstored;
};

#endif
