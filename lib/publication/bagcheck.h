/*
 * bagcheck: the BagIt checks (RFC 8493) of a bundle being checked
 * (check.h): bagit.txt and bag-info.txt as they come, each manifest
 * line against the table of files, and at the end every file against
 * its manifest and Payload-Oxum against the payload.
 */
#ifndef ZF_BAGCHECK_H
#define ZF_BAGCHECK_H

#include <stddef.h>

#include "publication/check.h"

void zf_bagcheck_bagit(struct check *k, const char *text);
void zf_bagcheck_bag_info(struct check *k, const char *text);
/* A line of manifest-sha256.txt or tagmanifest-sha256.txt (k->cur). */
void zf_bagcheck_manifest_line(struct check *k, const char *line, size_t len);
/* After the last pass: every file and its manifest line. */
void zf_bagcheck_manifests_end(struct check *k);
/* After the last pass: bag-info.txt's labels and Payload-Oxum. */
void zf_bagcheck_bag_info_end(struct check *k);

#endif
