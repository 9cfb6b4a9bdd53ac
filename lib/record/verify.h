/*
 * verify: everything archive-verify checks, each problem with a stable
 * code.  E codes are errors (the record is damaged or was tampered
 * with); W codes are warnings (leftovers a crash may leave, which harm
 * nothing recorded).  zhifa-journal(5) and archive-verify(1) list them.
 *
 * The journal is walked once: each event's hash, its chain link, its
 * canonical form, the Merkle tree recomputed from the leaves against the
 * stored hashes, every stored checkpoint's root and signature, and a
 * replay of every event into fresh tables, compared with the live ones.
 * Then the objects the replay says must exist are checked (size; digest
 * unless quick) and the store is searched for files nothing references.
 */
#ifndef ZF_VERIFY_H
#define ZF_VERIFY_H

#include <stddef.h>
#include <stdint.h>

struct zf_archive;
struct zf_json;

struct zf_verify_options {
	int quick;		/* do not re-hash objects */
	const char *witness;	/* a checkpoint file kept elsewhere */
	/*
	 * Journal checkpoints held elsewhere (the ones publication bundles
	 * carry): name[i] says where note[i] came from; a NULL note cannot
	 * be used, for the reason in why[i].
	 */
	const char *const *witness_name;
	const char *const *witness_note;
	const char *const *witness_why;
	size_t nwitnesses;
	void (*progress)(void *ctx, const char *what, uint64_t done,
	    uint64_t total);
	void *ctx;
};

struct zf_verify_report {
	struct zf_json *problems;	/* array of {code, severity, ...} */
	int64_t events, objects, checkpoints;
	uint64_t bytes_hashed;
	int errors, warnings;
};

/*
 * Runs every check.  Returns 0 when the checks could run (whatever they
 * found: see report->errors), or a code when they could not.
 */
int zf_verify(struct zf_archive *a, const struct zf_verify_options *o,
    struct zf_verify_report *report);
void zf_verify_report_release(struct zf_verify_report *r);

#endif
