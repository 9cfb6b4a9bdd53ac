/*
 * bundle: folders, .tar.gz and .zip files laid out as BagIt bags.
 *
 * Entries go out in the order they are added: bagit.txt first (it is the
 * same in every bag, so a reader knows a bag by its first entry), the
 * data/ folder, then payload and tag files as the caller adds them, then
 * bag-info.txt, manifest-sha256.txt and, last, tagmanifest-sha256.txt,
 * which covers every tag file before it.  Manifests list files in that
 * same order.  Only names, sizes and digests stay in memory.
 *
 * Archive entries carry the bagging date's midnight (UTC) as their time,
 * owner 0 and modes 0644/0755, and the gzip header carries no time, so
 * the same files on the same date give the same bytes.  A caller that
 * wants a given date passes its own "Bagging-Date: YYYY-MM-DD" in
 * bag_info; otherwise it is today's local date.
 *
 * A refused name, bag-info line or file descriptor changes nothing.  A
 * failure while writing leaves a bundle that cannot be completed: later
 * calls refuse, and the caller calls zf_bundle_abort.  zf_bundle_close
 * releases the bundle whatever it returns, and leaves nothing behind
 * when it fails.
 *
 * This file writes the bag; bundle-name.c checks and keeps its names,
 * and bundle-store.c stores its files as a folder, a .tar.gz or a .zip.
 */
#include "publication/bundle.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/io.h"
#include "base/text.h"
#include "base/when.h"
#include "publication/bundle-name.h"
#include "publication/bundle-store.h"
#include "base/i18n.h"

#define SHA256 ZF_SUITE_SHA256_ED25519
#define CHUNK (1 << 20)

static const char bagit_txt[] =
    "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

static const char *const format_names[] = { "dir", "tar.gz", "zip" };

struct entry {
	char *name;		/* path in the bag (owned in the tag list) */
	uint64_t size;
	uint8_t digest[ZF_DIGEST_LEN];
};

struct entry_list {
	struct entry *v;
	size_t len, cap;
};

struct zf_bundle {
	struct zf_bundle_store store;	/* the files as they are written */
	locale_t utf8;		/* so libarchive takes names as UTF-8 */
	char date[11];		/* Bagging-Date, YYYY-MM-DD */
	int caller_date;	/* the caller's bag_info gave it */
	struct zf_buf bag_info;	/* the caller's lines, checked */
	struct entry_list tags;
	FILE *manifest;		/* the payload's manifest lines, spooled */
	uint64_t octets, nfiles;	/* the payload's, for Payload-Oxum */
	struct zf_bundle_names names;	/* folders and files taken */
	struct zf_digest *digest;
	uint8_t *chunk;
};

int
zf_bundle_format_parse(const char *name)
{
	int i;

	for (i = 0; i < 3; i++)
		if (name != NULL && strcmp(name, format_names[i]) == 0)
			return i;
	return -1;
}

int
zf_bundle_format_of(const char *path)
{
	if (zf_text_ends_with(path, ".tar.gz", 0))
		return ZF_BUNDLE_TAR_GZ;
	if (zf_text_ends_with(path, ".zip", 0))
		return ZF_BUNDLE_ZIP;
	return ZF_BUNDLE_DIR;
}

/* Dates */

/* Parses exactly YYYY-MM-DD (1970 to 9999) into its midnight UTC. */
static int
parse_date(const char *s, size_t len, time_t *midnight)
{
	char day[11];
	int32_t days;

	if (len != 10)
		return -1;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (zf_date_parse(day, &days) != 0 || days < 0)
		return -1;
	*midnight = (time_t)days * 86400;
	return 0;
}

static int
is_label(const char *line, size_t len, const char *label)
{
	return len == strlen(label) && strncasecmp(line, label, len) == 0;
}

/*
 * Checks the caller's bag-info lines ("Label: value", or a continuation
 * starting with a blank) and keeps them, one per line.  Payload-Oxum is
 * the bundle's to compute; a Bagging-Date becomes the bag's date.
 */
static int
take_bag_info(struct zf_bundle *b, const char *text, struct zf_err *e)
{
	const char *line, *next, *colon, *problem;
	size_t len, label;
	int labels = 0;

	if (text == NULL)
		return 0;
	if ((problem = zf_bundle_name_text_problem(text, "\n\t")) != NULL)
		return zf_fail(e, EX_DATAERR, "bag-info text %s", problem);
	for (line = text; *line != '\0'; line = next) {
		len = strcspn(line, "\n");
		next = line[len] == '\n' ? line + len + 1 : line + len;
		if (len == 0)
			continue;
		if (line[0] == ' ' || line[0] == '\t') {
			if (labels == 0)
				return zf_fail(e, EX_DATAERR, "bag-info line "
				    "'%.*s' continues no label", (int)len,
				    line);
			goto keep;
		}
		colon = memchr(line, ':', len);
		if (colon == NULL || colon == line || colon[-1] == ' ' ||
		    colon[-1] == '\t' || (size_t)(colon - line) + 2 > len ||
		    colon[1] != ' ')
			return zf_fail(e, EX_DATAERR, "bag-info line '%.*s' is "
			    "not 'Label: value'", (int)len, line);
		label = (size_t)(colon - line);
		if (is_label(line, label, "Payload-Oxum"))
			return zf_fail(e, EX_DATAERR, "bag-info: Payload-Oxum "
			    "is computed by the bundle, not given");
		if (is_label(line, label, "Bagging-Date")) {
			if (b->caller_date)
				return zf_fail(e, EX_DATAERR, "bag-info: "
				    "Bagging-Date is given twice");
			if (parse_date(colon + 2, len - label - 2,
			    &b->store.mtime) != 0)
				return zf_fail(e, EX_DATAERR, "bag-info: "
				    "Bagging-Date '%.*s' is not a date "
				    "(YYYY-MM-DD, 1970 or later)",
				    (int)(len - label - 2), colon + 2);
			memcpy(b->date, colon + 2, 10);
			b->date[10] = '\0';
			b->caller_date = 1;
		}
		labels++;
keep:
		zf_buf_add(&b->bag_info, line, len);
		zf_buf_addch(&b->bag_info, '\n');
	}
	return 0;
}

static void
take_today(struct zf_bundle *b)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(b->date, sizeof(b->date), "%Y-%m-%d", &tm);
	if (parse_date(b->date, strlen(b->date), &b->store.mtime) != 0)
		b->store.mtime = 0;
}

/* Writing files */

static struct entry *
push_entry(struct entry_list *l, const char *name, uint64_t size)
{
	struct entry *ent;

	if (l->len == l->cap) {
		l->cap = l->cap != 0 ? 2 * l->cap : 16;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	ent = &l->v[l->len++];
	ent->name = xstrdup(name);
	ent->size = size;
	return ent;
}

static int
write_failed(struct zf_bundle *b, const char *path, const char *reason,
    struct zf_err *e)
{
	return zf_bundle_store_failed(&b->store, path, reason, e);
}

/* A payload file is written: its manifest line goes to the spool. */
static int
note_payload(struct zf_bundle *b, const char *path, uint64_t size,
    const uint8_t digest[ZF_DIGEST_LEN], struct zf_err *e)
{
	char hex[ZF_DIGEST_HEX];

	if (b->manifest == NULL && (b->manifest = tmpfile()) == NULL)
		return write_failed(b, "manifest-sha256.txt",
		    strerror(errno), e);
	zf_hex(digest, ZF_DIGEST_LEN, hex);
	if (fprintf(b->manifest, "%s  %s\n", hex, path) < 0)
		return write_failed(b, "manifest-sha256.txt",
		    strerror(errno), e);
	b->octets += size;
	b->nfiles++;
	return 0;
}

/* Writes a file from memory; its digest goes to ent (may be NULL). */
static int
put_file(struct zf_bundle *b, const char *path, struct entry *ent,
    const void *data, size_t len, struct zf_err *e)
{
	int rc;

	if (ent != NULL)
		zf_digest_buf(SHA256, data, len, ent->digest);
	if ((rc = zf_bundle_store_begin(&b->store, path, len, e)) != 0 ||
	    (rc = zf_bundle_store_write(&b->store, path, data, len, e)) != 0 ||
	    (rc = zf_bundle_store_end(&b->store, path, e)) != 0)
		return rc;
	return 0;
}

/*
 * The data/ folder, which a bag has even when it has no payload; the
 * names of the tag files the bundle writes are taken with it.
 */
static int
put_data_folder(struct zf_bundle *b, struct zf_err *e)
{
	static const char *const own[] = { "bagit.txt", "bag-info.txt",
	    "manifest-sha256.txt", "tagmanifest-sha256.txt" };
	size_t i;

	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		zf_bundle_names_take_file(&b->names, own[i]);
	zf_bundle_names_take_folder(&b->names, "data");
	return zf_bundle_store_folder(&b->store, "data", e);
}

/* Life cycle */

/*
 * libarchive converts names from the locale's character set; with the
 * C locale it would mark Chinese names as binary (tar) or leave out the
 * UTF-8 flag (zip).  Its calls run under a UTF-8 locale for this thread
 * only, never changing the process's.
 */
static locale_t
enter(struct zf_bundle *b)
{
	return b->utf8 != (locale_t)0 ? uselocale(b->utf8) : (locale_t)0;
}

static void
leave(struct zf_bundle *b, locale_t old)
{
	if (b->utf8 != (locale_t)0)
		uselocale(old);
}

/* Frees b, then gives the thread back the locale enter() returned. */
static void
bundle_free(struct zf_bundle *b, locale_t old)
{
	locale_t utf8 = b->utf8;
	size_t i;

	zf_bundle_store_release(&b->store);
	zf_bundle_names_release(&b->names);
	for (i = 0; i < b->tags.len; i++)
		free(b->tags.v[i].name);
	free(b->tags.v);
	if (b->manifest != NULL)
		fclose(b->manifest);
	zf_buf_release(&b->bag_info);
	zf_digest_free(b->digest);
	free(b->chunk);
	free(b);
	if (utf8 != (locale_t)0) {
		uselocale(old);
		freelocale(utf8);
	}
}

int
zf_bundle_open(const char *path, int format, const char *bag_info,
    struct zf_bundle **out, struct zf_err *e)
{
	struct zf_bundle *b;
	struct stat st;
	locale_t old;
	size_t len;
	int rc;

	*out = NULL;
	if (format != ZF_BUNDLE_DIR && format != ZF_BUNDLE_TAR_GZ &&
	    format != ZF_BUNDLE_ZIP)
		return zf_fail(e, EX_USAGE, "cannot create bundle '%s': "
		    "unknown format %d", path, format);
	b = xcalloc(1, sizeof(*b));
	zf_buf_init(&b->bag_info);
	zf_bundle_names_init(&b->names);
	/* "out/" and "out" are one folder; its temporary sits beside it. */
	len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	zf_bundle_store_init(&b->store, format, xstrndup(path, len));
	b->utf8 = zf_i18n_utf8_locale();
	old = enter(b);
	if ((rc = take_bag_info(b, bag_info, e)) != 0)
		goto out;
	if (!b->caller_date)
		take_today(b);
	if (len == 0 || strcmp(b->store.path, "/") == 0) {
		rc = zf_fail(e, EX_CANTCREAT, "cannot create bundle '%s': "
		    "not a path for a new file", path);
		goto out;
	}
	if (lstat(b->store.path, &st) == 0) {
		rc = zf_fail(e, EX_CANTCREAT, "cannot create bundle '%s': it "
		    "exists already", b->store.path);
		goto out;
	}
	if (errno != ENOENT) {
		rc = zf_fail(e, EX_CANTCREAT, "cannot create bundle '%s': %s",
		    b->store.path, strerror(errno));
		goto out;
	}
	if ((b->digest = zf_digest_new(SHA256)) == NULL) {
		rc = zf_fail(e, EX_SOFTWARE, "no sha256 digest in OpenSSL");
		goto out;
	}
	if ((rc = zf_bundle_store_open(&b->store, e)) != 0)
		goto out;
	zf_bundle_names_take_file(&b->names, "bagit.txt");
	if ((rc = put_file(b, "bagit.txt", push_entry(&b->tags, "bagit.txt",
	    sizeof(bagit_txt) - 1), bagit_txt, sizeof(bagit_txt) - 1,
	    e)) != 0 ||
	    (rc = put_data_folder(b, e)) != 0)
		goto out;
	*out = b;
out:
	if (rc != 0)
		bundle_free(b, old);
	else
		leave(b, old);
	return rc;
}

static int
check_usable(struct zf_bundle *b, struct zf_err *e)
{
	if (b->store.broken)
		return zf_fail(e, EX_IOERR, "bundle '%s' cannot be completed "
		    "after an earlier write failed", b->store.path);
	return 0;
}

int
zf_bundle_add_tag(struct zf_bundle *b, const char *name, const void *data,
    size_t len, struct zf_err *e)
{
	locale_t old;
	int rc;

	if ((rc = check_usable(b, e)) != 0 ||
	    (rc = zf_bundle_name_check_tag(name, e)) != 0)
		return rc;
	old = enter(b);
	if ((rc = zf_bundle_names_claim(&b->names, name, e)) == 0)
		rc = put_file(b, name, push_entry(&b->tags, name, len), data,
		    len, e);
	leave(b, old);
	return rc;
}

/*
 * Copies the rest of fd, which must be a regular file so that its size
 * is known before its bytes (tar puts it in the header), hashing each
 * chunk as it goes.  A file that shrinks or grows meanwhile is an error.
 */
static int
copy_fd(struct zf_bundle *b, const char *path, int fd, uint64_t size,
    struct entry *ent, struct zf_err *e)
{
	uint64_t left = size;
	ssize_t n;
	int rc;

	if ((rc = zf_bundle_store_begin(&b->store, path, size, e)) != 0)
		return rc;
	while (left > 0) {
		size_t want = left < CHUNK ? (size_t)left : CHUNK;

		if ((n = zf_read_full(fd, b->chunk, want)) < 0)
			return write_failed(b, path, strerror(errno), e);
		if ((size_t)n < want)
			return write_failed(b, path, "the file shrank while "
			    "it was read", e);
		zf_digest_update(b->digest, b->chunk, (size_t)n);
		if ((rc = zf_bundle_store_write(&b->store, path, b->chunk,
		    (size_t)n, e)) != 0)
			return rc;
		left -= (uint64_t)n;
	}
	if ((n = zf_read_full(fd, b->chunk, 1)) != 0)
		return write_failed(b, path, n < 0 ? strerror(errno) :
		    "the file grew while it was read", e);
	zf_digest_final(b->digest, ent->digest);
	return zf_bundle_store_end(&b->store, path, e);
}

/* A payload file's name may be added: 0, or the refusal. */
static int
check_payload(struct zf_bundle *b, const char *name, struct zf_err *e)
{
	int rc;

	if ((rc = check_usable(b, e)) != 0)
		return rc;
	return zf_bundle_name_check(name, "payload file", e);
}

/*
 * Writes payload file data/NAME of size bytes, from data or, when fd is
 * not -1, from fd; its manifest line goes to the spool.
 */
static int
add_payload(struct zf_bundle *b, const char *name, const void *data, int fd,
    uint64_t size, struct zf_err *e)
{
	char *path = xasprintf("data/%s", name);
	locale_t old = enter(b);
	struct entry ent;
	int rc;

	if ((rc = zf_bundle_names_claim(&b->names, path, e)) == 0 &&
	    (rc = fd < 0 ? put_file(b, path, &ent, data, (size_t)size, e) :
	    copy_fd(b, path, fd, size, &ent, e)) == 0)
		rc = note_payload(b, path, size, ent.digest, e);
	leave(b, old);
	free(path);
	return rc;
}

int
zf_bundle_add(struct zf_bundle *b, const char *name, const void *data,
    size_t len, struct zf_err *e)
{
	int rc;

	if ((rc = check_payload(b, name, e)) != 0)
		return rc;
	return add_payload(b, name, data, -1, len, e);
}

int
zf_bundle_add_fd(struct zf_bundle *b, const char *name, int fd,
    struct zf_err *e)
{
	struct stat st;
	off_t offset;
	int rc;

	if ((rc = check_payload(b, name, e)) != 0)
		return rc;
	if (fstat(fd, &st) != 0)
		return zf_fail(e, EX_IOERR, "cannot add '%s': %s", name,
		    strerror(errno));
	if (!S_ISREG(st.st_mode))
		return zf_fail(e, EX_DATAERR, "cannot add '%s': not a regular "
		    "file (its size must be known before it is read)", name);
	if ((offset = lseek(fd, 0, SEEK_CUR)) < 0)
		return zf_fail(e, EX_IOERR, "cannot add '%s': %s", name,
		    strerror(errno));
	if (offset > st.st_size)
		offset = st.st_size;
	if (b->chunk == NULL)
		b->chunk = xmalloc(CHUNK);
	return add_payload(b, name, NULL, fd, (uint64_t)(st.st_size - offset),
	    e);
}

/* "HEX  NAME" per file, as sha256sum prints and checks them. */
static void
manifest_text(struct zf_buf *out, const struct entry_list *l)
{
	char hex[ZF_DIGEST_HEX];
	size_t i;

	zf_buf_reset(out);
	for (i = 0; i < l->len; i++) {
		zf_hex(l->v[i].digest, ZF_DIGEST_LEN, hex);
		zf_buf_printf(out, "%s  %s\n", hex, l->v[i].name);
	}
}

/* Writes bag-info.txt and the manifests: the bag is complete. */
static int
complete(struct zf_bundle *b, struct zf_err *e)
{
	unsigned long long octets = 0;
	struct zf_buf text;
	off_t size;
	int rc;

	zf_buf_init(&text);
	if ((rc = check_usable(b, e)) != 0)
		goto out;
	octets = b->octets;
	if (!b->caller_date)
		zf_buf_printf(&text, "Bagging-Date: %s\n", b->date);
	zf_buf_printf(&text, "Payload-Oxum: %llu.%llu\n", octets,
	    (unsigned long long)b->nfiles);
	zf_buf_add(&text, b->bag_info.data, b->bag_info.len);
	if ((rc = put_file(b, "bag-info.txt", push_entry(&b->tags,
	    "bag-info.txt", text.len), text.data, text.len, e)) != 0)
		goto out;
	/* The payload's manifest, streamed from its spool. */
	if (b->manifest == NULL && (b->manifest = tmpfile()) == NULL) {
		rc = write_failed(b, "manifest-sha256.txt", strerror(errno), e);
		goto out;
	}
	if (fflush(b->manifest) != 0 || (size = ftello(b->manifest)) < 0 ||
	    fseeko(b->manifest, 0, SEEK_SET) != 0) {
		rc = write_failed(b, "manifest-sha256.txt", strerror(errno), e);
		goto out;
	}
	if (b->chunk == NULL)
		b->chunk = xmalloc(CHUNK);
	if ((rc = copy_fd(b, "manifest-sha256.txt", fileno(b->manifest),
	    (uint64_t)size, push_entry(&b->tags, "manifest-sha256.txt",
	    (uint64_t)size), e)) != 0)
		goto out;
	manifest_text(&text, &b->tags);
	if ((rc = put_file(b, "tagmanifest-sha256.txt", NULL, text.data,
	    text.len, e)) != 0)
		goto out;
out:
	zf_buf_release(&text);
	return rc;
}

int
zf_bundle_close(struct zf_bundle *b, struct zf_err *e)
{
	locale_t old = enter(b);
	int rc;

	if ((rc = complete(b, e)) == 0)
		rc = zf_bundle_store_finish(&b->store, e);
	bundle_free(b, old);
	return rc;
}

int
zf_bundle_seal(struct zf_bundle *b, struct zf_err *e)
{
	locale_t old = enter(b);
	int rc;

	if ((rc = complete(b, e)) == 0 &&
	    (rc = zf_bundle_store_seal(&b->store, e)) != 0)
		b->store.broken = 1;
	leave(b, old);
	return rc;
}

int
zf_bundle_tag_digest(const struct zf_bundle *b, const char *name,
    uint8_t digest[ZF_DIGEST_LEN])
{
	size_t i;

	for (i = 0; i < b->tags.len; i++)
		if (strcmp(b->tags.v[i].name, name) == 0) {
			memcpy(digest, b->tags.v[i].digest, ZF_DIGEST_LEN);
			return 0;
		}
	return -1;
}

const char *
zf_bundle_staged(const struct zf_bundle *b)
{
	return b->store.tmp;
}

int
zf_bundle_place(struct zf_bundle *b, struct zf_err *e)
{
	locale_t old = enter(b);
	int rc;

	rc = zf_bundle_store_place(&b->store, e);
	b->store.keep = 1;
	bundle_free(b, old);
	return rc;
}

int
zf_bundle_place_staged(const char *staged, const char *path, int format,
    struct zf_err *e)
{
	int fd, rc;

	if (zf_bundle_store_take(staged, &fd) != 0)
		return zf_fail(e, EX_TEMPFAIL, "bundle '%s' is being written "
		    "by another export, or is gone", staged);
	rc = zf_bundle_store_place_at(staged, path, format, e);
	close(fd);
	return rc;
}

int
zf_bundle_leftovers(const char *path, char ***list, size_t *n)
{
	return zf_bundle_store_leftovers(path, list, n);
}

void
zf_bundle_abort(struct zf_bundle *b)
{
	locale_t old;

	if (b == NULL)
		return;
	old = enter(b);
	bundle_free(b, old);
}

void
zf_bundle_remove(const char *path)
{
	zf_bundle_store_remove(path);
}
