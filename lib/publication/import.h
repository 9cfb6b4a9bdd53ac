/*
 * import: an exchange bundle of another agency (exchange.h) taken in.
 *
 * The file, a tar (gzip'd or not) or a zip and nothing else, is read
 * through libarchive one entry at a time into a quarantine folder of its
 * own outside the archive: regular files only (folders are made, never
 * taken), no absolute name, no "." or ".." part, no link, device or
 * pipe, no name twice, at most sharing.max_entries entries and
 * sharing.max_bytes bytes in all (zhifa.yaml).  Then, in the quarantine:
 * the BagIt manifests must list every file with its SHA-256 and no
 * other; the exchange-signature must be the agency key's, one of
 * sharing.trusted, over data/exchange.json, which names every payload
 * file's SHA-256; every event of every case must be the body its hash
 * names, of that case, signed by its actor's key (data/keys.json) in
 * force at its place in the other agency's journal.
 *
 * Only then, in one transaction, the bundle itself is stored as an object
 * and one bundle.imported event journaled: the agency, the bundle's
 * digest, and its cases, which the imported table lists by an id that
 * keeps their agency (its 统一社会信用代码, or its log's origin) before
 * their own: "91330100MB0000000X:C2026-0001".  A later bundle of the same
 * agency replaces what an earlier one said of a case.  Anything wrong is
 * refused with the reason, and the archive is left as it was.
 */
#ifndef ZF_IMPORT_H
#define ZF_IMPORT_H

#include <stdint.h>

struct zf_archive;
struct zf_buf;
struct zf_err;
struct zf_json;

/*
 * A bundle read and checked as above, with no archive: trusted, the keys
 * that may sign it; the caps.  Its quarantine stays until it is closed.
 */
struct zf_exchange_in;
int zf_exchange_in_open(const char *path, char *const *trusted,
    int64_t max_entries, int64_t max_bytes, struct zf_exchange_in **out,
    struct zf_err *e);
/* Its exchange.json, the cases checked ({id, case, number, kind,
 * events}), the trusted key that signed it, the SHA-256 of exchange.json. */
const struct zf_json *zf_exchange_in_manifest(const struct zf_exchange_in *r);
const struct zf_json *zf_exchange_in_cases(const struct zf_exchange_in *r);
const char *zf_exchange_in_key(const struct zf_exchange_in *r);
const char *zf_exchange_in_sha256(const struct zf_exchange_in *r);
/* A case's events.jsonl, checked, into b (made here). */
int zf_exchange_in_events(struct zf_exchange_in *r, const char *id,
    struct zf_buf *b);
void zf_exchange_in_close(struct zf_exchange_in *r);

/*
 * Takes in the bundle at path; *summary gets {agency, bundle (digest),
 * cases: [{id, case, number, kind, events}]}.  EX_DATAERR for a bundle
 * that is malformed, hostile or whose content does not verify,
 * EX_NOPERM for one whose key is not trusted.
 */
int zf_import_bundle(struct zf_archive *a, const char *path,
    struct zf_json **summary);

/* The imported cases, as the imported table holds them. */
int zf_import_list(struct zf_archive *a, struct zf_json **out);

#endif
