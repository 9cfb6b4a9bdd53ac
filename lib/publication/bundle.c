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
 */
#include "publication/bundle.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* libarchive's: lib/ is searched for "quoted" names only (-iquote). */
#include <archive.h>
#include <archive_entry.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/io.h"

#define SHA256 ZF_SUITE_SHA256_ED25519
#define CHUNK (1 << 20)
#define NAME_BYTES_MAX 1024
#define PART_BYTES_MAX 255

static const char bagit_txt[] =
    "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

/* Content that is compressed already: stored as it is in a zip. */
static const char *const stored_extensions[] = {
	"jpg", "jpeg", "png", "gif", "webp", "mp4", "mov", "avi", "mp3",
	"m4a", "wav", "pdf", "zip", "gz", NULL
};

/* Top-level names the bundle writes itself, or that no bag of ours has. */
static const char *const reserved_tags[] = {
	"bagit.txt", "bag-info.txt", "fetch.txt", NULL
};

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

/*
 * The folders of the bag, by name, to refuse clashes; the files only by
 * the 64-bit hash of their case-folded name (fileset), so that memory
 * grows by a few bytes a file, not by its name.  Names that differ only
 * in ASCII case clash: they are one name on the file systems of Windows
 * and macOS, and an import refuses them.  Two different names with one
 * hash would be refused as a clash too, with odds of 1 in 2^64.
 */
struct name_slot {
	char *name;		/* a folder; NULL when the slot is free */
	size_t len;
};

struct zf_bundle {
	int format;
	char *path;		/* the destination */
	char *tmp;		/* built here, beside it; NULL once moved */
	int tmpfd;		/* the temporary file, or folder */
	int filefd;		/* folder format: the file being written */
	struct archive *ar;
	struct archive_entry *ae;
	locale_t utf8;		/* so libarchive takes names as UTF-8 */
	int broken;		/* a write failed: only abort is left */
	char date[11];		/* Bagging-Date, YYYY-MM-DD */
	int caller_date;	/* the caller's bag_info gave it */
	time_t mtime;		/* the date's midnight, UTC */
	struct zf_buf bag_info;	/* the caller's lines, checked */
	struct entry_list tags;
	FILE *manifest;		/* the payload's manifest lines, spooled */
	uint64_t octets, nfiles;	/* the payload's, for Payload-Oxum */
	struct name_slot *names;	/* folders */
	size_t names_cap, names_len;
	uint64_t *fileset;	/* files: folded-name hashes, 0 free */
	size_t fileset_cap, fileset_len;
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

/* Text checks */

/* Length of the valid UTF-8 sequence at p (0 if invalid); *cp its value. */
static size_t
utf8_decode(const unsigned char *p, uint32_t *cp)
{
	uint32_t c = p[0], min;
	size_t n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xe0) == 0xc0) {
		n = 2;
		c &= 0x1f;
		min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3;
		c &= 0x0f;
		min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	/* A NUL fails the test before anything past it is read. */
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static int
is_control(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/*
 * Checks the bytes of s: valid UTF-8 without control characters but
 * those in allowed.  Returns NULL or what is wrong.
 */
static const char *
text_problem(const char *s, const char *allowed)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c;
	size_t n;

	while (*p != '\0') {
		if ((n = utf8_decode(p, &c)) == 0)
			return "is not valid UTF-8";
		if (is_control(c) && (c >= 0x80 || strchr(allowed, (int)c) ==
		    NULL))
			return "has a control character";
		p += n;
	}
	return NULL;
}

/*
 * A name for a file in the bag: relative, '/'-separated parts that are
 * neither empty nor "." or "..", no backslash, UTF-8 without control
 * characters, within the lengths every file system takes.
 */
static int
check_name(const char *name, const char *what, struct zf_err *e)
{
	const char *part, *end, *problem;
	size_t len;

	if ((problem = text_problem(name, "")) != NULL)
		return zf_fail(e, EX_DATAERR, "cannot add %s: its name %s",
		    what, problem);
	if (*name == '\0')
		return zf_fail(e, EX_DATAERR, "cannot add %s: its name is "
		    "empty", what);
	if (*name == '/')
		return zf_fail(e, EX_DATAERR, "cannot add %s '%s': the name "
		    "must be relative", what, name);
	if (strchr(name, '\\') != NULL)
		return zf_fail(e, EX_DATAERR, "cannot add %s '%s': the name "
		    "has a backslash (parts are separated by '/')", what,
		    name);
	if (strlen(name) > NAME_BYTES_MAX)
		return zf_fail(e, EX_DATAERR, "cannot add %s '%.64s...': the "
		    "name is longer than %d bytes", what, name,
		    NAME_BYTES_MAX);
	for (part = name;; part = end + 1) {
		if ((end = strchr(part, '/')) == NULL)
			end = part + strlen(part);
		len = (size_t)(end - part);
		if (len == 0)
			return zf_fail(e, EX_DATAERR, "cannot add %s '%s': "
			    "the name has an empty part", what, name);
		if ((len == 1 && part[0] == '.') ||
		    (len == 2 && part[0] == '.' && part[1] == '.'))
			return zf_fail(e, EX_DATAERR, "cannot add %s '%s': "
			    "the name has a '%.*s' part", what, name, (int)len,
			    part);
		if (len > PART_BYTES_MAX)
			return zf_fail(e, EX_DATAERR, "cannot add %s '%s': a "
			    "part of the name is longer than %d bytes", what,
			    name, PART_BYTES_MAX);
		if (*end == '\0')
			return 0;
	}
}

static int
is_reserved_tag(const char *name)
{
	size_t len = strlen(name);
	int i;

	for (i = 0; reserved_tags[i] != NULL; i++)
		if (strcasecmp(name, reserved_tags[i]) == 0)
			return 1;
	if (len < 4 || strcasecmp(name + len - 4, ".txt") != 0 ||
	    strchr(name, '/') != NULL)
		return 0;
	return strncasecmp(name, "manifest-", 9) == 0 ||
	    strncasecmp(name, "tagmanifest-", 12) == 0;
}

static int
check_tag_name(const char *name, struct zf_err *e)
{
	int rc;

	if ((rc = check_name(name, "tag file", e)) != 0)
		return rc;
	if (strncasecmp(name, "data", 4) == 0 &&
	    (name[4] == '\0' || name[4] == '/'))
		return zf_fail(e, EX_DATAERR, "cannot add tag file '%s': "
		    "data/ holds the payload (add it with zf_bundle_add)",
		    name);
	if (is_reserved_tag(name))
		return zf_fail(e, EX_DATAERR, "cannot add tag file '%s': the "
		    "bundle writes bagit.txt, bag-info.txt and the manifests "
		    "itself, and has no fetch.txt", name);
	return 0;
}

/* Whether a zip stores the file as it is (by its extension). */
static int
is_stored(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	int i;

	base = base != NULL ? base + 1 : path;
	if ((dot = strrchr(base, '.')) == NULL || dot == base)
		return 0;
	for (i = 0; stored_extensions[i] != NULL; i++)
		if (strcasecmp(dot + 1, stored_extensions[i]) == 0)
			return 1;
	return 0;
}

/* Dates */

static long long
days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (long long)era * 146097 + doe - 719468;
}

/* Parses exactly YYYY-MM-DD (1970 to 9999) into its midnight UTC. */
static int
parse_date(const char *s, size_t len, time_t *midnight)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d, leap;
	size_t i;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < len; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !leap))
		return -1;
	*midnight = (time_t)(days_from_civil(y, m, d) * 86400);
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
	if ((problem = text_problem(text, "\n\t")) != NULL)
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
			if (parse_date(colon + 2, len - label - 2, &b->mtime) !=
			    0)
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
	if (parse_date(b->date, strlen(b->date), &b->mtime) != 0)
		b->mtime = 0;
}

/* The set of names */

static int
fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
same_folded(const char *a, const char *b, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (fold((unsigned char)a[i]) != fold((unsigned char)b[i]))
			return 0;
	return 1;
}

static uint64_t
hash_name(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (len-- > 0) {
		h ^= (uint64_t)fold((unsigned char)*s++);
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The slot holding name, or the free slot where it would go. */
static struct name_slot *
find_name(struct zf_bundle *b, const char *name, size_t len)
{
	size_t mask = b->names_cap - 1, i = hash_name(name, len) & mask;

	for (;; i = (i + 1) & mask) {
		struct name_slot *s = &b->names[i];

		if (s->name == NULL || (s->len == len &&
		    same_folded(s->name, name, len)))
			return s;
	}
}

static void
grow_names(struct zf_bundle *b)
{
	struct name_slot *old = b->names;
	size_t oldcap = b->names_cap, i;

	b->names_cap = oldcap != 0 ? 2 * oldcap : 64;
	b->names = xcalloc(b->names_cap, sizeof(*b->names));
	for (i = 0; i < oldcap; i++)
		if (old[i].name != NULL)
			*find_name(b, old[i].name, old[i].len) = old[i];
	free(old);
}

/* Takes a folder's name (once). */
static void
insert_name(struct zf_bundle *b, const char *name, size_t len)
{
	struct name_slot *s;

	if (2 * (b->names_len + 1) > b->names_cap)
		grow_names(b);
	s = find_name(b, name, len);
	if (s->name == NULL) {
		s->name = xstrndup(name, len);
		s->len = len;
		b->names_len++;
	}
}

static uint64_t
file_key(const char *name, size_t len)
{
	uint64_t h = hash_name(name, len);

	return h != 0 ? h : 1;
}

/* The fileset slot holding name's key, or the free one where it goes. */
static uint64_t *
find_file(struct zf_bundle *b, uint64_t key)
{
	size_t mask = b->fileset_cap - 1, i = (size_t)(key ^ (key >> 29)) &
	    mask;

	while (b->fileset[i] != 0 && b->fileset[i] != key)
		i = (i + 1) & mask;
	return &b->fileset[i];
}

static int
file_taken(struct zf_bundle *b, const char *name, size_t len)
{
	return b->fileset_cap != 0 &&
	    *find_file(b, file_key(name, len)) != 0;
}

static void
take_file(struct zf_bundle *b, const char *name, size_t len)
{
	uint64_t *old = b->fileset, key = file_key(name, len);
	size_t oldcap = b->fileset_cap, i;

	if (2 * (b->fileset_len + 1) > b->fileset_cap) {
		b->fileset_cap = oldcap != 0 ? 2 * oldcap : 64;
		b->fileset = xcalloc(b->fileset_cap, sizeof(*b->fileset));
		for (i = 0; i < oldcap; i++)
			if (old[i] != 0)
				*find_file(b, old[i]) = old[i];
		free(old);
	}
	if (*find_file(b, key) == 0) {
		*find_file(b, key) = key;
		b->fileset_len++;
	}
}

/*
 * Takes path for a file: refused when it is taken already, by a file or
 * a folder, or when one of its folders is a file (names compared without
 * ASCII case).  Nothing is taken unless all of it can be.
 */
static int
claim(struct zf_bundle *b, const char *path, struct zf_err *e)
{
	size_t len = strlen(path), i;
	struct name_slot *s;

	if (2 * (b->names_len + 1) > b->names_cap)
		grow_names(b);
	for (i = 0; i < len; i++) {
		if (path[i] != '/')
			continue;
		if (file_taken(b, path, i))
			return zf_fail(e, EX_DATAERR, "cannot add '%s': '%.*s' "
			    "is a file already", path, (int)i, path);
		s = find_name(b, path, i);
		if (s->name != NULL && memcmp(s->name, path, i) != 0)
			return zf_fail(e, EX_DATAERR, "cannot add '%s': its "
			    "folder '%.*s' differs from '%s' only in case, and "
			    "some systems take them for one name", path,
			    (int)i, path, s->name);
	}
	s = find_name(b, path, len);
	if (s->name != NULL)
		return zf_fail(e, EX_DATAERR, "cannot add '%s': '%s' is a "
		    "folder already", path, s->name);
	if (file_taken(b, path, len))
		return zf_fail(e, EX_DATAERR, "cannot add '%s': it is added "
		    "already, or differs from a name added only in case, and "
		    "some systems take them for one name", path);
	for (i = 0; i < len; i++)
		if (path[i] == '/')
			insert_name(b, path, i);
	take_file(b, path, len);
	return 0;
}

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

static int write_failed(struct zf_bundle *b, const char *path,
    const char *reason, struct zf_err *e);

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

/* Writing entries */

static const char *
archive_reason(struct zf_bundle *b)
{
	const char *s = archive_error_string(b->ar);

	return s != NULL ? s : "unknown libarchive error";
}

static int
write_failed(struct zf_bundle *b, const char *path, const char *reason,
    struct zf_err *e)
{
	b->broken = 1;
	return zf_fail(e, EX_IOERR, "cannot write '%s' in bundle '%s': %s",
	    path, b->path, reason);
}

/* Folder format: makes the folders above path, 0755 whatever the umask. */
static int
make_parents(struct zf_bundle *b, const char *path, struct zf_err *e)
{
	char *dir = xstrdup(path), *slash;
	int rc = 0;

	for (slash = strchr(dir, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdirat(b->tmpfd, dir, 0755) == 0) {
			if (fchmodat(b->tmpfd, dir, 0755, 0) != 0)
				rc = write_failed(b, dir, strerror(errno), e);
		} else if (errno != EEXIST) {
			rc = write_failed(b, dir, strerror(errno), e);
		}
		*slash = '/';
		if (rc != 0)
			break;
	}
	free(dir);
	return rc;
}

static int
entry_begin(struct zf_bundle *b, const char *path, uint64_t size,
    struct zf_err *e)
{
	int r;

	if (b->format == ZF_BUNDLE_DIR) {
		if (make_parents(b, path, e) != 0)
			return EX_IOERR;
		b->filefd = openat(b->tmpfd, path, O_WRONLY | O_CREAT |
		    O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (b->filefd < 0 || fchmod(b->filefd, 0644) != 0)
			return write_failed(b, path, strerror(errno), e);
		return 0;
	}
	archive_entry_clear(b->ae);
	archive_entry_copy_pathname(b->ae, path);
	archive_entry_set_filetype(b->ae, AE_IFREG);
	archive_entry_set_perm(b->ae, 0644);
	archive_entry_set_size(b->ae, (la_int64_t)size);
	archive_entry_set_mtime(b->ae, b->mtime, 0);
	if (b->format == ZF_BUNDLE_ZIP) {
		r = is_stored(path) ?
		    archive_write_zip_set_compression_store(b->ar) :
		    archive_write_zip_set_compression_deflate(b->ar);
		if (r != ARCHIVE_OK)
			return write_failed(b, path, archive_reason(b), e);
	}
	if (archive_write_header(b->ar, b->ae) != ARCHIVE_OK)
		return write_failed(b, path, archive_reason(b), e);
	return 0;
}

static int
entry_write(struct zf_bundle *b, const char *path, const void *data,
    size_t len, struct zf_err *e)
{
	const char *p = data;
	la_ssize_t n;

	if (b->format == ZF_BUNDLE_DIR) {
		if (zf_write_full(b->filefd, data, len) != 0)
			return write_failed(b, path, strerror(errno), e);
		return 0;
	}
	while (len > 0) {
		if ((n = archive_write_data(b->ar, p, len)) <= 0)
			return write_failed(b, path, n < 0 ?
			    archive_reason(b) : "nothing was written", e);
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
entry_end(struct zf_bundle *b, const char *path, struct zf_err *e)
{
	int fd;

	if (b->format == ZF_BUNDLE_DIR) {
		/* Synced all at once at the close (syncfs), not per file. */
		fd = b->filefd;
		b->filefd = -1;
		if (close(fd) != 0)
			return write_failed(b, path, strerror(errno), e);
		return 0;
	}
	if (archive_write_finish_entry(b->ar) != ARCHIVE_OK)
		return write_failed(b, path, archive_reason(b), e);
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
	if ((rc = entry_begin(b, path, len, e)) != 0 ||
	    (rc = entry_write(b, path, data, len, e)) != 0 ||
	    (rc = entry_end(b, path, e)) != 0)
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
		take_file(b, own[i], strlen(own[i]));
	insert_name(b, "data", 4);
	if (b->format == ZF_BUNDLE_DIR) {
		if (mkdirat(b->tmpfd, "data", 0755) != 0 ||
		    fchmodat(b->tmpfd, "data", 0755, 0) != 0)
			return write_failed(b, "data/", strerror(errno), e);
		return 0;
	}
	archive_entry_clear(b->ae);
	archive_entry_copy_pathname(b->ae, "data/");
	archive_entry_set_filetype(b->ae, AE_IFDIR);
	archive_entry_set_perm(b->ae, 0755);
	archive_entry_set_size(b->ae, 0);
	archive_entry_set_mtime(b->ae, b->mtime, 0);
	if (b->format == ZF_BUNDLE_ZIP &&
	    archive_write_zip_set_compression_store(b->ar) != ARCHIVE_OK)
		return write_failed(b, "data/", archive_reason(b), e);
	if (archive_write_header(b->ar, b->ae) != ARCHIVE_OK ||
	    archive_write_finish_entry(b->ar) != ARCHIVE_OK)
		return write_failed(b, "data/", archive_reason(b), e);
	return 0;
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

static int
remove_one(const char *path, const struct stat *st, int type,
    struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	remove(path);
	return 0;
}

/* Frees b, then gives the thread back the locale enter() returned. */
static void
bundle_free(struct zf_bundle *b, locale_t old)
{
	locale_t utf8 = b->utf8;
	size_t i;

	/* Frees libarchive's state; an unfinished archive is flushed first. */
	if (b->ar != NULL)
		archive_write_free(b->ar);
	if (b->ae != NULL)
		archive_entry_free(b->ae);
	if (b->filefd >= 0)
		close(b->filefd);
	if (b->tmpfd >= 0)
		close(b->tmpfd);
	if (b->tmp != NULL) {
		if (b->format == ZF_BUNDLE_DIR)
			nftw(b->tmp, remove_one, 16, FTW_DEPTH | FTW_PHYS);
		else
			unlink(b->tmp);
	}
	for (i = 0; i < b->names_cap; i++)
		free(b->names[i].name);
	free(b->names);
	free(b->fileset);
	for (i = 0; i < b->tags.len; i++)
		free(b->tags.v[i].name);
	free(b->tags.v);
	if (b->manifest != NULL)
		fclose(b->manifest);
	zf_buf_release(&b->bag_info);
	zf_digest_free(b->digest);
	free(b->chunk);
	free(b->tmp);
	free(b->path);
	free(b);
	if (utf8 != (locale_t)0) {
		uselocale(old);
		freelocale(utf8);
	}
}

static int
open_archive(struct zf_bundle *b, struct zf_err *e)
{
	int r;

	if ((b->ar = archive_write_new()) == NULL ||
	    (b->ae = archive_entry_new()) == NULL)
		return zf_fail(e, EX_SOFTWARE, "cannot create bundle '%s': "
		    "libarchive cannot start", b->path);
	if (b->format == ZF_BUNDLE_TAR_GZ)
		r = archive_write_set_format_pax_restricted(b->ar) ||
		    archive_write_add_filter_gzip(b->ar) ||
		    archive_write_set_options(b->ar, "gzip:!timestamp");
	else
		r = archive_write_set_format_zip(b->ar) ||
		    archive_write_set_options(b->ar, "zip:hdrcharset=UTF-8");
	/* No padding after the gzip or zip stream. */
	if (r != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(b->ar, 1) != ARCHIVE_OK ||
	    archive_write_open_fd(b->ar, b->tmpfd) != ARCHIVE_OK)
		return zf_fail(e, EX_SOFTWARE, "cannot create bundle '%s': %s",
		    b->path, archive_reason(b));
	return 0;
}

static int
make_temp(struct zf_bundle *b, struct zf_err *e)
{
	int saved;

	b->tmp = xasprintf("%s.tmp-XXXXXX", b->path);
	if (b->format == ZF_BUNDLE_DIR) {
		if (mkdtemp(b->tmp) == NULL)
			goto none;
		if ((b->tmpfd = open(b->tmp, O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC)) < 0 || fchmod(b->tmpfd, 0755) != 0)
			goto fail;
	} else {
		if ((b->tmpfd = mkostemp(b->tmp, O_CLOEXEC)) < 0)
			goto none;
		if (fchmod(b->tmpfd, 0644) != 0)
			goto fail;
	}
	return 0;
none:
	saved = errno;
	free(b->tmp);
	b->tmp = NULL;
	errno = saved;
fail:
	return zf_fail(e, EX_CANTCREAT, "cannot create bundle '%s': %s",
	    b->path, strerror(errno));
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
	b->format = format;
	b->tmpfd = b->filefd = -1;
	zf_buf_init(&b->bag_info);
	/* "out/" and "out" are one folder; its temporary sits beside it. */
	len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	b->path = xstrndup(path, len);
	b->utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	old = enter(b);
	if ((rc = take_bag_info(b, bag_info, e)) != 0)
		goto out;
	if (!b->caller_date)
		take_today(b);
	if (len == 0 || strcmp(b->path, "/") == 0) {
		rc = zf_fail(e, EX_CANTCREAT, "cannot create bundle '%s': "
		    "not a path for a new file", path);
		goto out;
	}
	if (lstat(b->path, &st) == 0) {
		rc = zf_fail(e, EX_CANTCREAT, "cannot create bundle '%s': it "
		    "exists already", b->path);
		goto out;
	}
	if (errno != ENOENT) {
		rc = zf_fail(e, EX_CANTCREAT, "cannot create bundle '%s': %s",
		    b->path, strerror(errno));
		goto out;
	}
	if ((b->digest = zf_digest_new(SHA256)) == NULL) {
		rc = zf_fail(e, EX_SOFTWARE, "no sha256 digest in OpenSSL");
		goto out;
	}
	if ((rc = make_temp(b, e)) != 0)
		goto out;
	if (format != ZF_BUNDLE_DIR && (rc = open_archive(b, e)) != 0)
		goto out;
	take_file(b, "bagit.txt", 9);
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
	if (b->broken)
		return zf_fail(e, EX_IOERR, "bundle '%s' cannot be completed "
		    "after an earlier write failed", b->path);
	return 0;
}

int
zf_bundle_add(struct zf_bundle *b, const char *name, const void *data,
    size_t len, struct zf_err *e)
{
	struct entry ent;
	locale_t old;
	char *path;
	int rc;

	if ((rc = check_usable(b, e)) != 0 ||
	    (rc = check_name(name, "payload file", e)) != 0)
		return rc;
	path = xasprintf("data/%s", name);
	old = enter(b);
	if ((rc = claim(b, path, e)) == 0 &&
	    (rc = put_file(b, path, &ent, data, len, e)) == 0)
		rc = note_payload(b, path, len, ent.digest, e);
	leave(b, old);
	free(path);
	return rc;
}

int
zf_bundle_add_tag(struct zf_bundle *b, const char *name, const void *data,
    size_t len, struct zf_err *e)
{
	locale_t old;
	int rc;

	if ((rc = check_usable(b, e)) != 0 ||
	    (rc = check_tag_name(name, e)) != 0)
		return rc;
	old = enter(b);
	if ((rc = claim(b, name, e)) == 0)
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

	if ((rc = entry_begin(b, path, size, e)) != 0)
		return rc;
	while (left > 0) {
		size_t want = left < CHUNK ? (size_t)left : CHUNK;

		if ((n = zf_read_full(fd, b->chunk, want)) < 0)
			return write_failed(b, path, strerror(errno), e);
		if ((size_t)n < want)
			return write_failed(b, path, "the file shrank while "
			    "it was read", e);
		zf_digest_update(b->digest, b->chunk, (size_t)n);
		if ((rc = entry_write(b, path, b->chunk, (size_t)n, e)) != 0)
			return rc;
		left -= (uint64_t)n;
	}
	if ((n = zf_read_full(fd, b->chunk, 1)) != 0)
		return write_failed(b, path, n < 0 ? strerror(errno) :
		    "the file grew while it was read", e);
	zf_digest_final(b->digest, ent->digest);
	return entry_end(b, path, e);
}

int
zf_bundle_add_fd(struct zf_bundle *b, const char *name, int fd,
    struct zf_err *e)
{
	struct entry ent;
	struct stat st;
	locale_t old;
	off_t offset;
	char *path;
	int rc;

	if ((rc = check_usable(b, e)) != 0 ||
	    (rc = check_name(name, "payload file", e)) != 0)
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
	path = xasprintf("data/%s", name);
	old = enter(b);
	if ((rc = claim(b, path, e)) == 0 &&
	    (rc = copy_fd(b, path, fd, (uint64_t)(st.st_size - offset), &ent,
	    e)) == 0)
		rc = note_payload(b, path, (uint64_t)(st.st_size - offset),
		    ent.digest, e);
	leave(b, old);
	free(path);
	return rc;
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

static int
sync_folder(int dirfd, const char *path)
{
	int fd = openat(dirfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Moves the temporary into place, never over something that appeared. */
static int
move_into_place(struct zf_bundle *b, struct zf_err *e)
{
	const char *slash = strrchr(b->path, '/');
	char *parent;
	struct stat st;
	int rc = 0;

	if (renameat2(AT_FDCWD, b->tmp, AT_FDCWD, b->path,
	    RENAME_NOREPLACE) != 0) {
		if (errno != EINVAL && errno != ENOSYS)
			goto fail;
		/* A file system without RENAME_NOREPLACE. */
		if (b->format != ZF_BUNDLE_DIR) {
			if (link(b->tmp, b->path) != 0)
				goto fail;
			unlink(b->tmp);
		} else {
			if (lstat(b->path, &st) == 0)
				errno = EEXIST;
			if (errno != ENOENT || rename(b->tmp, b->path) != 0)
				goto fail;
		}
	}
	free(b->tmp);
	b->tmp = NULL;
	if (slash == NULL)
		parent = xstrdup(".");
	else if (slash == b->path)
		parent = xstrdup("/");
	else
		parent = xstrndup(b->path, (size_t)(slash - b->path));
	if (sync_folder(AT_FDCWD, parent) != 0) {
		/* Not durably in place: take it back, so nothing half-made stays. */
		rc = zf_fail(e, EX_IOERR, "cannot create bundle '%s': folder "
		    "'%s' cannot be synced: %s", b->path, parent,
		    strerror(errno));
		zf_bundle_remove(b->path);
	}
	free(parent);
	return rc;
fail:
	if (errno == EEXIST || errno == ENOTEMPTY)
		return zf_fail(e, EX_CANTCREAT, "cannot create bundle '%s': it "
		    "appeared while the bundle was written", b->path);
	return zf_fail(e, EX_CANTCREAT, "cannot create bundle '%s': %s",
	    b->path, strerror(errno));
}

static int
finish(struct zf_bundle *b, struct zf_err *e)
{
	int fd;

	if (b->format != ZF_BUNDLE_DIR) {
		if (archive_write_close(b->ar) != ARCHIVE_OK)
			return zf_fail(e, EX_IOERR, "cannot write bundle '%s': "
			    "%s", b->path, archive_reason(b));
		archive_write_free(b->ar);
		b->ar = NULL;
	} else {
		/*
		 * One syncfs for every file and folder written, before the
		 * rename makes the folder appear: thousands of fsyncs would
		 * cost a second per thousand files.
		 */
		if (syncfs(b->tmpfd) != 0)
			return zf_fail(e, EX_IOERR, "cannot sync bundle '%s': "
			    "%s", b->path, strerror(errno));
	}
	fd = b->tmpfd;
	b->tmpfd = -1;
	if (fsync(fd) != 0) {
		close(fd);
		return zf_fail(e, EX_IOERR, "cannot sync bundle '%s': %s",
		    b->path, strerror(errno));
	}
	if (close(fd) != 0)
		return zf_fail(e, EX_IOERR, "cannot write bundle '%s': %s",
		    b->path, strerror(errno));
	return move_into_place(b, e);
}

int
zf_bundle_close(struct zf_bundle *b, struct zf_err *e)
{
	unsigned long long octets = 0;
	struct zf_buf text;
	locale_t old;
	off_t size;
	int rc;

	zf_buf_init(&text);
	old = enter(b);
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
	rc = finish(b, e);
out:
	zf_buf_release(&text);
	bundle_free(b, old);
	return rc;
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
	struct stat st;

	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode))
		nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	else
		unlink(path);
}
