/* crypto: digests, keys and signatures through OpenSSL 3. */
/* SHA256_*: the short-message path without EVP's per-call set-up. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "base/crypto.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include "base/buf.h"
#include "base/io.h"

/* GM/T 0009-2012's default user id for SM2 signatures. */
static const char sm2_user_id[] = "1234567812345678";

struct zf_digest {
	EVP_MD_CTX *ctx;
	const EVP_MD *md;
};

struct zf_key {
	int suite;
	EVP_PKEY *pkey;
};

int
zf_suite_parse(const char *name)
{
	if (strcmp(name, "sha256-ed25519") == 0)
		return ZF_SUITE_SHA256_ED25519;
	if (strcmp(name, "sm3-sm2") == 0)
		return ZF_SUITE_SM3_SM2;
	return -1;
}

const char *
zf_suite_name(int suite)
{
	return suite == ZF_SUITE_SM3_SM2 ? "sm3-sm2" : "sha256-ed25519";
}

const char *
zf_suite_digest_name(int suite)
{
	return suite == ZF_SUITE_SM3_SM2 ? "sm3" : "sha256";
}

static const EVP_MD *
suite_md(int suite)
{
	static const EVP_MD *sha256, *sm3;
	static int ready;

	/*
	 * zhifa needs only the default provider: skipping the system's
	 * openssl.cnf saves most of OpenSSL's start-up, which every
	 * program pays.
	 */
	if (!ready) {
		OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL);
		ready = 1;
	}

	if (suite == ZF_SUITE_SM3_SM2) {
		if (sm3 == NULL)
			sm3 = EVP_MD_fetch(NULL, "SM3", NULL);
		return sm3;
	}
	if (sha256 == NULL)
		sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
	return sha256;
}

struct zf_digest *
zf_digest_new(int suite)
{
	struct zf_digest *d;
	const EVP_MD *md = suite_md(suite);

	if (md == NULL)
		return NULL;
	d = xmalloc(sizeof(*d));
	d->md = md;
	d->ctx = EVP_MD_CTX_new();
	if (d->ctx == NULL || !EVP_DigestInit_ex(d->ctx, md, NULL)) {
		EVP_MD_CTX_free(d->ctx);
		free(d);
		return NULL;
	}
	return d;
}

void
zf_digest_update(struct zf_digest *d, const void *data, size_t len)
{
	if (len > 0)
		EVP_DigestUpdate(d->ctx, data, len);
}

void
zf_digest_final(struct zf_digest *d, uint8_t out[ZF_DIGEST_LEN])
{
	unsigned int n = 0;

	EVP_DigestFinal_ex(d->ctx, out, &n);
	EVP_DigestInit_ex(d->ctx, d->md, NULL);
}

void
zf_digest_free(struct zf_digest *d)
{
	if (d == NULL)
		return;
	EVP_MD_CTX_free(d->ctx);
	free(d);
}

void
zf_digest_buf(int suite, const void *data, size_t len,
    uint8_t out[ZF_DIGEST_LEN])
{
	unsigned int n = 0;

	/*
	 * Events and tree nodes are hashed by the million, a few hundred
	 * bytes at a time, where EVP's per-call set-up costs more than the
	 * hashing: SHA-256 goes straight to the (accelerated) primitive.
	 * Both paths keep no state, so threads may share them once the
	 * digest has been fetched (see zf_digest_new).
	 */
	if (suite == ZF_SUITE_SHA256_ED25519) {
		SHA256_CTX c;

		SHA256_Init(&c);
		SHA256_Update(&c, data, len);
		SHA256_Final(out, &c);
		return;
	}
	if (!EVP_Digest(data, len, out, &n, suite_md(suite), NULL))
		abort();
}

void
zf_hex(const uint8_t *in, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * len] = '\0';
}

int
zf_hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
zf_unhex(const char *in, uint8_t *out, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		int hi = zf_hex_digit((unsigned char)in[2 * i]);
		int lo = hi < 0 ? -1 :
		    zf_hex_digit((unsigned char)in[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return in[2 * len] == '\0' ? 0 : -1;
}

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t
zf_base64_encode(const uint8_t *in, size_t len, char *out)
{
	size_t i, o = 0;

	for (i = 0; i + 2 < len; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | in[i + 1] << 8 | in[i + 2];

		out[o++] = b64[v >> 18];
		out[o++] = b64[(v >> 12) & 63];
		out[o++] = b64[(v >> 6) & 63];
		out[o++] = b64[v & 63];
	}
	if (i < len) {
		uint32_t v = (uint32_t)in[i] << 16;

		if (i + 1 < len)
			v |= in[i + 1] << 8;
		out[o++] = b64[v >> 18];
		out[o++] = b64[(v >> 12) & 63];
		out[o++] = i + 1 < len ? b64[(v >> 6) & 63] : '=';
		out[o++] = '=';
	}
	out[o] = '\0';
	return o;
}

long
zf_base64_decode(const char *in, size_t inlen, uint8_t *out, size_t cap)
{
	size_t i, o = 0;
	uint32_t acc = 0;
	int bits = 0, pad = 0;

	if (inlen % 4 != 0)
		return -1;
	for (i = 0; i < inlen; i++) {
		const char *p;
		int c = (unsigned char)in[i];

		if (c == '=') {
			/* Padding only at the very end, at most two. */
			if (i < inlen - 2 ||
			    (i == inlen - 2 && in[i + 1] != '='))
				return -1;
			pad++;
			continue;
		}
		if (c == '\0' || (p = strchr(b64, c)) == NULL)
			return -1;
		acc = acc << 6 | (uint32_t)(p - b64);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o >= cap)
				return -1;
			out[o++] = (uint8_t)(acc >> bits);
		}
	}
	/* The unused low bits must be zero (canonical encoding). */
	if (pad > 0 && (acc & ((1u << bits) - 1)) != 0)
		return -1;
	return (long)o;
}

static ssize_t
random_step(void *arg, size_t done, size_t left)
{
	return getrandom((uint8_t *)arg + done, left, 0);
}

int
zf_random(void *buf, size_t len)
{
	return zf_io_all(random_step, buf, len);
}

static const char *
suite_keytype(int suite)
{
	return suite == ZF_SUITE_SM3_SM2 ? "SM2" : "ED25519";
}

static struct zf_key *
wrap(int suite, EVP_PKEY *pkey)
{
	struct zf_key *k;

	if (pkey == NULL)
		return NULL;
	k = xmalloc(sizeof(*k));
	k->suite = suite;
	k->pkey = pkey;
	return k;
}

struct zf_key *
zf_key_generate(int suite)
{
	return wrap(suite, EVP_PKEY_Q_keygen(NULL, NULL, suite_keytype(suite)));
}

static void
openssl_reason(char *err, size_t errlen, const char *fallback)
{
	unsigned long e = ERR_get_error();

	if (e != 0)
		ERR_error_string_n(e, err, errlen);
	else
		snprintf(err, errlen, "%s", fallback);
	ERR_clear_error();
}

/*
 * An Ed25519 PKCS#8 key is always these 16 bytes and the 32-byte seed
 * (RFC 8410).  Reading it directly skips OpenSSL's decoder search, which
 * costs every signing command milliseconds.
 */
static const uint8_t ed25519_pkcs8[16] = {
	0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06,
	0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20
};

static EVP_PKEY *
load_ed25519_fast(FILE *f)
{
	char line[128], text[256];
	uint8_t der[64];
	size_t used = 0, n;
	int in = 0;
	long len;
	EVP_PKEY *pkey;

	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, "-----BEGIN PRIVATE KEY-----", 27) == 0) {
			in = 1;
			continue;
		}
		if (strncmp(line, "-----END PRIVATE KEY-----", 25) == 0)
			break;
		if (!in)
			continue;
		n = strcspn(line, "\r\n");
		if (used + n >= sizeof(text))
			return NULL;
		memcpy(text + used, line, n);
		used += n;
	}
	len = zf_base64_decode(text, used, der, sizeof(der));
	if (len != 48 || memcmp(der, ed25519_pkcs8, 16) != 0)
		return NULL;
	pkey = EVP_PKEY_new_raw_private_key_ex(NULL, "ED25519", NULL, der + 16,
	    32);
	OPENSSL_cleanse(der, sizeof(der));
	OPENSSL_cleanse(text, sizeof(text));
	return pkey;
}

/*
 * Key files are a few hundred bytes; reading stops past this, and what
 * was read is still decoded, as it is after a read error, so that the
 * decoders speak of what they were given.
 */
#define KEY_MAX_BYTES (1 << 20)

struct zf_key *
zf_key_load_private(int suite, const char *path, char *err, size_t errlen)
{
	struct zf_buf b;
	EVP_PKEY *pkey = NULL;
	FILE *f;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return NULL;
	}
	zf_buf_init(&b);
	if (zf_read_fd(fd, KEY_MAX_BYTES, &b) != 0) {
		int saved = errno;

		snprintf(err, errlen, "%s", strerror(errno));
		close(fd);
		errno = saved;
		goto out;
	}
	close(fd);
	/* The decoders read a stream: the bytes read, as one. */
	if ((f = fmemopen(b.data, b.len, "r")) == NULL) {
		snprintf(err, errlen, "%s", strerror(errno));
		goto out;
	}
	if (suite == ZF_SUITE_SHA256_ED25519) {
		pkey = load_ed25519_fast(f);
		rewind(f);
	}
	if (pkey == NULL)
		pkey = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	if (pkey == NULL) {
		openssl_reason(err, errlen, "not a PEM private key");
		errno = EINVAL;
		goto out;
	}
	if (!EVP_PKEY_is_a(pkey, suite_keytype(suite))) {
		snprintf(err, errlen, "not an %s key", suite_keytype(suite));
		EVP_PKEY_free(pkey);
		pkey = NULL;
		errno = EINVAL;
	}
out:
	OPENSSL_cleanse(b.data, b.len);
	zf_buf_release(&b);
	return wrap(suite, pkey);
}

struct zf_key *
zf_key_from_public(int suite, const uint8_t *pub, size_t len)
{
	EVP_PKEY *pkey = NULL;
	EVP_PKEY_CTX *ctx;
	OSSL_PARAM params[3];

	if (suite == ZF_SUITE_SHA256_ED25519) {
		if (len != 32)
			return NULL;
		return wrap(suite, EVP_PKEY_new_raw_public_key_ex(NULL,
		    "ED25519", NULL, pub, len));
	}
	if (len != 65 || pub[0] != 0x04)
		return NULL;
	params[0] = OSSL_PARAM_construct_utf8_string(
	    OSSL_PKEY_PARAM_GROUP_NAME, (char *)"SM2", 0);
	params[1] = OSSL_PARAM_construct_octet_string(
	    OSSL_PKEY_PARAM_PUB_KEY, (void *)pub, len);
	params[2] = OSSL_PARAM_construct_end();
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "SM2", NULL);
	if (ctx == NULL)
		return NULL;
	if (EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) <= 0)
		pkey = NULL;
	EVP_PKEY_CTX_free(ctx);
	return wrap(suite, pkey);
}

int
zf_key_save_private(struct zf_key *k, const char *path, char *err,
    size_t errlen)
{
	FILE *f;
	int fd, ok;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		snprintf(err, errlen, "%s", strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	ok = PEM_write_PrivateKey(f, k->pkey, NULL, NULL, 0, NULL, NULL);
	if (fflush(f) != 0 || fsync(fd) != 0)
		ok = 0;
	if (fclose(f) != 0)
		ok = 0;
	if (!ok) {
		openssl_reason(err, errlen, strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
}

size_t
zf_key_public(struct zf_key *k, uint8_t out[ZF_PUBKEY_MAX])
{
	size_t len = ZF_PUBKEY_MAX;

	if (k->suite == ZF_SUITE_SHA256_ED25519) {
		if (!EVP_PKEY_get_raw_public_key(k->pkey, out, &len))
			return 0;
		return len;
	}
	if (!EVP_PKEY_get_octet_string_param(k->pkey,
	    OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, out, ZF_PUBKEY_MAX, &len))
		return 0;
	return len;
}

static EVP_MD_CTX *
sign_context(struct zf_key *k, int verify)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pctx = NULL;
	int ok;

	if (ctx == NULL)
		return NULL;
	if (k->suite == ZF_SUITE_SHA256_ED25519) {
		ok = verify ?
		    EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, k->pkey) :
		    EVP_DigestSignInit(ctx, NULL, NULL, NULL, k->pkey);
	} else {
		pctx = EVP_PKEY_CTX_new(k->pkey, NULL);
		ok = pctx != NULL && EVP_PKEY_CTX_set1_id(pctx, sm2_user_id,
		    sizeof(sm2_user_id) - 1) > 0;
		if (ok) {
			EVP_MD_CTX_set_pkey_ctx(ctx, pctx);
			ok = verify ? EVP_DigestVerifyInit(ctx, NULL,
			    suite_md(k->suite), NULL, k->pkey)
			    : EVP_DigestSignInit(ctx, NULL, suite_md(k->suite),
			    NULL, k->pkey);
		}
	}
	if (ok <= 0) {
		EVP_MD_CTX_free(ctx);
		EVP_PKEY_CTX_free(pctx);
		ERR_clear_error();
		return NULL;
	}
	return ctx;
}

static void
sign_context_free(struct zf_key *k, EVP_MD_CTX *ctx)
{
	EVP_PKEY_CTX *pctx = NULL;

	/* A context set with EVP_MD_CTX_set_pkey_ctx stays the caller's. */
	if (k->suite == ZF_SUITE_SM3_SM2)
		pctx = EVP_MD_CTX_get_pkey_ctx(ctx);
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_CTX_free(pctx);
}

size_t
zf_key_sign(struct zf_key *k, const void *msg, size_t len,
    uint8_t sig[ZF_SIG_MAX])
{
	EVP_MD_CTX *ctx = sign_context(k, 0);
	size_t siglen = ZF_SIG_MAX;

	if (ctx == NULL)
		return 0;
	if (EVP_DigestSign(ctx, sig, &siglen, msg, len) <= 0)
		siglen = 0;
	sign_context_free(k, ctx);
	ERR_clear_error();
	return siglen;
}

int
zf_key_verify(struct zf_key *k, const void *msg, size_t len,
    const uint8_t *sig, size_t siglen)
{
	EVP_MD_CTX *ctx = sign_context(k, 1);
	int ok;

	if (ctx == NULL)
		return 0;
	ok = EVP_DigestVerify(ctx, sig, siglen, msg, len) == 1;
	sign_context_free(k, ctx);
	ERR_clear_error();
	return ok;
}

void
zf_key_free(struct zf_key *k)
{
	if (k == NULL)
		return;
	EVP_PKEY_free(k->pkey);
	free(k);
}
