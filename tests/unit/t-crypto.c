/* t-crypto: digests, encodings and both signature suites. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "helpers.h"
#include "base/buf.h"
#include "base/crypto.h"

static void
digest_vectors(void)
{
	uint8_t d[ZF_DIGEST_LEN];
	char hex[ZF_DIGEST_HEX];
	struct zf_digest *ctx;

	zf_digest_buf(ZF_SUITE_SHA256_ED25519, "abc", 3, d);
	zf_hex(d, sizeof(d), hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	zf_digest_buf(ZF_SUITE_SM3_SM2, "abc", 3, d);
	zf_hex(d, sizeof(d), hex);
	/* GB/T 32905-2016 Appendix A, example 1. */
	CHECK_STR(hex, "66c7f0f462eeedd9d1f2d46bdc10e4e2"
	    "4167c4875cf2f7a2297da02b8f4ba8e0");

	ctx = zf_digest_new(ZF_SUITE_SHA256_ED25519);
	CHECK(ctx != NULL);
	zf_digest_update(ctx, "a", 1);
	zf_digest_update(ctx, "bc", 2);
	zf_digest_final(ctx, d);
	zf_hex(d, sizeof(d), hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	/* final resets: the empty string next. */
	zf_digest_final(ctx, d);
	zf_hex(d, sizeof(d), hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	zf_digest_free(ctx);
}

static void
encodings(void)
{
	uint8_t raw[5] = { 0, 1, 0xfe, 0xff, 0x80 }, back[8];
	char out[16];
	long n;

	CHECK_INT(zf_base64_encode((const uint8_t *)"foobar", 6, out), 8);
	CHECK_STR(out, "Zm9vYmFy");
	zf_base64_encode((const uint8_t *)"fo", 2, out);
	CHECK_STR(out, "Zm8=");
	zf_base64_encode(raw, 5, out);
	n = zf_base64_decode(out, strlen(out), back, sizeof(back));
	CHECK_INT(n, 5);
	CHECK(memcmp(raw, back, 5) == 0);
	CHECK(zf_base64_decode("Zm8", 3, back, 8) < 0);
	CHECK(zf_base64_decode("Zm9=", 4, back, 8) < 0);	/* bits left */
	CHECK(zf_base64_decode("Z=m8", 4, back, 8) < 0);
	CHECK(zf_base64_decode("Zm9vYmFy", 8, back, 5) < 0);	/* cap */
	CHECK(zf_unhex("00ff", back, 2) == 0 && back[1] == 0xff);
	CHECK(zf_unhex("0g", back, 1) < 0);
	CHECK(zf_unhex("00ff00", back, 2) < 0);
}

static void
suite(int s)
{
	char path[] = "/tmp/t-crypto-XXXXXX", err[256];
	uint8_t pub[ZF_PUBKEY_MAX], pub2[ZF_PUBKEY_MAX], sig[ZF_SIG_MAX];
	struct zf_key *k, *loaded, *verifier;
	size_t plen, slen;
	int fd;

	k = zf_key_generate(s);
	CHECK(k != NULL);
	plen = zf_key_public(k, pub);
	CHECK_INT(plen, s == ZF_SUITE_SM3_SM2 ? 65 : 32);
	slen = zf_key_sign(k, "checkpoint", 10, sig);
	CHECK(slen > 0);
	verifier = zf_key_from_public(s, pub, plen);
	CHECK(verifier != NULL);
	CHECK(zf_key_verify(verifier, "checkpoint", 10, sig, slen) == 1);
	CHECK(zf_key_verify(verifier, "checkpoinT", 10, sig, slen) == 0);
	sig[slen / 2] ^= 1;
	CHECK(zf_key_verify(verifier, "checkpoint", 10, sig, slen) == 0);

	fd = mkstemp(path);
	close(fd);
	unlink(path);
	CHECK(zf_key_save_private(k, path, err, sizeof(err)) == 0);
	CHECK(zf_key_save_private(k, path, err, sizeof(err)) < 0);
	loaded = zf_key_load_private(s, path, err, sizeof(err));
	CHECK(loaded != NULL);
	CHECK(zf_key_public(loaded, pub2) == plen);
	CHECK(memcmp(pub, pub2, plen) == 0);
	CHECK(zf_key_load_private(!s, path, err, sizeof(err)) == NULL);
	unlink(path);
	zf_key_free(k);
	zf_key_free(loaded);
	zf_key_free(verifier);
}

/*
 * Key files that are missing, or hold no key: the error, or the
 * decoders' reason, in err.
 */
static void
unusable_keys(void)
{
	static const char garbage[] = "-----BEGIN PRIVATE KEY-----\n"
	    "bm90IGEga2V5\n-----END PRIVATE KEY-----\n";
	char dir[] = "/tmp/t-crypto-XXXXXX", err[256], *path;
	int s;

	if (mkdtemp(dir) == NULL) {
		CHECK(0);
		return;
	}
	path = xasprintf("%s/agency.pem", dir);
	for (s = ZF_SUITE_SHA256_ED25519; s <= ZF_SUITE_SM3_SM2; s++) {
		strcpy(err, "-");
		CHECK(zf_key_load_private(s, path, err, sizeof(err)) == NULL);
		CHECK_STR(err, "No such file or directory");
		CHECK(write_scratch(path, garbage, strlen(garbage)) == 0);
		strcpy(err, "");
		CHECK(zf_key_load_private(s, path, err, sizeof(err)) == NULL);
		CHECK(err[0] != '\0');
		CHECK(write_scratch(path, "", 0) == 0);
		strcpy(err, "");
		CHECK(zf_key_load_private(s, path, err, sizeof(err)) == NULL);
		CHECK(err[0] != '\0');
		unlink(path);
		/* A folder opens but reads as nothing. */
		strcpy(err, "");
		CHECK(zf_key_load_private(s, dir, err, sizeof(err)) == NULL);
		CHECK(err[0] != '\0');
	}
	free(path);
	rmdir(dir);
}

int
main(void)
{
	CHECK_PLAN(63);
	digest_vectors();
	encodings();
	suite(ZF_SUITE_SHA256_ED25519);
	suite(ZF_SUITE_SM3_SM2);
	unusable_keys();
	return check_report("t-crypto");
}
