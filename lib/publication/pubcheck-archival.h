/*
 * pubcheck-archival: checking an archival transfer package (transfer.h,
 * zhifa-bundle(5)) as anyone can, without the archive, in one pass
 * over its files: the BagIt manifests and Payload-Oxum (pubcheck-bagit),
 * the agency key (or --key) and the journal checkpoint it signed
 * (pubcheck-log), each event's hash against its body and its inclusion
 * proof against the checkpoint's root, and each item of the table of
 * contents against its file's SHA-256 and the event that recorded it.
 * The objects are hashed as they stream past; the other files, small,
 * are kept until the end.
 */
#ifndef ZF_PUBCHECK_ARCHIVAL_H
#define ZF_PUBCHECK_ARCHIVAL_H

#include "publication/pubcheck.h"

/* 1 when the bag's bag-info.txt says Zhifa-Package: archival, 0 when
 * not, -1 with e set when the bundle cannot be read. */
int zf_pubcheck_is_archival(const char *path, int is_dir, struct zf_err *e);

/* Checks the package at path, as zf_pubcheck_bundle a bundle. */
int zf_pubcheck_archival(const char *path, int is_dir,
    const struct zf_pubcheck_options *o, struct zf_pubcheck *c,
    struct zf_err *e);

#endif
