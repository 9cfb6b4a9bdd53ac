/*
 * trust: what makes the record say who and when, for the record layer
 * alone (it reads the handle): the drill flag of event 0, the honest
 * clock, the actor's personal key, and the signer's checks before it
 * signs a checkpoint.
 */
#ifndef ZF_TRUST_H
#define ZF_TRUST_H

#include <stdint.h>

#include "base/crypto.h"

struct zf_archive;

/*
 * Reads event 0: the archive is a drill when it says so, or when it was
 * made before the flag existed for the sample agency.
 */
int zf_trust_genesis(struct zf_archive *a);

/* A set clock (ZHIFA_NOW) in an archive that is no drill: EX_USAGE. */
int zf_trust_clock(struct zf_archive *a);

/*
 * Inside a write: the clock may not be behind the journal's last
 * recording time by more than ZF_CLOCK_SLACK seconds (EX_TEMPFAIL); when
 * it is behind by less, the last time is used, so times never go back.
 * A drill's set clock (ZHIFA_NOW) is free to go back.
 */
#define ZF_CLOCK_SLACK 5
int zf_trust_forward(struct zf_archive *a);

/*
 * Checks the personal signature of every event from seq from to the
 * journal's end against the key its actor held then (person_keys).
 * 0 when all verify; 1 with *why (malloc'd) naming the first that does
 * not; else the error's code.
 */
int zf_trust_tail(struct zf_archive *a, int64_t from, char **why);

/*
 * The signer's own record of the last checkpoint it signed, kept next
 * to the agency key at path key (KEY.signed): the tree of n leaves with
 * root must extend it.  0 when it does or there is none; 1 with *why
 * when not; else the error's code.  The record is written after the commit.
 */
int zf_trust_signer_check(struct zf_archive *a, const char *key,
    uint64_t n, const uint8_t root[ZF_DIGEST_LEN], char **why);
/* key: the agency key's path; the record is KEY.signed. */
void zf_trust_signer_record(const char *key, const char *note);

#endif
