/*
 * pubcheck-bagit: the BagIt checks (RFC 8493) of a bundle: bagit.txt,
 * bag-info.txt, and every file against its manifest line.
 */
#include "publication/pubcheck-bagit.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* The tag files */

void
zf_pubcheck_bagit_bagit(struct check *k, const char *text)
{
	int version = 0, encoding = 0;
	const char *line, *next;

	for (line = text; *line != '\0'; line = next) {
		size_t len = strcspn(line, "\n");

		next = line[len] ? line + len + 1 : line + len;
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (len == 18 && memcmp(line, "BagIt-Version: 1.0", 18) == 0)
			version = 1;
		else if (len == 34 &&
		    memcmp(line, "Tag-File-Character-Encoding: UTF-8", 34) == 0)
			encoding = 1;
		else if (starts_with(line, "BagIt-Version:"))
			zf_pubcheck_problem(k, P_ONCE,
			    "bagit.txt: '%.*s' is not BagIt "
			    "1.0",
			    (int)len, line);
	}
	if (!version)
		zf_pubcheck_problem(k, P_ONCE,
		    "bagit.txt does not say 'BagIt-Version: "
		    "1.0'");
	if (!encoding)
		zf_pubcheck_problem(k, P_ONCE,
		    "bagit.txt does not say "
		    "'Tag-File-Character-Encoding: UTF-8'");
}

int
zf_pubcheck_bagit_tag_file(struct check *k, enum kind kind, const char *text)
{
	if (kind == K_BAGIT) {
		k->bagit_seen = 1;
		zf_pubcheck_bagit_bagit(k, text);
		return 1;
	}
	if (kind == K_BAGINFO) {
		k->baginfo_seen = 1;
		zf_pubcheck_bagit_bag_info(k, text);
		return 1;
	}
	return 0;
}

static void
take_label(struct check *k, char **slot, const char *label, const char *value,
    size_t len)
{
	if (*slot != NULL) {
		zf_pubcheck_problem(k, P_ONCE, "bag-info.txt gives %s twice",
		    label);
		return;
	}
	*slot = xstrndup(value, len);
}

void
zf_pubcheck_bagit_bag_info(struct check *k, const char *text)
{
	static const struct {
		const char *label;
		size_t offset;
	} labels[] = {
		{ "Payload-Oxum", offsetof(struct check, oxum) },
		{ "Zhifa-Bundle-Version", offsetof(struct check, version) },
		{ "Zhifa-Log-Size", offsetof(struct check, log_size) },
		{ "Zhifa-As-Of", offsetof(struct check, as_of) },
		{ "Zhifa-Audience", offsetof(struct check, audience) },
	};
	const char *line, *next, *colon;
	size_t i;

	for (line = text; *line != '\0'; line = next) {
		size_t len = strcspn(line, "\n");

		next = line[len] ? line + len + 1 : line + len;
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (len == 0 || line[0] == ' ' || line[0] == '\t')
			continue;
		if ((colon = memchr(line, ':', len)) == NULL) {
			zf_pubcheck_problem(k, P_ONCE,
			    "bag-info.txt: line '%.*s' is not "
			    "'Label: value'",
			    (int)len, line);
			continue;
		}
		for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
			const char *v = colon + 1;
			size_t vlen = len - (size_t)(v - line);

			if ((size_t)(colon - line) != strlen(labels[i].label) ||
			    memcmp(line, labels[i].label,
				(size_t)(colon - line)) != 0)
				continue;
			while (vlen > 0 && (*v == ' ' || *v == '\t')) {
				v++;
				vlen--;
			}
			take_label(k, (char **)((char *)k + labels[i].offset),
			    labels[i].label, v, vlen);
		}
	}
}

/* Manifests */

/* Undoes BagIt's percent-encoding of CR, LF and '%' in manifest paths. */
static char *
manifest_path(const char *s, size_t len)
{
	char *out = xmalloc(len + 1), *o = out;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len) {
			if (strncmp(s + i, "%0A", 3) == 0 ||
			    strncmp(s + i, "%0a", 3) == 0) {
				*o++ = '\n';
				i += 2;
				continue;
			}
			if (strncmp(s + i, "%0D", 3) == 0 ||
			    strncmp(s + i, "%0d", 3) == 0) {
				*o++ = '\r';
				i += 2;
				continue;
			}
			if (strncmp(s + i, "%25", 3) == 0) {
				*o++ = '%';
				i += 2;
				continue;
			}
		}
		*o++ = s[i];
	}
	*o = '\0';
	return out;
}

void
zf_pubcheck_bagit_manifest_line(struct check *k, const char *line, size_t len)
{
	const char *what = k->cur.name;
	int payload = k->cur.kind == K_MANIFEST;
	uint8_t digest[ZF_DIGEST_LEN];
	char hex[ZF_DIGEST_HEX], *path;
	size_t i = 2 * ZF_DIGEST_LEN;
	struct file *f;
	long idx;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len < i + 2 || (line[i] != ' ' && line[i] != '\t')) {
		zf_pubcheck_problem(k, P_MANIFEST,
		    "%s line %" PRIu64 " is not "
		    "'SHA256  PATH'",
		    what, k->cur.lineno);
		return;
	}
	memcpy(hex, line, i);
	hex[i] = '\0';
	for (i = 0; i < 2 * ZF_DIGEST_LEN; i++)
		if (hex[i] >= 'A' && hex[i] <= 'F')
			hex[i] = (char)(hex[i] - 'A' + 'a');
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (zf_pubcheck_hex_hash(hex, digest) != 0 || i == len) {
		zf_pubcheck_problem(k, P_MANIFEST,
		    "%s line %" PRIu64 " is not "
		    "'SHA256  PATH'",
		    what, k->cur.lineno);
		return;
	}
	path = manifest_path(line + i, len - i);
	if (payload != starts_with(path, "data/")) {
		zf_pubcheck_problem(k, P_MANIFEST,
		    payload ? "%s lists '%s', which is not "
			      "under data/"
			    : "%s lists '%s', a payload file",
		    what, path);
		free(path);
		return;
	}
	if (!payload && strcmp(path, "tagmanifest-sha256.txt") == 0) {
		zf_pubcheck_problem(k, P_MANIFEST, "%s lists itself", what);
		free(path);
		return;
	}
	idx = zf_pubcheck_file(k, path, 1);
	f = &k->files[idx];
	if (f->flags & F_LISTED)
		zf_pubcheck_problem(k, P_MANIFEST, "%s lists '%s' twice", what,
		    path);
	f->flags |= F_LISTED;
	memcpy(f->listed, digest, ZF_DIGEST_LEN);
	free(path);
}

static void
hex16(const uint8_t *d, char out[17])
{
	char full[ZF_DIGEST_HEX];

	zf_hex(d, ZF_DIGEST_LEN, full);
	memcpy(out, full, 16);
	out[16] = '\0';
}

void
zf_pubcheck_bagit_manifests_end(struct check *k)
{
	char have[17], want[17];
	size_t i;

	if (!k->manifest_seen)
		zf_pubcheck_problem(k, P_ONCE,
		    "manifest-sha256.txt is missing");
	if (!k->tagmanifest_seen)
		zf_pubcheck_problem(k, P_ONCE,
		    "tagmanifest-sha256.txt is missing");
	for (i = 0; i < k->nfiles; i++) {
		struct file *f = &k->files[i];
		const char *name = zf_pubcheck_file_name(k, i);
		int payload = starts_with(name, "data/");
		const char *manifest =
		    payload ? "manifest-sha256.txt" : "tagmanifest-sha256.txt";

		if ((f->flags & (F_SEEN | F_LISTED)) == F_LISTED) {
			zf_pubcheck_problem(k, P_MANIFEST,
			    "%s is listed in %s but missing "
			    "from the bundle",
			    name, manifest);
		} else if ((f->flags & (F_SEEN | F_LISTED)) == F_SEEN) {
			if (payload && k->manifest_seen)
				zf_pubcheck_problem(k, P_MANIFEST,
				    "%s is not in the "
				    "manifest (manifest-sha256.txt)",
				    name);
			else if (!payload && k->tagmanifest_seen &&
			    (strcmp(name, "bagit.txt") == 0 ||
				strcmp(name, "bag-info.txt") == 0 ||
				strcmp(name, "manifest-sha256.txt") == 0))
				zf_pubcheck_problem(k, P_MANIFEST,
				    "%s is not in "
				    "tagmanifest-sha256.txt",
				    name);
		} else if (memcmp(f->digest, f->listed, ZF_DIGEST_LEN) != 0) {
			hex16(f->digest, have);
			hex16(f->listed, want);
			zf_pubcheck_problem(k, P_MANIFEST,
			    "%s fails its manifest: its "
			    "SHA-256 is %s..., %s says %s...",
			    name, have, manifest, want);
		}
	}
}

/* Payload-Oxum and the bundle's own labels */

static int
parse_count(const char *s, uint64_t *out)
{
	char *end;

	if (s == NULL || *s < '0' || *s > '9' ||
	    (*s == '0' && s[1] != '\0' && s[1] != '.'))
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return errno == 0 && *end == '\0' ? 0 : -1;
}

int
zf_pubcheck_bagit_oxum(struct check *k)
{
	uint64_t octets, count;
	const char *dot;
	char *left;

	if (!k->baginfo_seen) {
		zf_pubcheck_problem(k, P_ONCE, "bag-info.txt is missing");
		return -1;
	}
	if (k->oxum == NULL) {
		zf_pubcheck_problem(k, P_ONCE,
		    "bag-info.txt has no Payload-Oxum");
	} else {
		dot = strchr(k->oxum, '.');
		left = dot ? xstrndup(k->oxum, (size_t)(dot - k->oxum)) : NULL;
		if (dot == NULL || parse_count(left, &octets) != 0 ||
		    parse_count(dot + 1, &count) != 0)
			zf_pubcheck_problem(k, P_ONCE,
			    "bag-info.txt: Payload-Oxum '%s' is "
			    "not OCTETS.COUNT",
			    k->oxum);
		else if (octets != k->payload_bytes ||
		    count != k->payload_files)
			zf_pubcheck_problem(k, P_ONCE,
			    "Payload-Oxum says %s but data/ "
			    "holds %" PRIu64 " bytes in %" PRIu64 " files",
			    k->oxum, k->payload_bytes, k->payload_files);
		free(left);
	}
	return 0;
}

void
zf_pubcheck_bagit_bag_info_end(struct check *k)
{
	struct zf_pubcheck *c = k->c;
	uint64_t size;

	if (zf_pubcheck_bagit_oxum(k) != 0)
		return;
	if (k->version == NULL || strcmp(k->version, "1") != 0)
		zf_pubcheck_problem(k, P_ONCE,
		    "bag-info.txt: Zhifa-Bundle-Version is %s%s%s"
		    ", not 1",
		    k->version ? "'" : "", k->version ? k->version : "missing",
		    k->version ? "'" : "");
	if (k->audience == NULL ||
	    (strcmp(k->audience, "public") != 0 &&
		strcmp(k->audience, "sharing") != 0))
		zf_pubcheck_problem(k, P_ONCE,
		    "bag-info.txt: Zhifa-Audience is %s, not "
		    "public or sharing",
		    k->audience ? k->audience : "missing");
	if (k->as_of == NULL)
		zf_pubcheck_problem(k, P_ONCE,
		    "bag-info.txt has no Zhifa-As-Of");
	if (parse_count(k->log_size, &size) != 0)
		zf_pubcheck_problem(k, P_ONCE,
		    "bag-info.txt: Zhifa-Log-Size is %s, not a "
		    "number",
		    k->log_size ? k->log_size : "missing");
	else if (c->signed_ok && size != c->size)
		zf_pubcheck_problem(k, P_ONCE,
		    "bag-info.txt: Zhifa-Log-Size is %" PRIu64
		    " but the checkpoint's tree has %" PRIu64 " leaves",
		    size, c->size);
	c->as_of = k->as_of ? xstrdup(k->as_of) : NULL;
	c->audience = k->audience ? xstrdup(k->audience) : NULL;
}
