/*
 * checkpoint: signed tree heads in the C2SP tlog-checkpoint format, as
 * signed notes (c2sp.org/signed-note):
 *
 *   <origin>\n<tree size, decimal>\n<root hash, base64>\n
 *   \n
 *   — <key name> <base64(key id (4 bytes) || signature)>\n
 *
 * The key name is the log's origin.  Ed25519 keys use signature type
 * 0x01: key id = SHA-256(name || 0x0A || 0x01 || 32-byte key)[:4], the
 * signature is over the note text.  SM2 keys use type 0xff followed by
 * the identifier "zhifa-sm2-sm3": key id = SHA-256(name || 0x0A || 0xff
 * || "zhifa-sm2-sm3" || 65-byte uncompressed key)[:4]; the signature is
 * SM2 with SM3 and the GM/T 0009 default user id, DER-encoded.  The
 * verifier key (vkey) is "name+<key id, 8 hex>+base64(type || key)".
 */
#ifndef ZF_CHECKPOINT_H
#define ZF_CHECKPOINT_H

#include <stddef.h>
#include <stdint.h>

#include "base/crypto.h"
#include "base/err.h"

struct zf_key;

char *zf_checkpoint_text(const char *origin, uint64_t size,
    const uint8_t root[ZF_DIGEST_LEN]);
/* The whole signed note (text, blank line, signature line). */
char *zf_note_sign(struct zf_key *k, int suite, const char *name,
    const char *text);
char *zf_note_vkey(int suite, const char *name, const uint8_t *pub,
    size_t len);
/* The public half of k as a verifier key named name. */
char *zf_note_key_vkey(struct zf_key *k, int suite, const char *name);
/* Parses a vkey; 0 or -1. *name is malloc'd. */
int zf_note_vkey_parse(const char *vkey, int *suite, char **name,
    uint8_t pub[ZF_PUBKEY_MAX], size_t *len);

/*
 * Checks a signed checkpoint against the key (name, pub) of the suite:
 * a signature line by that key must verify, and the text must be a
 * checkpoint.  Fills *origin (malloc'd), *size and root.  EX_DATAERR
 * with the reason when anything is wrong.
 */
int zf_checkpoint_verify(const char *note, size_t len, int suite,
    const char *name, const uint8_t *pub, size_t publen, char **origin,
    uint64_t *size, uint8_t root[ZF_DIGEST_LEN], struct zf_err *e);

#endif
