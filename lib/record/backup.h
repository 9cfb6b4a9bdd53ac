/*
 * backup: a consistent copy of an archive, taken while writers run.
 *
 * The database is copied with SQLite's online backup API in one step:
 * a single read transaction, a snapshot that writers (WAL) never wait
 * for.  What the copy needs besides is then read from the copy itself:
 * the objects its journal references (only those the destination lacks
 * are copied, each checked against its digest, synced, made 0440 and
 * renamed into place) and its latest signed checkpoint, which becomes
 * the copy's checkpoint file; zhifa.yaml and keys/agency.vkey are copied
 * as they are.  The database is renamed into place after its objects,
 * and the checkpoint after the database, so a backup that is killed
 * leaves the destination as it was, or a copy that a new run completes.
 *
 * The destination is updated in place: a new folder, or an earlier
 * backup of the same archive (another archive's is refused), or a
 * folder that holds nothing but the names an archive has.  Its lock is
 * held exclusively while it is updated.
 */
#ifndef ZF_BACKUP_H
#define ZF_BACKUP_H

#include <stdint.h>

struct zf_archive;

struct zf_backup_stats {
	int64_t events;		/* in the copy */
	int64_t checkpoint;	/* the tree size of its checkpoint file */
	int64_t objects;	/* referenced by the copy */
	int64_t copied;		/* of which copied by this run */
	uint64_t bytes;		/* and their bytes */
};

/* 0, or a code with the message in the archive's error. */
int zf_backup(struct zf_archive *a, const char *dest,
    struct zf_backup_stats *st);

#endif
