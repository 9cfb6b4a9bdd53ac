/*
 * pubcheck-bagit: the BagIt checks (RFC 8493) of a bundle being
 * checked (pubcheck-state.h): bagit.txt and bag-info.txt as they come,
 * each manifest line against the table of files, and at the end every
 * file against its manifest and Payload-Oxum against the payload.
 */
#ifndef ZF_PUBCHECK_BAGIT_H
#define ZF_PUBCHECK_BAGIT_H

#include <stddef.h>

#include "publication/pubcheck-state.h"

void zf_pubcheck_bagit_bagit(struct check *k, const char *text);
void zf_pubcheck_bagit_bag_info(struct check *k, const char *text);
/* bagit.txt or bag-info.txt (kind) read whole: checked, noted as seen;
 * 0 for any other kind. */
int zf_pubcheck_bagit_tag_file(struct check *k, enum kind kind,
    const char *text);
/* A line of manifest-sha256.txt or tagmanifest-sha256.txt (k->cur). */
void zf_pubcheck_bagit_manifest_line(struct check *k, const char *line,
    size_t len);
/* After the last pass: every file and its manifest line. */
void zf_pubcheck_bagit_manifests_end(struct check *k);
/* After the last pass: bag-info.txt is there (-1 when not) and its
 * Payload-Oxum is the payload's. */
int zf_pubcheck_bagit_oxum(struct check *k);
/* After the last pass: bag-info.txt's labels and Payload-Oxum. */
void zf_pubcheck_bagit_bag_info_end(struct check *k);

#endif
