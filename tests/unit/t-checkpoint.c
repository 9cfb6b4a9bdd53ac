/*
 * t-checkpoint: checkpoints as signed notes (record/checkpoint.h).  The
 * reference note of golang.org/x/mod/sumdb/note is signed and verified
 * byte for byte; verifier keys are written and parsed, and mangled ones
 * refused; checkpoints of both suites are built, signed, parsed and
 * verified; a tampered note, a wrong key and malformed notes are refused
 * with their reasons.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "base/err.h"
#include "record/checkpoint.h"

/* golang.org/x/mod/sumdb/note, note_test.go. */
#define GO_NAME "PeterNeumann"
#define GO_KEY "ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
#define GO_VKEY "PeterNeumann+c74f20a3+" GO_KEY
#define GO_SKEY_B64 "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
#define GO_TEXT "If you think cryptography is the answer to your problem,\n" \
	"then you don't know what your problem is.\n"
#define GO_SIG "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInN" \
	"IuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"

#define ORIGIN "zhifa.archive/0123abcd"

struct signer {
	int suite;
	struct zf_key *key;
	uint8_t pub[ZF_PUBKEY_MAX];
	size_t len;
};

static uint8_t root[ZF_DIGEST_LEN];

/* The result of zf_checkpoint_verify on note, and its message in e. */
static int
verify(const struct signer *s, const char *name, const char *note,
    char **origin, uint64_t *size, uint8_t got[ZF_DIGEST_LEN],
    struct zf_err *e)
{
	zf_err_clear(e);
	return zf_checkpoint_verify(note, strlen(note), s->suite, name, s->pub,
	    s->len, origin, size, got, e);
}

/* refused: the note is refused with why, and no origin comes back (three
 * checks). */
static void
refused(const struct signer *s, const char *name, const char *note,
    const char *why)
{
	char *origin = (char *)"unset";
	uint8_t got[ZF_DIGEST_LEN];
	uint64_t size;
	struct zf_err e;

	CHECK_INT(verify(s, name, note, &origin, &size, got, &e), EX_DATAERR);
	CHECK_STR(e.msg, why);
	CHECK(origin == NULL);
}

/* The signed note of text by s under name; the caller frees it. */
static char *
signed_note(const struct signer *s, const char *name, const char *text)
{
	char *note = zf_note_sign(s->key, s->suite, name, text);

	if (note == NULL) {
		fprintf(stderr, "zf_note_sign failed\n");
		exit(1);
	}
	return note;
}

/* note with the first occurrence of from replaced by to. */
static char *
replaced(const char *note, const char *from, const char *to)
{
	const char *at = strstr(note, from);

	if (at == NULL)
		return xstrdup(note);
	return xasprintf("%.*s%s%s", (int)(at - note), note, to,
	    at + strlen(from));
}

/* A PEM file of the Ed25519 private key with the given 32-byte seed. */
static void
write_ed25519_pem(const char *path, const uint8_t seed[32])
{
	static const uint8_t prefix[16] = { 0x30, 0x2e, 0x02, 0x01, 0x00,
		0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04,
		0x20 };
	uint8_t der[48];
	char b64[80];
	FILE *f;

	memcpy(der, prefix, sizeof(prefix));
	memcpy(der + sizeof(prefix), seed, 32);
	zf_base64_encode(der, sizeof(der), b64);
	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	fprintf(f, "-----BEGIN PRIVATE KEY-----\n%s\n"
	    "-----END PRIVATE KEY-----\n", b64);
	fclose(f);
}

/* The reference note: the same bytes signed here, and verified. */
static void
go_reference(void)
{
	char path[] = "/tmp/t-checkpoint-XXXXXX", err[256], *name = NULL;
	char *vkey, *note;
	uint8_t skey[40], pub[ZF_PUBKEY_MAX], want[40];
	struct signer s = { ZF_SUITE_SHA256_ED25519, NULL, { 0 }, 0 };
	int suite = -1, fd;
	size_t len = 0;

	CHECK_INT(zf_note_vkey_parse(GO_VKEY, &suite, &name, pub, &len), 0);
	CHECK_INT(suite, ZF_SUITE_SHA256_ED25519);
	CHECK_STR(name, GO_NAME);
	CHECK_INT(len, 32);
	CHECK(zf_base64_decode(GO_VKEY + 22, strlen(GO_VKEY + 22), want,
	    sizeof(want)) == 33 && memcmp(want + 1, pub, 32) == 0);
	vkey = zf_note_vkey(ZF_SUITE_SHA256_ED25519, GO_NAME, pub, len);
	CHECK_STR(vkey, GO_VKEY);

	/* Ed25519 is deterministic: the same key signs the same bytes. */
	CHECK_INT(zf_base64_decode(GO_SKEY_B64, strlen(GO_SKEY_B64), skey,
	    sizeof(skey)), 33);
	fd = mkstemp(path);
	close(fd);
	write_ed25519_pem(path, skey + 1);
	s.key = zf_key_load_private(ZF_SUITE_SHA256_ED25519, path, err,
	    sizeof(err));
	unlink(path);
	CHECK(s.key != NULL);
	if (s.key == NULL) {
		fprintf(stderr, "%s\n", err);
		exit(1);
	}
	s.len = zf_key_public(s.key, s.pub);
	CHECK(s.len == 32 && memcmp(s.pub, pub, 32) == 0);
	note = signed_note(&s, GO_NAME, GO_TEXT);
	CHECK_STR(note, GO_TEXT "\n" GO_SIG);

	/* The signature verifies; the text is a note, not a checkpoint. */
	refused(&s, GO_NAME, GO_TEXT "\n" GO_SIG,
	    "checkpoint tree size is not a number");
	refused(&s, GO_NAME, "If you think cryptographY is the answer to your "
	    "problem,\nthen you don't know what your problem is.\n\n" GO_SIG,
	    "checkpoint signature by PeterNeumann does not verify");
	free(note);
	free(vkey);
	free(name);
	zf_key_free(s.key);
}

/* A verifier key mangled in any way is refused (as note_test.go does). */
static void
vkey_refusals(void)
{
	static const char *const bad[] = {
		"",
		"PeterNeumann",
		"PeterNeumann+c74f20a3",
		"PeterNeumann+c74f20a3+",
		"PeterNeumann+c74f20a+" GO_KEY,
		"PeterNeumann+c74f20a4+" GO_KEY,
		"PeterNeumann+c74f20g3+" GO_KEY,
		"Peterneumann+c74f20a3+" GO_KEY,
		/* type 0x02, and a key of 31 bytes */
		"PeterNeumann+c74f20a3+"
		    "Ahpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
		"PeterNeumann+c74f20a3+"
		    "ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy",
	};
	char buf[sizeof(GO_VKEY)], *name;
	uint8_t pub[ZF_PUBKEY_MAX];
	size_t i, j, n = strlen(GO_VKEY), len;
	int suite, accepted = 0;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		name = NULL;
		if (zf_note_vkey_parse(bad[i], &suite, &name, pub, &len) == 0) {
			fprintf(stderr, "accepted vkey '%s'\n", bad[i]);
			accepted++;
		}
		free(name);
	}
	CHECK_INT(accepted, 0);
	/* Every part short of the whole, and every byte changed. */
	accepted = 0;
	for (i = 0; i <= n; i++)
		for (j = i + 1; j <= n; j++) {
			if (i == 0 && j == n)
				continue;
			snprintf(buf, sizeof(buf), "%.*s", (int)(j - i),
			    GO_VKEY + i);
			name = NULL;
			if (zf_note_vkey_parse(buf, &suite, &name, pub,
			    &len) == 0) {
				fprintf(stderr, "accepted vkey '%s'\n", buf);
				accepted++;
			}
			free(name);
		}
	CHECK_INT(accepted, 0);
	accepted = 0;
	for (i = 0; i < n; i++) {
		memcpy(buf, GO_VKEY, sizeof(buf));
		buf[i]++;
		name = NULL;
		if (zf_note_vkey_parse(buf, &suite, &name, pub, &len) == 0) {
			fprintf(stderr, "accepted vkey '%s'\n", buf);
			accepted++;
		}
		free(name);
	}
	CHECK_INT(accepted, 0);
}

/* The key id of a vkey, computed here from C2SP's definition. */
static void
check_key_id(const char *vkey, int suite, const char *name,
    const uint8_t *pub, size_t len)
{
	static const char sm2_type[] = "zhifa-sm2-sm3";
	uint8_t digest[ZF_DIGEST_LEN];
	char hex[ZF_DIGEST_HEX], *want;
	struct zf_buf b;

	zf_buf_init(&b);
	zf_buf_addstr(&b, name);
	zf_buf_addch(&b, '\n');
	if (suite == ZF_SUITE_SM3_SM2) {
		zf_buf_addch(&b, 0xff);
		zf_buf_addstr(&b, sm2_type);
	} else {
		zf_buf_addch(&b, 0x01);
	}
	zf_buf_add(&b, pub, len);
	zf_digest_buf(ZF_SUITE_SHA256_ED25519, b.data, b.len, digest);
	zf_hex(digest, 4, hex);
	want = xasprintf("%s+%s+", name, hex);
	CHECK(strncmp(vkey, want, strlen(want)) == 0);
	free(want);
	zf_buf_release(&b);
}

#define ROOT "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

/* Texts that are not checkpoints, and why. */
static const struct {
	const char *text, *why;
} not_checkpoints[] = {
	{ "\n42\n" ROOT "\n", "checkpoint has no origin line" },
	{ ORIGIN "\nforty-two\n" ROOT "\n",
	    "checkpoint tree size is not a number" },
	{ ORIGIN "\n042\n" ROOT "\n", "checkpoint tree size is not a number" },
	{ ORIGIN "\n-1\n" ROOT "\n", "checkpoint tree size is not a number" },
	{ ORIGIN "\n18446744073709551616\n" ROOT "\n",
	    "checkpoint tree size is not a number" },
	{ ORIGIN "\n42\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==\n",
	    "checkpoint root hash is not base64 of 32 bytes" },
	{ ORIGIN "\n42\nnot base64\n",
	    "checkpoint root hash is not base64 of 32 bytes" },
};

/* Checkpoints of one suite, from text to verified note and back. */
static void
checkpoints(int suite)
{
	struct signer s = { suite, NULL, { 0 }, 0 }, other = s;
	uint8_t got[ZF_DIGEST_LEN], pub[ZF_PUBKEY_MAX];
	char *text, *note, *vkey, *name = NULL, *origin, *bad, *sigline;
	char *cosigned, *want;
	uint64_t size;
	struct zf_err e;
	size_t len, i;
	int parsed;

	s.key = zf_key_generate(suite);
	other.key = zf_key_generate(suite);
	if (s.key == NULL || other.key == NULL) {
		fprintf(stderr, "zf_key_generate failed\n");
		exit(1);
	}
	s.len = zf_key_public(s.key, s.pub);
	other.len = zf_key_public(other.key, other.pub);

	/* The verifier key: written, parsed back, its id as C2SP says. */
	vkey = zf_note_vkey(suite, ORIGIN, s.pub, s.len);
	CHECK_INT(zf_note_vkey_parse(vkey, &parsed, &name, pub, &len), 0);
	CHECK_INT(parsed, suite);
	CHECK_STR(name, ORIGIN);
	CHECK(len == s.len && memcmp(pub, s.pub, len) == 0);
	check_key_id(vkey, suite, ORIGIN, s.pub, s.len);

	/* The text, and the note. */
	text = zf_checkpoint_text(ORIGIN, 42, root);
	CHECK_STR(text, ORIGIN "\n42\n" ROOT "\n");
	note = signed_note(&s, ORIGIN, text);
	want = xasprintf("%s\n— %s ", text, ORIGIN);
	CHECK(strncmp(note, want, strlen(want)) == 0);
	CHECK(note[strlen(note) - 1] == '\n' &&
	    strchr(note + strlen(want), '\n') == note + strlen(note) - 1);
	free(want);
	origin = NULL;
	size = 0;
	memset(got, 0, sizeof(got));
	CHECK_INT(verify(&s, ORIGIN, note, &origin, &size, got, &e), 0);
	CHECK_STR(origin, ORIGIN);
	CHECK(size == 42);
	CHECK(memcmp(got, root, sizeof(root)) == 0);
	free(origin);

	/* The largest size; extension lines after the root. */
	free(text);
	text = zf_checkpoint_text(ORIGIN, UINT64_MAX, root);
	CHECK(strstr(text, "\n18446744073709551615\n") != NULL);
	free(note);
	note = signed_note(&s, ORIGIN, text);
	CHECK(verify(&s, ORIGIN, note, &origin, &size, got, &e) == 0 &&
	    size == UINT64_MAX);
	free(origin);
	free(note);
	bad = xasprintf("%sextension line\n", text);
	note = signed_note(&s, ORIGIN, bad);
	CHECK(verify(&s, ORIGIN, note, &origin, &size, got, &e) == 0 &&
	    size == UINT64_MAX && memcmp(got, root, sizeof(root)) == 0);
	free(origin);
	free(note);
	free(bad);

	/* A cosignature by another key before the log's own still verifies. */
	free(text);
	text = zf_checkpoint_text(ORIGIN, 42, root);
	note = signed_note(&s, ORIGIN, text);
	bad = signed_note(&other, "witness.example.org", text);
	sigline = strstr(bad, "\n\n") + 2;
	cosigned = xasprintf("%s\n%s%s", text, sigline,
	    strstr(note, "\n\n") + 2);
	CHECK(verify(&s, ORIGIN, cosigned, &origin, &size, got, &e) == 0 &&
	    size == 42);
	free(origin);
	free(cosigned);
	free(bad);

	/* Tampered: the size, the root, the origin, the signature. */
	bad = replaced(note, "\n42\n", "\n43\n");
	refused(&s, ORIGIN, bad, "checkpoint signature by " ORIGIN
	    " does not verify");
	free(bad);
	bad = replaced(note, "AAEC", "AAED");
	refused(&s, ORIGIN, bad, "checkpoint signature by " ORIGIN
	    " does not verify");
	free(bad);
	bad = xstrdup(note);
	bad[3] ^= 1;
	refused(&s, ORIGIN, bad, "checkpoint signature by " ORIGIN
	    " does not verify");
	free(bad);
	bad = xstrdup(note);
	sigline = strrchr(bad, ' ') + 20;	/* past the key id */
	*sigline = *sigline == 'A' ? 'B' : 'A';
	refused(&s, ORIGIN, bad, "checkpoint signature by " ORIGIN
	    " does not verify");
	free(bad);

	/* The wrong key, the wrong name, no key at all. */
	refused(&other, ORIGIN, note, "checkpoint is not signed by the key "
	    ORIGIN);
	refused(&s, "zhifa.archive/4567cdef", note, "checkpoint is not signed "
	    "by the key zhifa.archive/4567cdef");
	other.len = 5;
	refused(&other, ORIGIN, note, "the agency's public key is not a valid "
	    "key");

	/* Malformed notes. */
	refused(&s, ORIGIN, text, "checkpoint is not a signed note (no blank "
	    "line before its signatures)");
	bad = replaced(note, "\n42", "\r\n42");
	refused(&s, ORIGIN, bad, "checkpoint holds a control character");
	free(bad);
	bad = xstrdup(note);
	bad[strlen(bad) - 1] = '\0';
	refused(&s, ORIGIN, bad, "checkpoint signature line does not end in "
	    "a newline");
	free(bad);

	/* Signed, but not checkpoints. */
	for (i = 0; i < sizeof(not_checkpoints) / sizeof(not_checkpoints[0]);
	    i++) {
		bad = signed_note(&s, ORIGIN, not_checkpoints[i].text);
		refused(&s, ORIGIN, bad, not_checkpoints[i].why);
		free(bad);
	}

	free(note);
	free(text);
	free(vkey);
	free(name);
	zf_key_free(s.key);
	zf_key_free(other.key);
}

int
main(void)
{
	size_t i;

	CHECK_PLAN(16 + 3 + 2 * 67);
	for (i = 0; i < sizeof(root); i++)
		root[i] = (uint8_t)i;
	go_reference();		/* 16 */
	vkey_refusals();	/* 3 */
	checkpoints(ZF_SUITE_SHA256_ED25519);	/* 64 each */
	checkpoints(ZF_SUITE_SM3_SM2);
	return check_report("t-checkpoint");
}
