/*
 * t-bundle: a bundle in each format, unpacked by bsdtar or read as a
 * folder, passes `sha256sum -c` on both manifests and carries the right
 * Payload-Oxum; archives are the same bytes when built twice; every
 * refusal changes nothing, and an aborted bundle leaves nothing.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "publication/bundle.h"
#include "check.h"
#include "base/crypto.h"

#define BIG_SIZE (5 << 20)
#define CHINESE "案件/C2026-0001.html"
#define HTML "<!doctype html><meta charset=utf-8><title>行政处罚决定书" \
    "</title><p>当事人：某某餐饮有限公司</p>\n"
#define README "Payload of case C2026-0001.\n"
#define METADATA "{\"case\":\"C2026-0001\",\"name\":\"某某餐饮有限公司\"}\n"
#define BAG_INFO "Source-Organization: 某市市场监督管理局\n" \
    "External-Identifier: C2026-0001\n"

static const char bagit_want[] =
    "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

static char root[256];		/* the test's own temporary folder */
static char big[300];		/* the 5 MiB file streamed with add_fd */

static int
run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs a shell command; its exit status, or -1. */
static int
run(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	int status;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	status = system(cmd);
	if (status == -1 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* The output of a shell command, NUL-terminated; the caller frees it. */
static char *
output_of(const char *cmd)
{
	struct zf_buf out;
	char chunk[4096];
	size_t n;
	FILE *f;

	zf_buf_init(&out);
	if ((f = popen(cmd, "r")) == NULL)
		return zf_buf_detach(&out, NULL);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		zf_buf_add(&out, chunk, n);
	pclose(f);
	return zf_buf_detach(&out, NULL);
}

static char *
slurp(const char *path)
{
	struct zf_buf out;
	char chunk[4096];
	ssize_t n;
	int fd;

	zf_buf_init(&out);
	if ((fd = open(path, O_RDONLY)) < 0)
		return zf_buf_detach(&out, NULL);
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		zf_buf_add(&out, chunk, (size_t)n);
	close(fd);
	return zf_buf_detach(&out, NULL);
}

static void
spit(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		abort();
	close(fd);
}

/* A 5 MiB file of pseudo-random bytes (xorshift64), so nothing shrinks. */
static void
make_big(const char *path)
{
	static uint64_t words[8192];
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	size_t done, i;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		abort();
	for (done = 0; done < BIG_SIZE; done += sizeof(words)) {
		for (i = 0; i < 8192; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			words[i] = x;
		}
		if (write(fd, words, sizeof(words)) != (ssize_t)sizeof(words))
			abort();
	}
	close(fd);
}

/* Entries in a folder, but "." and "..", whose names hold part (any
 * name when part is NULL); -1 when the folder cannot be read. */
static int
entries_with(const char *path, const char *part)
{
	struct dirent *d;
	DIR *dir;
	int n = 0;

	if ((dir = opendir(path)) == NULL)
		return -1;
	while ((d = readdir(dir)) != NULL)
		if (strcmp(d->d_name, ".") != 0 &&
		    strcmp(d->d_name, "..") != 0 &&
		    (part == NULL || strstr(d->d_name, part) != NULL))
			n++;
	closedir(dir);
	return n;
}

static int
count_entries(const char *path)
{
	return entries_with(path, NULL);
}

/* Whether a folder holds something named like a bundle's temporary. */
static int
has_temp(const char *path)
{
	int n = entries_with(path, ".tmp-");

	return n > 0 ? 1 : n;
}

static int
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static int
mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

/* The first or last n bytes of a file. */
static int
file_bytes(const char *path, int from_end, unsigned char *out, size_t n)
{
	int fd = open(path, O_RDONLY), rc = -1;

	if (fd < 0)
		return -1;
	if (lseek(fd, from_end ? -(off_t)n : 0, from_end ? SEEK_END :
	    SEEK_SET) >= 0 && read(fd, out, n) == (ssize_t)n)
		rc = 0;
	close(fd);
	return rc;
}

static int
count_lines(const char *s)
{
	int n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

static void
test_format_parse(void)
{
	CHECK_INT(zf_bundle_format_parse("dir"), ZF_BUNDLE_DIR);
	CHECK_INT(zf_bundle_format_parse("tar.gz"), ZF_BUNDLE_TAR_GZ);
	CHECK_INT(zf_bundle_format_parse("zip"), ZF_BUNDLE_ZIP);
	CHECK_INT(zf_bundle_format_parse("tgz"), -1);
	CHECK_INT(zf_bundle_format_parse("ZIP"), -1);
	CHECK_INT(zf_bundle_format_parse(""), -1);
	CHECK_INT(zf_bundle_format_parse(NULL), -1);
}

/* The file name a test uses for a bundle of this format. */
static void
bundle_path(char *out, size_t len, const char *stem, int format)
{
	static const char *const ext[] = { "", ".tar.gz", ".zip" };

	snprintf(out, len, "%s/%s%s", root, stem, ext[format]);
}

/* Unpacks an archive into a fresh folder (a folder bundle is its own). */
static int
unpack(const char *bundle, int format, char *dir, size_t len)
{
	if (format == ZF_BUNDLE_DIR) {
		snprintf(dir, len, "%s", bundle);
		return 0;
	}
	snprintf(dir, len, "%s.out", bundle);
	if (mkdir(dir, 0755) != 0)
		return -1;
	return run("cd '%s' && LC_ALL=C.UTF-8 bsdtar -xf '%s'", dir, bundle);
}

static void
check_manifest_line(const char *manifest, const char *name, const void *data,
    size_t len)
{
	uint8_t digest[ZF_DIGEST_LEN];
	char hex[ZF_DIGEST_HEX], line[1200];

	zf_digest_buf(ZF_SUITE_SHA256_ED25519, data, len, digest);
	zf_hex(digest, ZF_DIGEST_LEN, hex);
	snprintf(line, sizeof(line), "%s  %s\n", hex, name);
	CHECK(strstr(manifest, line) != NULL);
}

static void
test_format(int format)
{
	static const char *const order[] = {
		"bagit.txt", "data/", "data/" CHINESE, "metadata.json",
		"data/evidence/video.mp4", "data/README.txt", "data/empty.txt",
		"signatures/tagmanifest.sig", "bag-info.txt",
		"manifest-sha256.txt", "tagmanifest-sha256.txt", NULL
	};
	char bundle[512], dir[600], path[800], oxum[64], today[11];
	unsigned char bytes[22];
	char *text, *cmd;
	struct zf_bundle *b = NULL;
	struct zf_buf want;
	struct zf_err e;
	unsigned long long octets;
	time_t now;
	struct tm tm;
	int fd, i;

	bundle_path(bundle, sizeof(bundle), "case", format);
	zf_err_clear(&e);
	CHECK_INT(zf_bundle_open(bundle, format, BAG_INFO, &b, &e), 0);
	if (b == NULL) {
		fprintf(stderr, "open: %s\n", e.msg);
		return;
	}
	CHECK_INT(zf_bundle_add(b, CHINESE, HTML, strlen(HTML), &e), 0);
	CHECK_INT(zf_bundle_add_tag(b, "metadata.json", METADATA,
	    strlen(METADATA), &e), 0);
	fd = open(big, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_INT(zf_bundle_add_fd(b, "evidence/video.mp4", fd, &e), 0);
	close(fd);
	CHECK_INT(zf_bundle_add(b, "README.txt", README, strlen(README), &e),
	    0);
	CHECK_INT(zf_bundle_add(b, "empty.txt", "", 0, &e), 0);
	CHECK_INT(zf_bundle_add_tag(b, "signatures/tagmanifest.sig", "sig\n", 4,
	    &e), 0);
	/* Nothing at the destination until it is whole. */
	CHECK(!exists(bundle));
	CHECK_INT(has_temp(root), 1);
	CHECK_INT(zf_bundle_close(b, &e), 0);
	if (e.code != 0)
		fprintf(stderr, "close: %s\n", e.msg);
	CHECK(exists(bundle));
	CHECK_INT(has_temp(root), 0);

	CHECK_INT(unpack(bundle, format, dir, sizeof(dir)), 0);
	CHECK_INT(run("cd '%s' && sha256sum --quiet --strict -c "
	    "manifest-sha256.txt", dir), 0);
	CHECK_INT(run("cd '%s' && sha256sum --quiet --strict -c "
	    "tagmanifest-sha256.txt", dir), 0);

	snprintf(path, sizeof(path), "%s/bagit.txt", dir);
	text = slurp(path);
	CHECK_STR(text, bagit_want);
	free(text);

	snprintf(path, sizeof(path), "%s/bag-info.txt", dir);
	text = slurp(path);
	octets = strlen(HTML) + (unsigned long long)BIG_SIZE + strlen(README);
	snprintf(oxum, sizeof(oxum), "Payload-Oxum: %llu.4\n", octets);
	CHECK(strstr(text, oxum) != NULL);
	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	zf_buf_init(&want);
	zf_buf_printf(&want, "Bagging-Date: %s\n%s%s", today, oxum, BAG_INFO);
	CHECK_STR(text, want.data);
	free(text);

	snprintf(path, sizeof(path), "%s/manifest-sha256.txt", dir);
	text = slurp(path);
	CHECK_INT(count_lines(text), 4);
	check_manifest_line(text, "data/" CHINESE, HTML, strlen(HTML));
	check_manifest_line(text, "data/empty.txt", "", 0);
	/* Payload in the order added. */
	CHECK(strstr(text, "  data/" CHINESE "\n") != NULL &&
	    strstr(text, "  data/README.txt\n") != NULL &&
	    strstr(text, "  data/" CHINESE "\n") <
	    strstr(text, "  data/README.txt\n"));
	free(text);

	snprintf(path, sizeof(path), "%s/tagmanifest-sha256.txt", dir);
	text = slurp(path);
	CHECK_INT(count_lines(text), 5);
	check_manifest_line(text, "bagit.txt", bagit_want,
	    strlen(bagit_want));
	check_manifest_line(text, "metadata.json", METADATA,
	    strlen(METADATA));
	CHECK(strstr(text, "  manifest-sha256.txt\n") != NULL);
	CHECK(strstr(text, "  bag-info.txt\n") != NULL);
	CHECK(strstr(text, "  signatures/tagmanifest.sig\n") != NULL);
	free(text);

	snprintf(path, sizeof(path), "%s/data/" CHINESE, dir);
	text = slurp(path);
	CHECK_STR(text, HTML);
	free(text);
	CHECK_INT(run("cmp -s '%s' '%s/data/evidence/video.mp4'", big, dir),
	    0);

	if (format == ZF_BUNDLE_DIR) {
		CHECK_INT(mode_of(bundle), 0755);
		CHECK_INT(mode_of(path), 0644);
		snprintf(path, sizeof(path), "%s/data/案件", dir);
		CHECK_INT(mode_of(path), 0755);
		snprintf(path, sizeof(path), "%s/data", dir);
		CHECK_INT(mode_of(path), 0755);
		snprintf(path, sizeof(path), "%s/signatures/tagmanifest.sig",
		    dir);
		CHECK_INT(mode_of(path), 0644);
		CHECK_INT(count_entries(dir), 7);
	} else {
		CHECK_INT(mode_of(bundle), 0644);
		/* Entries in the documented order, names in UTF-8. */
		zf_buf_reset(&want);
		for (i = 0; order[i] != NULL; i++)
			zf_buf_printf(&want, "%s\n", order[i]);
		cmd = xasprintf("LC_ALL=C.UTF-8 bsdtar -tf '%s'", bundle);
		text = output_of(cmd);
		CHECK_STR(text, want.data);
		free(text);
		free(cmd);
	}
	if (format == ZF_BUNDLE_TAR_GZ) {
		/* No time in the gzip header. */
		CHECK(file_bytes(bundle, 0, bytes, 10) == 0 &&
		    bytes[0] == 0x1f && bytes[1] == 0x8b && bytes[4] == 0 &&
		    bytes[5] == 0 && bytes[6] == 0 && bytes[7] == 0);
		/* No padding after the stream: it ends with the tar's size. */
		cmd = xasprintf("gzip -dc '%s' | wc -c", bundle);
		text = output_of(cmd);
		CHECK(file_bytes(bundle, 1, bytes, 4) == 0 &&
		    strtoul(text, NULL, 10) == ((unsigned long)bytes[0] |
		    (unsigned long)bytes[1] << 8 | (unsigned long)bytes[2] <<
		    16 | (unsigned long)bytes[3] << 24));
		free(text);
		free(cmd);
		CHECK_INT(run("gzip -t '%s'", bundle), 0);
		/* GNU tar reads it too. */
		CHECK_INT(run("LC_ALL=C.UTF-8 tar -tzf '%s' | grep -qx "
		    "'data/%s'", bundle, CHINESE), 0);
	}
	if (format == ZF_BUNDLE_ZIP) {
		CHECK_INT(run("unzip -tq '%s' >/dev/null", bundle), 0);
		/* No padding after the end of central directory. */
		CHECK(file_bytes(bundle, 1, bytes, 22) == 0 &&
		    memcmp(bytes, "PK\5\6", 4) == 0);
		/* The UTF-8 flag is set, or unzip would read CP437. */
		CHECK_INT(run("LC_ALL=C.UTF-8 unzip -Z1 '%s' | grep -qx "
		    "'data/%s'", bundle, CHINESE), 0);
		CHECK_INT(run("zipinfo '%s' | grep -q ' stor .*"
		    "data/evidence/video\\.mp4$'", bundle), 0);
		CHECK_INT(run("zipinfo '%s' | grep -q ' defN .*"
		    "data/README\\.txt$'", bundle), 0);
		CHECK_INT(run("zipinfo '%s' | grep -q ' defN .*"
		    "manifest-sha256\\.txt$'", bundle), 0);
	}
	zf_buf_release(&want);
}

static void
build_small(const char *bundle, int format)
{
	struct zf_bundle *b = NULL;
	struct zf_err e;
	int fd;

	CHECK_INT(zf_bundle_open(bundle, format, "Bagging-Date: 2026-03-01\n"
	    "External-Identifier: C2026-0002\n", &b, &e), 0);
	if (b == NULL)
		return;
	CHECK_INT(zf_bundle_add(b, CHINESE, HTML, strlen(HTML), &e), 0);
	fd = open(big, O_RDONLY);
	/* add_fd reads from where the descriptor stands. */
	CHECK(lseek(fd, BIG_SIZE - 1000, SEEK_SET) == BIG_SIZE - 1000);
	CHECK_INT(zf_bundle_add_fd(b, "tail.bin", fd, &e), 0);
	close(fd);
	CHECK_INT(zf_bundle_close(b, &e), 0);
}

/* Same files, same date: same bytes, dated the given day. */
static void
test_reproducible(int format)
{
	char one[512], two[512], dir[600], path[800], want[200], *text;
	struct stat st;

	bundle_path(one, sizeof(one), "same-1", format);
	bundle_path(two, sizeof(two), "same-2", format);
	build_small(one, format);
	build_small(two, format);
	CHECK_INT(run("cmp -s '%s' '%s'", one, two), 0);
	CHECK_INT(unpack(one, format, dir, sizeof(dir)), 0);
	snprintf(path, sizeof(path), "%s/bag-info.txt", dir);
	text = slurp(path);
	/* The caller's date is the bag's, given once. */
	snprintf(want, sizeof(want), "Payload-Oxum: %zu.2\n"
	    "Bagging-Date: 2026-03-01\nExternal-Identifier: C2026-0002\n",
	    strlen(HTML) + 1000);
	CHECK_STR(text, want);
	free(text);
	CHECK_INT(run("cd '%s' && sha256sum --quiet --strict -c "
	    "manifest-sha256.txt && sha256sum --quiet --strict -c "
	    "tagmanifest-sha256.txt", dir), 0);
	snprintf(path, sizeof(path), "%s/data/" CHINESE, dir);
	CHECK(stat(path, &st) == 0 && st.st_mtime == 1772323200);
	snprintf(path, sizeof(path), "%s/data/tail.bin", dir);
	CHECK(stat(path, &st) == 0 && st.st_size == 1000);
}

static void
test_existing(int format)
{
	char path[512], *text;
	/* Not NULL, to see that a refusal sets it so. */
	struct zf_bundle *b = (struct zf_bundle *)&b;
	struct zf_err e;

	/* A file where the bundle would go. */
	bundle_path(path, sizeof(path), "taken", format);
	spit(path, "mine\n");
	CHECK_INT(zf_bundle_open(path, format, NULL, &b, &e), EX_CANTCREAT);
	CHECK(b == NULL);
	text = slurp(path);
	CHECK_STR(text, "mine\n");
	free(text);
	CHECK(unlink(path) == 0);
	/* An empty folder. */
	CHECK(mkdir(path, 0755) == 0);
	CHECK_INT(zf_bundle_open(path, format, NULL, &b, &e), EX_CANTCREAT);
	CHECK_INT(count_entries(path), 0);
	CHECK(rmdir(path) == 0);
	/* A folder that does not exist above it. */
	snprintf(path, sizeof(path), "%s/no/such/bag", root);
	CHECK_INT(zf_bundle_open(path, format, NULL, &b, &e), EX_CANTCREAT);
	CHECK_INT(has_temp(root), 0);

	/* Something that appears there while the bundle is written. */
	bundle_path(path, sizeof(path), "raced", format);
	CHECK_INT(zf_bundle_open(path, format, NULL, &b, &e), 0);
	CHECK_INT(zf_bundle_add(b, "a.txt", "a\n", 2, &e), 0);
	CHECK(mkdir(path, 0755) == 0);
	CHECK_INT(zf_bundle_close(b, &e), EX_CANTCREAT);
	CHECK(strstr(e.msg, "appeared") != NULL);
	CHECK_INT(count_entries(path), 0);
	CHECK_INT(has_temp(root), 0);
	CHECK(rmdir(path) == 0);
}

static void
test_bad_bag_info(int format)
{
	static const char *const bad[] = {
		"Payload-Oxum: 1.1\n",
		"payload-oxum: 1.1\n",
		"no label here\n",
		": no label\n",
		"Label:no space\n",
		"Label : value\n",
		" continues nothing\n",
		"Bagging-Date: 2026-02-30\n",
		"Bagging-Date: 26-02-01\n",
		"Bagging-Date: 2026-03-01\nBagging-Date: 2026-03-02\n",
		"Label: bell \a\n",
		"Label: \xff\n",
		NULL
	};
	struct zf_bundle *b;
	struct zf_err e;
	char path[512];
	int i;

	bundle_path(path, sizeof(path), "bad-info", format);
	for (i = 0; bad[i] != NULL; i++) {
		b = (struct zf_bundle *)&b;
		CHECK_INT(zf_bundle_open(path, format, bad[i], &b, &e),
		    EX_DATAERR);
		CHECK(b == NULL);
		CHECK(!exists(path));
		CHECK_INT(has_temp(root), 0);
	}
}

/*
 * Bagging-Date: a real day from 1970 to 9999, dated its midnight (UTC)
 * in an archive.
 */
static void
test_dates(void)
{
	static const struct {
		const char *day;
		time_t midnight;	/* -1: refused */
	} days[] = {
		{ "1970-01-01", 0 }, { "1969-12-31", -1 },
		{ "1900-01-01", -1 }, { "2000-02-29", 951782400 },
		{ "2024-02-29", 1709164800 }, { "2023-02-29", -1 },
		{ "2100-02-29", -1 }, { "2026-04-31", -1 },
		{ "2026-00-10", -1 }, { "2026-13-01", -1 },
		{ "2026-12-31", 1798675200 }, { "9999-12-31", 253402214400 },
		{ "2026-1-011", -1 }, { "2026/01/01", -1 },
		{ "+026-01-01", -1 },
		{ "2026-01-01 ", -1 },
	};
	char bundle[512], dir[600], path[800], *info;
	struct zf_bundle *b;
	struct zf_err e;
	struct stat st;
	size_t i;

	bundle_path(bundle, sizeof(bundle), "dates", ZF_BUNDLE_TAR_GZ);
	for (i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		b = NULL;
		info = xasprintf("Bagging-Date: %s\n", days[i].day);
		if (days[i].midnight < 0) {
			CHECK_INT(zf_bundle_open(bundle, ZF_BUNDLE_TAR_GZ,
			    info, &b, &e), EX_DATAERR);
			CHECK(strstr(e.msg, "is not a date") != NULL);
			free(info);
			continue;
		}
		CHECK_INT(zf_bundle_open(bundle, ZF_BUNDLE_TAR_GZ, info, &b,
		    &e), 0);
		free(info);
		if (b == NULL)
			continue;
		CHECK_INT(zf_bundle_add(b, "a.txt", "a\n", 2, &e), 0);
		CHECK_INT(zf_bundle_close(b, &e), 0);
		CHECK_INT(unpack(bundle, ZF_BUNDLE_TAR_GZ, dir, sizeof(dir)),
		    0);
		snprintf(path, sizeof(path), "%s/data/a.txt", dir);
		/* File systems keep times up to 2038 at least. */
		if (days[i].midnight <= INT32_MAX)
			CHECK(stat(path, &st) == 0 &&
			    st.st_mtime == days[i].midnight);
		run("rm -rf '%s' '%s'", bundle, dir);
	}
}

static void
test_refusals(int format)
{
	static const char *const bad[] = {
		"../x", "/x", "a//b", "a\\b", "", ".", "..", "a/./b", "a/..",
		"a/", "./a", "x\ny", "tab\tname", "\xff\xfe", "\xc0\xaf",
		"del\x7f", "\xc2\x85next-line", NULL
	};
	static const char *const bad_tags[] = {
		"bagit.txt", "bag-info.txt", "Bag-Info.TXT", "fetch.txt",
		"manifest-sha256.txt", "manifest-md5.txt",
		"tagmanifest-sha256.txt", "data", "data/x", "Data/x",
		"bagit.txt/x", "manifest-sha256.txt/x", "../x", "/x", NULL
	};
	char bundle[512], dir[600], path[800], *text;
	struct zf_bundle *b = NULL;
	struct zf_err e;
	int fd, pipefd[2], i;

	bundle_path(bundle, sizeof(bundle), "refusals", format);
	CHECK_INT(zf_bundle_open(bundle, format, NULL, &b, &e), 0);
	if (b == NULL)
		return;
	fd = open(big, O_RDONLY);
	for (i = 0; bad[i] != NULL; i++) {
		CHECK_INT(zf_bundle_add(b, bad[i], "x", 1, &e), EX_DATAERR);
		CHECK_INT(zf_bundle_add_fd(b, bad[i], fd, &e), EX_DATAERR);
		CHECK_INT(zf_bundle_add_tag(b, bad[i], "x", 1, &e),
		    EX_DATAERR);
	}
	/* The descriptor was not read by the refusals. */
	CHECK(lseek(fd, 0, SEEK_CUR) == 0);
	close(fd);
	for (i = 0; bad_tags[i] != NULL; i++)
		CHECK_INT(zf_bundle_add_tag(b, bad_tags[i], "x", 1, &e),
		    EX_DATAERR);
	CHECK_INT(zf_bundle_add(b, "dup.txt", "one\n", 4, &e), 0);
	CHECK_INT(zf_bundle_add(b, "dup.txt", "two\n", 4, &e), EX_DATAERR);
	fd = open(big, O_RDONLY);
	CHECK_INT(zf_bundle_add_fd(b, "dup.txt", fd, &e), EX_DATAERR);
	close(fd);
	/* A file and a folder cannot share a name, either way round. */
	CHECK_INT(zf_bundle_add(b, "a", "a\n", 2, &e), 0);
	CHECK_INT(zf_bundle_add(b, "a/b", "b\n", 2, &e), EX_DATAERR);
	CHECK_INT(zf_bundle_add(b, "d/e", "e\n", 2, &e), 0);
	CHECK_INT(zf_bundle_add(b, "d", "d\n", 2, &e), EX_DATAERR);
	/* Names that one file system takes for one. */
	CHECK_INT(zf_bundle_add(b, "DUP.txt", "x\n", 2, &e), EX_DATAERR);
	CHECK(strstr(e.msg, "only in case") != NULL);
	CHECK_INT(zf_bundle_add(b, "D/f", "f\n", 2, &e), EX_DATAERR);
	CHECK_INT(zf_bundle_add(b, "A/b", "b\n", 2, &e), EX_DATAERR);
	/* Tag files have their own names at the top. */
	CHECK_INT(zf_bundle_add_tag(b, "dup.txt", "tag\n", 4, &e), 0);
	CHECK_INT(zf_bundle_add_tag(b, "dup.txt", "tag\n", 4, &e),
	    EX_DATAERR);
	/* Only regular files: their size goes before their bytes. */
	CHECK(pipe(pipefd) == 0);
	CHECK_INT(zf_bundle_add_fd(b, "pipe.bin", pipefd[0], &e), EX_DATAERR);
	close(pipefd[0]);
	close(pipefd[1]);
	fd = open(root, O_RDONLY | O_DIRECTORY);
	CHECK_INT(zf_bundle_add_fd(b, "folder", fd, &e), EX_DATAERR);
	close(fd);
	/* The refused names are still free once they are fixed. */
	CHECK_INT(zf_bundle_add(b, "pipe.bin", "p\n", 2, &e), 0);
	CHECK_INT(zf_bundle_close(b, &e), 0);

	CHECK_INT(unpack(bundle, format, dir, sizeof(dir)), 0);
	CHECK_INT(run("cd '%s' && sha256sum --quiet --strict -c "
	    "manifest-sha256.txt && sha256sum --quiet --strict -c "
	    "tagmanifest-sha256.txt", dir), 0);
	snprintf(path, sizeof(path), "%s/manifest-sha256.txt", dir);
	text = slurp(path);
	CHECK_INT(count_lines(text), 4);
	free(text);
	snprintf(path, sizeof(path), "%s/data", dir);
	CHECK_INT(count_entries(path), 4);
	/* bagit.txt, bag-info, the manifests, dup.txt and data/. */
	CHECK_INT(count_entries(dir), 6);
	snprintf(path, sizeof(path), "%s/dup.txt", dir);
	text = slurp(path);
	CHECK_STR(text, "tag\n");
	free(text);
	snprintf(path, sizeof(path), "%s/data/dup.txt", dir);
	text = slurp(path);
	CHECK_STR(text, "one\n");
	free(text);
	snprintf(path, sizeof(path), "%s/bag-info.txt", dir);
	text = slurp(path);
	CHECK(strstr(text, "Payload-Oxum: 10.4\n") != NULL);
	free(text);
}

static void
test_abort(int format)
{
	char sub[512], bundle[600];
	struct zf_bundle *b = NULL;
	struct zf_err e;
	int fd;

	snprintf(sub, sizeof(sub), "%s/abort-%d", root, format);
	CHECK(mkdir(sub, 0755) == 0);
	snprintf(bundle, sizeof(bundle), "%s/bag", sub);

	/* Straight after opening. */
	CHECK_INT(zf_bundle_open(bundle, format, BAG_INFO, &b, &e), 0);
	CHECK_INT(count_entries(sub), 1);
	zf_bundle_abort(b);
	CHECK_INT(count_entries(sub), 0);

	/* With files in it, some in folders, one streamed. */
	CHECK_INT(zf_bundle_open(bundle, format, BAG_INFO, &b, &e), 0);
	CHECK_INT(zf_bundle_add(b, CHINESE, HTML, strlen(HTML), &e), 0);
	fd = open(big, O_RDONLY);
	CHECK_INT(zf_bundle_add_fd(b, "deep/er/video.mp4", fd, &e), 0);
	close(fd);
	CHECK_INT(zf_bundle_add_tag(b, "signatures/a.sig", "s\n", 2, &e), 0);
	CHECK_INT(zf_bundle_add(b, "../escape", "x", 1, &e), EX_DATAERR);
	CHECK_INT(count_entries(sub), 1);
	zf_bundle_abort(b);
	CHECK_INT(count_entries(sub), 0);
	CHECK(!exists(bundle));
	CHECK(rmdir(sub) == 0);
	zf_bundle_abort(NULL);
}

int
main(void)
{
	const char *tmpdir = getenv("TMPDIR");
	int format;

	CHECK_PLAN(714);

	snprintf(root, sizeof(root), "%s/t-bundle-XXXXXX",
	    tmpdir != NULL && *tmpdir != '\0' ? tmpdir : "/tmp");
	if (mkdtemp(root) == NULL) {
		perror("t-bundle: mkdtemp");
		return 1;
	}
	/* Beside the folder, which holds only what the bundles leave. */
	snprintf(big, sizeof(big), "%s.big", root);
	make_big(big);

	test_format_parse();
	test_dates();
	for (format = ZF_BUNDLE_DIR; format <= ZF_BUNDLE_ZIP; format++) {
		test_abort(format);
		test_existing(format);
		test_bad_bag_info(format);
		test_format(format);
		test_refusals(format);
		if (format != ZF_BUNDLE_DIR)
			test_reproducible(format);
	}
	run("rm -rf '%s' '%s'", root, big);
	return check_report("t-bundle");
}
