/*
 * crypto: the one place zhifa touches OpenSSL.
 *
 * An archive has one suite, fixed when it is created: sha256-ed25519 (the
 * default) or sm3-sm2 (GM/T 0004 hashing, GM/T 0003 signatures).  Every
 * content address, event hash and Merkle node of the archive uses the
 * suite's digest; every checkpoint is signed with the suite's key type.
 * Both digests are 32 bytes long.
 */
#ifndef ZF_CRYPTO_H
#define ZF_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#define ZF_DIGEST_LEN 32
#define ZF_DIGEST_HEX (2 * ZF_DIGEST_LEN + 1)

enum zf_suite {
	ZF_SUITE_SHA256_ED25519 = 0,
	ZF_SUITE_SM3_SM2 = 1
};

/* "sha256-ed25519" / "sm3-sm2"; -1 when unknown. */
int zf_suite_parse(const char *name);
const char *zf_suite_name(int suite);
/* The digest's name as used in object paths: "sha256" or "sm3". */
const char *zf_suite_digest_name(int suite);

/* Incremental digest.  zf_digest_new returns NULL only on a library fault. */
struct zf_digest;
struct zf_digest *zf_digest_new(int suite);
void zf_digest_update(struct zf_digest *d, const void *data, size_t len);
/* Writes ZF_DIGEST_LEN bytes and resets the context for reuse. */
void zf_digest_final(struct zf_digest *d, uint8_t out[ZF_DIGEST_LEN]);
void zf_digest_free(struct zf_digest *d);

/*
 * One-shot digest of a buffer.  Safe to call from several threads once
 * the suite's digest has been fetched (by any earlier call).
 */
void zf_digest_buf(int suite, const void *data, size_t len,
    uint8_t out[ZF_DIGEST_LEN]);

/* Lowercase hex; out must hold 2 * len + 1 bytes. */
void zf_hex(const uint8_t *in, size_t len, char *out);
/* Parses exactly 2 * len hex digits; 0 on success, -1 otherwise. */
int zf_unhex(const char *in, uint8_t *out, size_t len);
/* The value of the hex digit c (either case), or -1. */
int zf_hex_digit(int c);

/* Standard base64 with padding; out must hold 4 * ((len + 2) / 3) + 1. */
size_t zf_base64_encode(const uint8_t *in, size_t len, char *out);
/* Returns the decoded length, or -1 on malformed input or overflow of cap. */
long zf_base64_decode(const char *in, size_t inlen, uint8_t *out, size_t cap);

/* Fills buf with len bytes from the system's CSPRNG; 0 or -1. */
int zf_random(void *buf, size_t len);

/*
 * Keys.  A private key is a PEM file (PKCS#8); a public key is the raw
 * key as used in signed notes: 32 bytes for Ed25519, 65 bytes (04||X||Y)
 * for SM2.
 */
#define ZF_PUBKEY_MAX 65
#define ZF_SIG_MAX 80

struct zf_key;
/* Generates a fresh key pair for the suite. */
struct zf_key *zf_key_generate(int suite);
/*
 * Reads a PEM private key; NULL with a message in err, and errno that of
 * the failed open or read, or EINVAL when the bytes are no such key.
 */
struct zf_key *zf_key_load_private(int suite, const char *path, char *err,
    size_t errlen);
/* Builds a verify-only key from its raw public bytes. */
struct zf_key *zf_key_from_public(int suite, const uint8_t *pub, size_t len);
/* Writes the private key as PEM to path, created 0600, exclusively. */
int zf_key_save_private(struct zf_key *k, const char *path, char *err,
    size_t errlen);
/* Raw public key; returns its length. */
size_t zf_key_public(struct zf_key *k, uint8_t out[ZF_PUBKEY_MAX]);
/* Signs msg; returns signature length, or 0 on failure. */
size_t zf_key_sign(struct zf_key *k, const void *msg, size_t len,
    uint8_t sig[ZF_SIG_MAX]);
/* 1 if the signature verifies, 0 otherwise. */
int zf_key_verify(struct zf_key *k, const void *msg, size_t len,
    const uint8_t *sig, size_t siglen);
void zf_key_free(struct zf_key *k);

#endif
