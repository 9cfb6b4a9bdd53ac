/*
 * trust: what makes the record say who and when, for the record layer
 * alone (it reads the handle): the drill flag of event 0, the honest
 * clock, the actor's personal key, and the signer's record of the last
 * checkpoint it signed (its checks before it signs are signer.h's).
 */
#ifndef ZF_TRUST_H
#define ZF_TRUST_H

#include <stdint.h>

#include "base/crypto.h"

struct zf_archive;
struct zf_json;

/*
 * Reads event 0: the archive is a drill when it says so, or when it was
 * made before the flag existed for the sample agency.
 */
int zf_trust_genesis(struct zf_archive *a);
/* The same, from event 0's data. */
int zf_trust_drill(const struct zf_json *data);

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
 * The signer's own record of the last checkpoint it signed (signer.h):
 * KEY.signed beside the agency key at path key, and the state it keeps
 * with it (KEY.ring), written after the commit, only ever with a larger
 * tree unless force (a restore the head told of).
 */
void zf_trust_signer_record(const char *key, const char *note,
    const char *state, int force);

#endif
