/* import: another agency's exchange bundle, checked, then taken in. */
#include "publication/import.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/io.h"
#include "base/json.h"
#include "base/when.h"
#include "base/strset.h"
#include "record/archive.h"
#include "record/checkpoint.h"
#include "record/db.h"
#include "record/event.h"
#include "record/journal.h"
#include "record/object.h"
#include "record/persons.h"
#include "rules/config.h"
#include "rules/permissions.h"
#include "base/i18n.h"

#define SHA256 ZF_SUITE_SHA256_ED25519
#define CHUNK 65536
#define FILE_MAX (64u << 20)	/* a tag file, exchange.json, events */

struct quarantine {
	struct zf_err *e;
	const char *path;
	char dir[4096];
	int dirfd;
	struct zf_strset names;	/* the files taken, by name */
	int64_t entries, bytes, max_entries, max_bytes;
};

/* A name safe to take: relative, no empty, "." or ".." part, no control
 * character nor backslash; a folder's trailing '/' dropped.  NULL when
 * not (why says so). */
static char *
safe_name(const char *raw, const char **why)
{
	char *copy, *p, *part, *save = NULL;
	size_t len;

	if (raw == NULL || *raw == '\0') {
		*why = _("has no name");
		return NULL;
	}
	if (raw[0] == '/') {
		*why = _("has an absolute name");
		return NULL;
	}
	for (p = (char *)raw; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\' || *p == 0x7f) {
			*why = _("has a control character or a backslash "
			    "in its name");
			return NULL;
		}
	copy = xstrdup(raw);
	len = strlen(copy);
	while (len > 0 && copy[len - 1] == '/')
		copy[--len] = '\0';
	{
		char *walk = xstrdup(copy);

		for (part = strtok_r(walk, "/", &save); part != NULL;
		    part = strtok_r(NULL, "/", &save))
			if (strcmp(part, ".") == 0 || strcmp(part, "..") == 0) {
				free(walk);
				free(copy);
				*why = _("names a '.' or '..' part");
				return NULL;
			}
		free(walk);
	}
	if (len == 0 || strstr(copy, "//") != NULL) {
		free(copy);
		*why = _("has an empty part in its name");
		return NULL;
	}
	return copy;
}

/* Makes the folders of name in the quarantine (never through a link). */
static int
make_parents(struct quarantine *q, const char *name, int *fd)
{
	char *copy = xstrdup(name), *p = copy, *slash;
	int dfd = dup(q->dirfd);

	while (dfd >= 0 && (slash = strchr(p, '/')) != NULL) {
		int next;

		*slash = '\0';
		if (mkdirat(dfd, p, 0700) != 0 && errno != EEXIST)
			break;
		next = openat(dfd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		close(dfd);
		dfd = next;
		p = slash + 1;
	}
	if (dfd < 0 || strchr(p, '/') != NULL) {
		if (dfd >= 0)
			close(dfd);
		free(copy);
		return zf_fail(q->e, errno == ENOSPC || errno == EIO ||
		    errno == EDQUOT ? EX_IOERR : EX_DATAERR, "'%s': cannot "
		    "make its folder in the quarantine: %s", name,
		    strerror(errno));
	}
	*fd = openat(dfd, p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	close(dfd);
	free(copy);
	if (*fd < 0)
		return zf_fail(q->e, errno == ENOSPC || errno == EIO ||
		    errno == EDQUOT ? EX_IOERR : EX_DATAERR,
		    "'%s' cannot be taken into the quarantine: %s", name,
		    errno == EEXIST ? _("a file or folder of that name is "
		    "there already") : strerror(errno));
	return 0;
}

/* Every entry of the archive at path into the quarantine, or a refusal. */
static int
take_entries(struct quarantine *q)
{
	struct archive *ar = archive_read_new();
	struct archive_entry *ae;
	char *buf = xmalloc(CHUNK);
	int status, rc = 0;

	archive_read_support_filter_gzip(ar);
	archive_read_support_format_tar(ar);
	archive_read_support_format_zip_seekable(ar);
	if (archive_read_open_filename(ar, q->path, CHUNK) != ARCHIVE_OK) {
		rc = zf_fail(q->e, archive_errno(ar) == ENOENT ? EX_NOINPUT :
		    EX_DATAERR, "'%s' is not an exchange bundle: a tar or zip "
		    "file only (%s)", q->path, archive_error_string(ar) ?
		    archive_error_string(ar) : "unreadable");
		goto out;
	}
	while (rc == 0) {
		const char *raw, *why = NULL;
		char *name;
		int added, fd = -1;
		la_ssize_t n;

		status = archive_read_next_header(ar, &ae);
		if (status == ARCHIVE_EOF)
			break;
		if (status != ARCHIVE_OK) {
			rc = zf_fail(q->e, EX_DATAERR, "'%s' is damaged or not "
			    "a tar or zip file after %lld entries: %s", q->path,
			    (long long)q->entries, archive_error_string(ar) ?
			    archive_error_string(ar) : "unreadable");
			break;
		}
		if (++q->entries > q->max_entries) {
			rc = zf_fail(q->e, EX_DATAERR, "'%s' holds more than "
			    "%lld entries (sharing.max_entries)", q->path,
			    (long long)q->max_entries);
			break;
		}
		raw = archive_entry_pathname_utf8(ae);
		if (raw == NULL)
			raw = archive_entry_pathname(ae);
		if ((name = safe_name(raw, &why)) == NULL) {
			rc = zf_fail(q->e, EX_DATAERR, "entry %lld of '%s' %s: "
			    "refused", (long long)q->entries, q->path, why);
			break;
		}
		if (archive_entry_filetype(ae) == AE_IFDIR &&
		    archive_entry_hardlink(ae) == NULL &&
		    archive_entry_symlink(ae) == NULL) {
			/* Folders are made as files need them. */
			free(name);
			continue;
		}
		if (archive_entry_filetype(ae) != AE_IFREG ||
		    archive_entry_hardlink(ae) != NULL ||
		    archive_entry_symlink(ae) != NULL) {
			rc = zf_fail(q->e, EX_DATAERR, "'%s' in '%s' is not a "
			    "regular file (a link, a device or a pipe): "
			    "refused", name, q->path);
			free(name);
			break;
		}
		zf_strset_add(&q->names, name, strlen(name), 0, &added);
		if (!added) {
			rc = zf_fail(q->e, EX_DATAERR, "'%s' is named twice in "
			    "'%s': refused", name, q->path);
			free(name);
			break;
		}
		if ((rc = make_parents(q, name, &fd)) != 0) {
			free(name);
			break;
		}
		while ((n = archive_read_data(ar, buf, CHUNK)) > 0) {
			q->bytes += n;
			if (q->bytes > q->max_bytes) {
				rc = zf_fail(q->e, EX_DATAERR, "'%s' holds "
				    "more than %lld bytes (sharing.max_bytes)",
				    q->path, (long long)q->max_bytes);
				break;
			}
			if (zf_write_full(fd, buf, (size_t)n) != 0) {
				rc = zf_fail(q->e, EX_IOERR, "cannot write the "
				    "quarantine: %s", strerror(errno));
				break;
			}
		}
		if (rc == 0 && n < 0)
			rc = zf_fail(q->e, EX_DATAERR, "'%s' in '%s' cannot be "
			    "read, the bundle is damaged: %s", name, q->path,
			    archive_error_string(ar) ?
			    archive_error_string(ar) : "unreadable");
		close(fd);
		free(name);
	}
out:
	archive_read_free(ar);
	free(buf);
	return rc;
}

/* A file of the quarantine, whole (at most FILE_MAX bytes). */
static int
slurp(struct quarantine *q, const char *name, struct zf_buf *b)
{
	zf_buf_init(b);
	if (zf_read_file(q->dirfd, name, FILE_MAX, b) != 0) {
		int rc = zf_fail(q->e, EX_DATAERR, "the bundle has no "
		    "readable '%s': %s", name, errno == EFBIG ? "too large" :
		    strerror(errno));

		zf_buf_release(b);	/* released twice is no harm */
		return rc;
	}
	return 0;
}

static void
sha256_of(const void *p, size_t n, char hex[65])
{
	uint8_t h[ZF_DIGEST_LEN];

	zf_digest_buf(SHA256, p, n, h);
	zf_hex(h, ZF_DIGEST_LEN, hex);
}

/* The SHA-256 of a file of the quarantine, streamed. */
static int
file_sha256(struct quarantine *q, const char *name, char hex[65])
{
	struct zf_digest *d;
	uint8_t h[ZF_DIGEST_LEN];
	char buf[CHUNK];
	ssize_t n;
	int fd = openat(q->dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat sb;

	if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		if (fd >= 0)
			close(fd);
		return zf_fail(q->e, EX_DATAERR, "the bundle has no file '%s', "
		    "which its manifest lists", name);
	}
	d = zf_digest_new(SHA256);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		zf_digest_update(d, buf, (size_t)n);
	zf_digest_final(d, h);
	zf_digest_free(d);
	close(fd);
	if (n < 0)
		return zf_fail(q->e, EX_IOERR, "cannot read the quarantine");
	zf_hex(h, ZF_DIGEST_LEN, hex);
	return 0;
}

/*
 * A BagIt manifest ("HEX  NAME" lines): each file it names has that
 * SHA-256; *listed gets the names.  prefix: what every name begins with
 * ("data/" for the payload, "" for the tag files).
 */
static int
check_manifest(struct quarantine *q, const char *manifest, const char *prefix,
    struct zf_strset *listed)
{
	struct zf_buf b;
	char *line, *save = NULL, hex[65];
	int rc;

	if ((rc = slurp(q, manifest, &b)) != 0)
		return rc;
	for (line = strtok_r(b.data ? b.data : (char *)"", "\n", &save);
	    rc == 0 && line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char *name = strchr(line, ' ');
		const char *why;
		char *safe;
		size_t ll = strlen(line);

		if (ll > 0 && line[ll - 1] == '\r')
			line[--ll] = '\0';	/* CRLF, as Windows writes */

		if (name == NULL || name - line != 64 || name[1] != ' ') {
			rc = zf_fail(q->e, EX_DATAERR, "%s: a line is not "
			    "'SHA256  NAME'", manifest);
			break;
		}
		*name = '\0';
		name += 2;
		if ((safe = safe_name(name, &why)) == NULL ||
		    strncmp(safe, prefix, strlen(prefix)) != 0) {
			free(safe);
			rc = zf_fail(q->e, EX_DATAERR, "%s names '%s', which "
			    "is no file of its own", manifest, name);
			break;
		}
		if ((rc = file_sha256(q, safe, hex)) == 0 &&
		    strcasecmp(hex, line) != 0)
			rc = zf_fail(q->e, EX_DATAERR, "'%s' does not match "
			    "its digest in %s: it was changed", safe, manifest);
		zf_strset_add(listed, safe, strlen(safe), 0, NULL);
		free(safe);
	}
	zf_buf_release(&b);
	return rc;
}

/* 1 when set holds s (a hash set: a bundle may hold many names). */
static int
in_list(const struct zf_strset *set, const char *s)
{
	return zf_strset_find(set, s, strlen(s)) != NULL;
}

/* The bag: every file listed with its digest, and nothing else. */
static int
check_bag(struct quarantine *q)
{
	struct zf_strset payload_set, tags_set;
	struct zf_strset *payload = &payload_set, *tags = &tags_set;
	size_t i;
	int rc;

	zf_strset_init(payload, 0);
	zf_strset_init(tags, 0);
	if ((rc = check_manifest(q, "manifest-sha256.txt", "data/",
	    payload)) != 0 || (rc = check_manifest(q, "tagmanifest-sha256.txt",
	    "", tags)) != 0)
		goto out;
	for (i = 0; rc == 0 && i < q->names.cap; i++) {
		const struct zf_strset_entry *x = &q->names.slot[i];
		const char *n = x->key;

		if (n == NULL || strcmp(n, "tagmanifest-sha256.txt") == 0)
			continue;
		if (strncmp(n, "data/", 5) == 0 ? !in_list(payload, n) :
		    !in_list(tags, n))
			rc = zf_fail(q->e, EX_DATAERR, "'%s' is in the bundle "
			    "and in no manifest of it", n);
	}
	if (rc == 0 && (!in_list(tags, "exchange-signature") ||
	    !in_list(tags, "bagit.txt") ||
	    !in_list(payload, "data/exchange.json")))
		rc = zf_fail(q->e, EX_DATAERR, "the bundle is no exchange "
		    "bundle: it has no exchange-signature or exchange.json "
		    "(case-export writes them)");
out:
	zf_strset_release(payload);
	zf_strset_release(tags);
	return rc;
}

/*
 * The signature: by a trusted agency key, over exchange.json (whose
 * SHA-256 is the checkpoint's root), for ncases cases.
 */
static int
check_signature(char *const *trusted, struct quarantine *q,
    const struct zf_buf *x, const char *claimed, size_t ncases,
    const char **by)
{
	struct zf_buf note;
	uint8_t want[ZF_DIGEST_LEN];
	size_t i;
	int rc, named = 0;

	*by = NULL;
	if ((rc = slurp(q, "exchange-signature", &note)) != 0)
		return rc;
	zf_digest_buf(SHA256, x->data, x->len, want);
	for (i = 0; trusted != NULL && trusted[i] != NULL && *by == NULL;
	    i++) {
		uint8_t pub[ZF_PUBKEY_MAX], root[ZF_DIGEST_LEN];
		char *name = NULL, *origin = NULL, *expect;
		struct zf_err ve;
		size_t publen;
		uint64_t size;
		int suite;

		if (zf_note_vkey_parse(trusted[i], &suite, &name, pub,
		    &publen) != 0)
			continue;
		named |= claimed != NULL && strcmp(claimed, trusted[i]) == 0;
		expect = xasprintf("%s/exchange", name);
		if (zf_checkpoint_verify(note.data, note.len, suite, name, pub,
		    publen, &origin, &size, root, &ve) == 0 &&
		    strcmp(origin, expect) == 0 && size == ncases &&
		    memcmp(root, want, ZF_DIGEST_LEN) == 0)
			*by = trusted[i];
		free(expect);
		free(origin);
		free(name);
	}
	zf_buf_release(&note);
	if (*by != NULL)
		return 0;
	if (named)
		return zf_fail(q->e, EX_DATAERR, "the bundle's signature does "
		    "not verify with the key of the agency it names: it was "
		    "changed after it was signed");
	return zf_fail(q->e, EX_NOPERM, "the bundle is signed by a key not "
	    "trusted (%s): the keys of the agencies whose bundles are taken "
	    "in are listed under sharing: trusted in zhifa.yaml, or given "
	    "with province-load --trust", claimed ? claimed : _("none named"));
}

/* The key person held at seq of the other journal, or NULL. */
static const char *
key_at(const struct zf_json *keys, const char *person, int64_t seq)
{
	size_t i;

	for (i = 0; i < zf_json_len(keys); i++) {
		const struct zf_json *k = zf_json_at(keys, i);
		int64_t from = -1, until = -1;
		const char *p = zf_json_get_str(k, "person");

		zf_json_get_int(k, "from_seq", &from);
		if (p == NULL || strcmp(p, person) != 0 || from >= seq)
			continue;
		if (zf_json_get_int(k, "until_seq", &until) == 0 &&
		    until < seq)
			continue;
		return zf_json_get_str(k, "vkey");
	}
	return NULL;
}

/* Each event of case id: its body, its hash, its case, its signature. */
static int
check_events(struct quarantine *q, int suite, const char *id,
    const struct zf_json *keys, int64_t *count)
{
	struct zf_buf b;
	char *name = xasprintf("data/cases/%s/events.jsonl", id);
	char *line, *save = NULL;
	int64_t last = -1;
	int rc;

	*count = 0;
	rc = slurp(q, name, &b);
	free(name);
	if (rc != 0)
		return rc;
	for (line = strtok_r(b.data ? b.data : (char *)"", "\n", &save);
	    rc == 0 && line != NULL; line = strtok_r(NULL, "\n", &save)) {
		struct zf_json *l = zf_json_parse(line, strlen(line), NULL, 0);
		struct zf_json *tree = NULL;
		const char *body = zf_json_get_str(l, "body");
		const char *hash = zf_json_get_str(l, "hash");
		char *sigs = zf_json_get(l, "sigs") ?
		    zf_json_canonical(zf_json_get(l, "sigs"), NULL) : NULL;
		uint8_t h[ZF_DIGEST_LEN];
		char hex[ZF_DIGEST_HEX];
		const char *vkey;
		struct zf_event ev;
		struct zf_err de;

		if (body == NULL || hash == NULL || sigs == NULL) {
			rc = zf_fail(q->e, EX_DATAERR, "case %s: an event line "
			    "is not {seq, hash, body, sigs}", id);
		} else {
			zf_digest_buf(suite, body, strlen(body), h);
			zf_hex(h, ZF_DIGEST_LEN, hex);
			if (strcmp(hex, hash) != 0)
				rc = zf_fail(q->e, EX_DATAERR, "case %s: an "
				    "event does not match its hash: it was "
				    "changed", id);
			else if (zf_event_decode(body, strlen(body), &tree,
			    &ev, &de) != 0 || ev.case_id == NULL ||
			    strcmp(ev.case_id, id) != 0)
				rc = zf_fail(q->e, EX_DATAERR, "case %s: event "
				    "%lld is not of the case", id,
				    (long long)ev.seq);
			else if (ev.seq <= last || (last < 0 &&
			    strcmp(ev.type, "case.filed") != 0))
				rc = zf_fail(q->e, EX_DATAERR, "case %s: its "
				    "events are not in the order of the "
				    "journal, from its filing, each once", id);
			else if ((vkey = key_at(keys, ev.actor,
			    ev.seq)) == NULL || zf_event_sig_check(suite, vkey,
			    h, sigs) != 0)
				rc = zf_fail(q->e, EX_DATAERR, "case %s: event "
				    "%lld is not signed by its actor %s's key",
				    id, (long long)ev.seq, ev.actor);
			if (rc == 0)
				last = ev.seq;
		}
		(*count)++;
		free(sigs);
		zf_json_free(tree);
		zf_json_free(l);
	}
	zf_buf_release(&b);
	if (rc == 0 && *count == 0)
		rc = zf_fail(q->e, EX_DATAERR, "case %s has no events", id);
	return rc;
}

/* exchange.json: its files' digests, its cases' events. */
static int
check_content(struct quarantine *q, const struct zf_json *x,
    struct zf_json *cases)
{
	const struct zf_json *files = zf_json_get(x, "files");
	const struct zf_json *list = zf_json_get(x, "cases");
	const struct zf_json *agency = zf_json_get(x, "agency");
	const char *code = zf_json_get_str(agency, "code");
	const char *origin = zf_json_get_str(agency, "origin");
	struct zf_json *keys = NULL;
	struct zf_strset seen;
	struct zf_buf kb;
	size_t i;
	int rc, suite;
	int64_t version = 0;

	if (zf_json_get(agency, "code") != NULL && code == NULL)
		return zf_fail(q->e, EX_DATAERR, "data/exchange.json: the "
		    "agency's code is not a text");
	{
		struct zf_time t;
		const char *when = zf_json_get_str(x, "exported");

		if (when == NULL || zf_time_parse(when, &t) != 0)
			return zf_fail(q->e, EX_DATAERR, "data/exchange.json: "
			    "'exported' is not a time (RFC 3339)");
	}
	if (zf_json_get_int(x, "version", &version) != 0 || version != 1 ||
	    zf_json_type(files) != ZF_JSON_OBJECT ||
	    zf_json_type(list) != ZF_JSON_ARRAY || origin == NULL ||
	    (suite = zf_suite_parse(zf_json_get_str(agency, "suite") ?
	    zf_json_get_str(agency, "suite") : "")) < 0)
		return zf_fail(q->e, EX_DATAERR, "data/exchange.json is not an "
		    "exchange of version 1");
	{
		struct zf_strset named;

		zf_strset_init(&named, 0);
		for (i = 0; i < zf_json_len(files); i++)
			zf_strset_add(&named, zf_json_key_at(files, i),
			    strlen(zf_json_key_at(files, i)), 0, NULL);
		for (rc = 0, i = 0; rc == 0 && i < q->names.cap; i++) {
			const char *n = q->names.slot[i].key;

			if (n == NULL || strncmp(n, "data/", 5) != 0 ||
			    strcmp(n, "data/exchange.json") == 0)
				continue;
			if (!in_list(&named, n + 5))
				rc = zf_fail(q->e, EX_DATAERR, "'%s' is in the "
				    "bundle and not in its exchange.json", n);
		}
		zf_strset_release(&named);
		if (rc != 0)
			return rc;
	}
	for (i = 0; i < zf_json_len(files); i++) {
		const char *key = zf_json_key_at(files, i), *why;
		char *name, hex[65], *safe = safe_name(key, &why);
		const char *want = zf_json_str(zf_json_value_at(files, i));

		if (safe == NULL || strcmp(safe, key) != 0) {
			free(safe);
			return zf_fail(q->e, EX_DATAERR, "exchange.json names "
			    "'%s', which is no file of the bundle", key);
		}
		free(safe);
		name = xasprintf("data/%s", key);
		if (zf_strset_find(&q->names, name, strlen(name)) == NULL) {
			rc = zf_fail(q->e, EX_DATAERR, "exchange.json names "
			    "'%s', which is no file of the bundle", key);
			free(name);
			return rc;
		}
		rc = file_sha256(q, name, hex);
		if (rc == 0 && (want == NULL || strcmp(hex, want) != 0))
			rc = zf_fail(q->e, EX_DATAERR, "'%s' is not the file "
			    "exchange.json names", name);
		free(name);
		if (rc != 0)
			return rc;
	}
	if ((rc = slurp(q, "data/keys.json", &kb)) != 0)
		return rc;
	keys = zf_json_parse(kb.data ? kb.data : "", kb.len, NULL, 0);
	zf_buf_release(&kb);
	if (zf_json_type(keys) != ZF_JSON_ARRAY) {
		zf_json_free(keys);
		return zf_fail(q->e, EX_DATAERR, "data/keys.json is not a list "
		    "of keys");
	}
	zf_strset_init(&seen, 0);
	for (i = 0; rc == 0 && i < zf_json_len(list); i++) {
		const struct zf_json *c = zf_json_at(list, i);
		const char *id = zf_json_get_str(c, "id");
		const char *why;
		char *safe = id ? safe_name(id, &why) : NULL;
		struct zf_json *row;
		int64_t events = 0, declared = -1;
		int added = 0;

		if (safe == NULL || strchr(safe, '/') != NULL ||
		    strlen(safe) > 64) {
			free(safe);
			rc = zf_fail(q->e, EX_DATAERR, "exchange.json names a "
			    "case without a fit id");
			break;
		}
		free(safe);
		zf_strset_add(&seen, id, strlen(id), i, &added);
		if (!added) {
			rc = zf_fail(q->e, EX_DATAERR, "exchange.json names "
			    "case %s twice", id);
			break;
		}
		if ((rc = check_events(q, suite, id, keys, &events)) != 0)
			break;
		zf_json_get_int(c, "events", &declared);
		if (events != declared) {
			rc = zf_fail(q->e, EX_DATAERR, "case %s: %lld events, "
			    "where exchange.json says %lld", id,
			    (long long)events, (long long)declared);
			break;
		}
		row = zf_json_object();
		{
			char *prefixed = xasprintf("%s:%s", code ? code :
			    origin, id);

			zf_json_set_str(row, "id", prefixed);
			free(prefixed);
		}
		zf_json_set_str(row, "case", id);
		if (zf_json_get_str(agency, "name") != NULL)
			zf_json_set_str(row, "agency", zf_json_get_str(agency,
			    "name"));
		if (zf_json_get_str(c, "number") != NULL)
			zf_json_set_str(row, "number", zf_json_get_str(c,
			    "number"));
		if (zf_json_get_str(c, "kind") != NULL)
			zf_json_set_str(row, "kind", zf_json_get_str(c,
			    "kind"));
		zf_json_set_int(row, "events", events);
		zf_json_push(cases, row);
	}
	zf_strset_release(&seen);
	zf_json_free(keys);
	return rc;
}

/* Removes what the folder at dirfd holds, folders and files (never
 * following a link: the quarantine holds none). */
static int
empty_folder(int dirfd)
{
	DIR *d = fdopendir(dirfd);
	struct dirent *de;
	int bad = d == NULL;

	while (d != NULL && (de = readdir(d)) != NULL) {
		int sub;

		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd, de->d_name, 0) == 0)
			continue;
		sub = openat(dirfd, de->d_name, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0 || empty_folder(sub) != 0 ||
		    unlinkat(dirfd, de->d_name, AT_REMOVEDIR) != 0)
			bad = 1;
	}
	if (d != NULL)
		closedir(d);	/* closes dirfd */
	return bad ? -1 : 0;
}

static void
remove_quarantine(struct quarantine *q)
{
	int fd;

	if (q->dirfd >= 0)
		close(q->dirfd);
	q->dirfd = -1;
	if (q->dir[0] == '\0')
		return;
	fd = open(q->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || empty_folder(fd) != 0 || rmdir(q->dir) != 0)
		fprintf(stderr, _("bundle-import: cannot remove the quarantine "
		    "%s: %s\n"), q->dir, strerror(errno));
}

struct zf_exchange_in {
	struct quarantine q;
	struct zf_buf xb;
	struct zf_json *x, *cases;
	const char *by;
	char sha[65];
};

void
zf_exchange_in_close(struct zf_exchange_in *r)
{
	if (r == NULL)
		return;
	remove_quarantine(&r->q);
	zf_strset_release(&r->q.names);
	zf_buf_release(&r->xb);
	zf_json_free(r->x);
	zf_json_free(r->cases);
	free(r);
}

int
zf_exchange_in_open(const char *path, char *const *trusted,
    int64_t max_entries, int64_t max_bytes, struct zf_exchange_in **out,
    struct zf_err *e)
{
	struct zf_exchange_in *r;
	const char *tmp = getenv("TMPDIR");
	struct stat sb;
	int rc;

	*out = NULL;
	if (stat(path, &sb) != 0)
		return zf_fail(e, errno == ENOENT ? EX_NOINPUT : EX_IOERR,
		    "cannot read '%s': %s", path, strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return zf_fail(e, EX_DATAERR, "'%s' is not an exchange bundle: "
		    "a tar or zip file only, not a folder", path);
	/* The whole file counts, what a reader would skip after its end
	 * too. */
	if (sb.st_size > max_bytes)
		return zf_fail(e, EX_DATAERR, "'%s' is larger than %lld bytes "
		    "(sharing.max_bytes)", path, (long long)max_bytes);
	r = xcalloc(1, sizeof(*r));
	r->q.dirfd = -1;
	r->q.e = e;
	r->q.path = path;
	r->q.max_entries = max_entries;
	r->q.max_bytes = max_bytes;
	zf_strset_init(&r->q.names, 0);
	snprintf(r->q.dir, sizeof(r->q.dir), "%s/zhifa-import.XXXXXX",
	    tmp != NULL && *tmp != '\0' && strlen(tmp) < 4000 ? tmp : "/tmp");
	if (mkdtemp(r->q.dir) == NULL || (r->q.dirfd = open(r->q.dir,
	    O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		rc = zf_fail(e, EX_CANTCREAT, "cannot make a quarantine "
		    "folder: %s", strerror(errno));
		if (r->q.dirfd < 0 && errno != 0)
			r->q.dir[0] = '\0';
		goto fail;
	}
	if ((rc = take_entries(&r->q)) != 0 || (rc = check_bag(&r->q)) != 0 ||
	    (rc = slurp(&r->q, "data/exchange.json", &r->xb)) != 0)
		goto fail;
	if ((r->x = zf_json_parse(r->xb.data ? r->xb.data : "", r->xb.len,
	    NULL, 0)) == NULL || zf_json_type(r->x) != ZF_JSON_OBJECT ||
	    strcmp(zf_json_get_str(r->x, "format") ? zf_json_get_str(r->x,
	    "format") : "", "zhifa-exchange") != 0) {
		rc = zf_fail(e, EX_DATAERR, "data/exchange.json is not an "
		    "exchange (case-export writes them)");
		goto fail;
	}
	if ((rc = check_signature(trusted, &r->q, &r->xb,
	    zf_json_get_str(zf_json_get(r->x, "agency"), "vkey"),
	    zf_json_len(zf_json_get(r->x, "cases")), &r->by)) != 0)
		goto fail;
	/* The agency is the one whose key signed: its log's origin is the
	 * key's name. */
	{
		uint8_t pub[ZF_PUBKEY_MAX];
		const char *origin = zf_json_get_str(zf_json_get(r->x,
		    "agency"), "origin");
		char *name = NULL;
		size_t publen;
		int suite, same;

		zf_note_vkey_parse(r->by, &suite, &name, pub, &publen);
		same = name != NULL && origin != NULL && strcmp(name,
		    origin) == 0;
		if (!same)
			rc = zf_fail(e, EX_NOPERM, "the bundle says it is of "
			    "%s, but is signed by the key of %s: refused",
			    origin ? origin : _("no agency"),
			    name ? name : "?");
		free(name);
		if (rc != 0)
			goto fail;
	}
	r->cases = zf_json_array();
	if ((rc = check_content(&r->q, r->x, r->cases)) != 0)
		goto fail;
	sha256_of(r->xb.data, r->xb.len, r->sha);
	*out = r;
	return 0;
fail:
	zf_exchange_in_close(r);
	return rc;
}

const struct zf_json *
zf_exchange_in_manifest(const struct zf_exchange_in *r)
{
	return r->x;
}

const struct zf_json *
zf_exchange_in_cases(const struct zf_exchange_in *r)
{
	return r->cases;
}

const char *
zf_exchange_in_key(const struct zf_exchange_in *r)
{
	return r->by;
}

const char *
zf_exchange_in_sha256(const struct zf_exchange_in *r)
{
	return r->sha;
}

int
zf_exchange_in_events(struct zf_exchange_in *r, const char *id,
    struct zf_buf *b)
{
	char *name = xasprintf("data/cases/%s/events.jsonl", id);
	int rc = slurp(&r->q, name, b);

	free(name);
	return rc;
}

/*
 * 1 when the bundle of digest hex was taken in before (nothing to do);
 * EX_NOPERM when the agency's code already names cases of another
 * agency (another log's origin): a code binds to the first key.
 */
static int
already(struct zf_archive *a, const char *hex, const struct zf_json *agency)
{
	static const char sql_same[] = "SELECT 1 FROM journal WHERE type = "
	    "'bundle.imported' AND json_extract(body, '$.data.bundle') = ? "
	    "LIMIT 1";
	static const char sql_code[] = "SELECT origin FROM imported WHERE "
	    "substr(id, 1, length(?1) + 1) = ?1 || ':' AND origin != ?2 "
	    "LIMIT 1";
	struct zf_db *db = zf_archive_db(a);
	struct zf_err *e = zf_archive_err(a);
	const char *origin = zf_json_get_str(agency, "origin");
	const char *code = zf_json_get_str(agency, "code");
	sqlite3_stmt *st;
	int rc;

	if ((st = zf_db_stmt(db, sql_same, e)) == NULL)
		return e->code;
	zf_db_bind_text(st, 1, hex);
	rc = zf_db_row(db, st, e, "cannot read the imported cases");
	sqlite3_reset(st);
	if (rc != 0)
		return rc < 0 ? e->code : 1;
	if ((st = zf_db_stmt(db, sql_code, e)) == NULL)
		return e->code;
	zf_db_bind_text(st, 1, code ? code : origin);
	zf_db_bind_text(st, 2, origin);
	rc = zf_db_row(db, st, e, "cannot read the imported cases");
	if (rc == 1)
		rc = zf_fail(e, EX_NOPERM, "the code %s names cases of another "
		    "agency taken in before (%s): refused", code ? code :
		    origin, zf_db_text(st, 0));
	sqlite3_reset(st);
	return rc < 0 ? e->code : rc;
}

int
zf_import_bundle(struct zf_archive *a, const char *path,
    struct zf_json **summary)
{
	struct zf_err *e = zf_archive_err(a);
	const struct zf_config *cfg = zf_archive_config(a);
	struct zf_exchange_in *r = NULL;
	const struct zf_json *x;
	struct zf_json *data, *agency;
	uint8_t digest[ZF_DIGEST_LEN], sha[ZF_DIGEST_LEN];
	char hex[ZF_DIGEST_HEX];
	uint64_t size = 0;
	int rc, fd;

	*summary = NULL;
	if ((rc = zf_may(cfg, zf_archive_person(a), ZF_ACT_IMPORT, NULL,
	    e)) != 0 || (rc = zf_exchange_in_open(path, cfg->trusted,
	    cfg->import_max_entries, cfg->import_max_bytes, &r, e)) != 0)
		return rc;
	x = r->x;
	/* All checked: the bundle itself is kept, and the import told. */
	if ((rc = zf_archive_begin(a)) != 0)
		goto out;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		zf_archive_abort(a);
		rc = zf_fail(e, EX_IOERR, "cannot read '%s' again: %s", path,
		    strerror(errno));
		goto out;
	}
	rc = zf_object_put_fd(a, fd, path, digest, sha, &size, NULL, NULL);
	close(fd);
	if (rc != 0) {
		zf_archive_abort(a);
		goto out;
	}
	zf_hex(digest, ZF_DIGEST_LEN, hex);
	if ((rc = already(a, hex, zf_json_get(x, "agency"))) != 0) {
		zf_archive_abort(a);
		if (rc == 1) {
			*summary = zf_json_object();
			zf_json_set_bool(*summary, "skipped", 1);
			zf_json_set_str(*summary, "bundle", hex);
			zf_json_set(*summary, "cases", zf_json_array());
			rc = 0;
		}
		goto out;
	}
	data = zf_json_object();
	agency = zf_json_copy(zf_json_get(x, "agency"));
	zf_json_set_str(agency, "key", r->by);
	zf_json_set(data, "agency", agency);
	zf_json_set_str(data, "bundle", hex);
	zf_json_set_int(data, "size", (int64_t)size);
	zf_json_set_str(data, "sha256", r->sha);
	zf_json_set_str(data, "exported", zf_json_get_str(x, "exported"));
	zf_json_set_str(data, "to", zf_json_get_str(x, "to") ?
	    zf_json_get_str(x, "to") : "");
	zf_json_set_bool(data, "transfer", zf_json_get_bool(x,
	    "transfer") == 1);
	zf_json_set(data, "cases", zf_json_copy(r->cases));
	if ((rc = zf_journal_append(a, "bundle.imported", NULL, data,
	    NULL)) != 0 || (rc = zf_archive_commit(a)) != 0) {
		zf_archive_abort(a);
		goto out;
	}
	*summary = zf_json_object();
	zf_json_set_str(*summary, "agency", zf_json_get_str(zf_json_get(x,
	    "agency"), "name") ? zf_json_get_str(zf_json_get(x, "agency"),
	    "name") : "");
	zf_json_set_str(*summary, "bundle", hex);
	zf_json_set(*summary, "cases", zf_json_copy(r->cases));
out:
	zf_exchange_in_close(r);
	return rc;
}

int
zf_import_list(struct zf_archive *a, struct zf_json **out)
{
	static const char sql[] = "SELECT id, agency, case_id, number, kind, "
	    "events, bundle FROM imported ORDER BY id";
	static const char *const names[] = { "id", "agency", "case",
		"number", "kind" };
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(zf_archive_db(a), sql, e);
	int rc, i;

	*out = NULL;
	if (st == NULL)
		return e->code;
	*out = zf_json_array();
	while ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read the imported cases")) == 1) {
		struct zf_json *r = zf_json_object();

		for (i = 0; i < 5; i++)
			zf_json_set_str(r, names[i], zf_db_text(st, i));
		zf_json_set_int(r, "events", sqlite3_column_int64(st, 5));
		zf_json_set_str(r, "bundle", zf_db_text(st, 6));
		zf_json_push(*out, r);
	}
	sqlite3_reset(st);
	if (rc < 0) {
		zf_json_free(*out);
		*out = NULL;
		return e->code;
	}
	return 0;
}
