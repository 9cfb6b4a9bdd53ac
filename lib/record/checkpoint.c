/* checkpoint: C2SP checkpoints as signed notes. */
#include "record/checkpoint.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

static const char sm2_type[] = "zhifa-sm2-sm3";
static const char em_dash[] = "\xe2\x80\x94";	/* U+2014 */

/* type || key, as hashed into the key id and carried in the vkey. */
static size_t
typed_key(int suite, const uint8_t *pub, size_t len, uint8_t *out)
{
	size_t n = 0;

	if (suite == ZF_SUITE_SM3_SM2) {
		out[n++] = 0xff;
		memcpy(out + n, sm2_type, sizeof(sm2_type) - 1);
		n += sizeof(sm2_type) - 1;
	} else {
		out[n++] = 0x01;
	}
	memcpy(out + n, pub, len);
	return n + len;
}

static void
key_id(int suite, const char *name, const uint8_t *pub, size_t len,
    uint8_t id[4])
{
	uint8_t typed[ZF_PUBKEY_MAX + 32], digest[ZF_DIGEST_LEN];
	struct zf_buf b;
	size_t n = typed_key(suite, pub, len, typed);

	zf_buf_init(&b);
	zf_buf_addstr(&b, name);
	zf_buf_addch(&b, '\n');
	zf_buf_add(&b, typed, n);
	/* The key id is SHA-256 whatever the archive's suite (C2SP). */
	zf_digest_buf(ZF_SUITE_SHA256_ED25519, b.data, b.len, digest);
	zf_buf_release(&b);
	memcpy(id, digest, 4);
}

char *
zf_checkpoint_text(const char *origin, uint64_t size,
    const uint8_t root[ZF_DIGEST_LEN])
{
	char b64[64];

	zf_base64_encode(root, ZF_DIGEST_LEN, b64);
	return xasprintf("%s\n%" PRIu64 "\n%s\n", origin, size, b64);
}

char *
zf_note_sign(struct zf_key *k, int suite, const char *name, const char *text)
{
	uint8_t pub[ZF_PUBKEY_MAX], blob[4 + ZF_SIG_MAX];
	char b64[2 * sizeof(blob)];
	size_t publen = zf_key_public(k, pub), siglen;

	key_id(suite, name, pub, publen, blob);
	siglen = zf_key_sign(k, text, strlen(text), blob + 4);
	if (siglen == 0)
		return NULL;
	zf_base64_encode(blob, 4 + siglen, b64);
	return xasprintf("%s\n%s %s %s\n", text, em_dash, name, b64);
}

char *
zf_note_vkey(int suite, const char *name, const uint8_t *pub, size_t len)
{
	uint8_t typed[ZF_PUBKEY_MAX + 32], id[4];
	char b64[2 * sizeof(typed)];
	size_t n = typed_key(suite, pub, len, typed);

	key_id(suite, name, pub, len, id);
	zf_base64_encode(typed, n, b64);
	return xasprintf("%s+%02x%02x%02x%02x+%s", name, id[0], id[1], id[2],
	    id[3], b64);
}

char *
zf_note_key_vkey(struct zf_key *k, int suite, const char *name)
{
	uint8_t pub[ZF_PUBKEY_MAX];
	size_t len = zf_key_public(k, pub);

	return zf_note_vkey(suite, name, pub, len);
}

int
zf_note_vkey_parse(const char *vkey, int *suite, char **name,
    uint8_t pub[ZF_PUBKEY_MAX], size_t *len)
{
	const char *plus1 = strchr(vkey, '+'), *plus2;
	uint8_t typed[ZF_PUBKEY_MAX + 32], id[4], want[4];
	long n;
	size_t taglen = sizeof(sm2_type) - 1;

	if (plus1 == NULL || (plus2 = strchr(plus1 + 1, '+')) == NULL ||
	    plus2 - plus1 != 9)
		return -1;
	n = zf_base64_decode(plus2 + 1, strlen(plus2 + 1), typed,
	    sizeof(typed));
	if (n == 33 && typed[0] == 0x01) {
		*suite = ZF_SUITE_SHA256_ED25519;
		*len = 32;
		memcpy(pub, typed + 1, 32);
	} else if ((size_t)n == 1 + taglen + 65 && typed[0] == 0xff &&
	    memcmp(typed + 1, sm2_type, taglen) == 0) {
		*suite = ZF_SUITE_SM3_SM2;
		*len = 65;
		memcpy(pub, typed + 1 + taglen, 65);
	} else {
		return -1;
	}
	*name = xstrndup(vkey, (size_t)(plus1 - vkey));
	{
		char hex[9];

		memcpy(hex, plus1 + 1, 8);
		hex[8] = '\0';
		if (zf_unhex(hex, want, 4) != 0)
			goto fail;
	}
	key_id(*suite, *name, pub, *len, id);
	if (memcmp(id, want, 4) != 0)
		goto fail;
	return 0;
fail:
	free(*name);
	*name = NULL;
	return -1;
}

/* Parses "origin\nsize\nroot\n" followed by optional extension lines. */
static int
parse_text(const char *text, size_t len, char **origin, uint64_t *size,
    uint8_t root[ZF_DIGEST_LEN], struct zf_err *e)
{
	const char *p = text, *end = text + len, *nl;
	char line[128];
	char *stop;
	long n;

	if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL || nl == p)
		return zf_fail(e, EX_DATAERR, "checkpoint has no origin line");
	*origin = xstrndup(p, (size_t)(nl - p));
	p = nl + 1;
	if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL ||
	    nl == p || (size_t)(nl - p) >= sizeof(line))
		goto bad_size;
	memcpy(line, p, (size_t)(nl - p));
	line[nl - p] = '\0';
	if (line[0] < '0' || line[0] > '9' || (line[0] == '0' && line[1]))
		goto bad_size;
	errno = 0;
	*size = strtoull(line, &stop, 10);
	if (*stop != '\0' || errno == ERANGE)
		goto bad_size;
	p = nl + 1;
	if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
		goto bad_root;
	n = zf_base64_decode(p, (size_t)(nl - p), root, ZF_DIGEST_LEN);
	if (n != ZF_DIGEST_LEN)
		goto bad_root;
	return 0;
bad_size:
	free(*origin);
	*origin = NULL;
	return zf_fail(e, EX_DATAERR, "checkpoint tree size is not a number");
bad_root:
	free(*origin);
	*origin = NULL;
	return zf_fail(e, EX_DATAERR, "checkpoint root hash is not base64 "
	    "of %d bytes", ZF_DIGEST_LEN);
}

int
zf_checkpoint_verify(const char *note, size_t len, int suite,
    const char *name, const uint8_t *pub, size_t publen, char **origin,
    uint64_t *size, uint8_t root[ZF_DIGEST_LEN], struct zf_err *e)
{
	const char *sep = NULL, *p, *end = note + len;
	size_t textlen, namelen = strlen(name), i;
	uint8_t id[4], blob[4 + ZF_SIG_MAX + 8];
	struct zf_key *k;
	int found = 0, ok = 0;

	*origin = NULL;
	for (i = 0; i < len; i++)
		if ((unsigned char)note[i] < 0x20 && note[i] != '\n')
			return zf_fail(e, EX_DATAERR, "checkpoint holds a "
			    "control character");
	/* The text ends at the first blank line. */
	for (p = note; p + 1 < end; p++) {
		if (p[0] == '\n' && p[1] == '\n') {
			sep = p;
			break;
		}
	}
	if (sep == NULL)
		return zf_fail(e, EX_DATAERR, "checkpoint is not a signed note "
		    "(no blank line before its signatures)");
	textlen = (size_t)(sep - note) + 1;
	key_id(suite, name, pub, publen, id);
	if ((k = zf_key_from_public(suite, pub, publen)) == NULL)
		return zf_fail(e, EX_DATAERR, "the agency's public key is "
		    "not a valid key");
	for (p = sep + 2; p < end; ) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *sig;
		long n;

		if (nl == NULL) {
			zf_key_free(k);
			return zf_fail(e, EX_DATAERR, "checkpoint signature "
			    "line does not end in a newline");
		}
		if ((size_t)(nl - p) > 4 + namelen + 2 &&
		    memcmp(p, em_dash, 3) == 0 && p[3] == ' ' &&
		    memcmp(p + 4, name, namelen) == 0 &&
		    p[4 + namelen] == ' ') {
			sig = p + 5 + namelen;
			n = zf_base64_decode(sig, (size_t)(nl - sig), blob,
			    sizeof(blob));
			if (n > 4 && memcmp(blob, id, 4) == 0) {
				found = 1;
				ok = zf_key_verify(k, note, textlen, blob + 4,
				    (size_t)n - 4);
				if (!ok)
					break;
			}
		}
		p = nl + 1;
	}
	zf_key_free(k);
	if (!found)
		return zf_fail(e, EX_DATAERR, "checkpoint is not signed by "
		    "the key %s", name);
	if (!ok)
		return zf_fail(e, EX_DATAERR, "checkpoint signature by %s does "
		    "not verify", name);
	return parse_text(note, textlen, origin, size, root, e);
}
