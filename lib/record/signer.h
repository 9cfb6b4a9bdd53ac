/*
 * signer: what the holder of the agency key vouches for before it signs
 * a checkpoint, for the record layer alone.
 *
 * It trusts no derived table and no index column.  Its base is its own
 * record of the last checkpoint it signed (KEY.signed, beside the agency
 * key, checked with the agency key), with the state it kept then
 * (KEY.ring: who held which key, the configuration in force, the drill
 * flag): the journal must extend it, or tell of a restore that lost it
 * (an archive.restored event by the head, naming that very checkpoint).
 * Then it replays every later event from its own body, checked against
 * its hash and carrying the signature of its actor's key; without a base
 * it replays from event 0.  An event that registers or revokes keys,
 * changes the configuration or tells of a restore must be the head's, by
 * the configuration in force before it.  No event may be recorded in the
 * future of the signer's own clock, nor under a set clock in a real
 * archive.
 */
#ifndef ZF_SIGNER_H
#define ZF_SIGNER_H

#include <stdint.h>

#include "base/crypto.h"

struct zf_archive;

/*
 * For a journal of n events with root: 0 when the signer vouches for it
 * (*rewound set when a restore the head told of is why it no longer
 * extends the record; *state, malloc'd, the state to keep with the new
 * record); 1 with *why (malloc'd) when it will not sign; else the
 * error's code.  key is the agency key's path.
 */
int zf_signer_vouch(struct zf_archive *a, const char *key, uint64_t n,
    const uint8_t root[ZF_DIGEST_LEN], int *rewound, char **state,
    char **why);

#endif
