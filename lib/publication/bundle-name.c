/* bundle-name: what a file of a bag may be called, and the names taken. */
#include "publication/bundle-name.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "base/i18n.h"

#define NAME_BYTES_MAX 1024
#define PART_BYTES_MAX 255

/* Top-level names the bundle writes itself, or that no bag of ours has. */
static const char *const reserved_tags[] = {
	"bagit.txt", "bag-info.txt", "fetch.txt", NULL
};

/* Text */

static int
is_control(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/*
 * Checks the bytes of s: valid UTF-8 without control characters but
 * those in allowed.  Returns NULL or what is wrong.
 */
const char *
zf_bundle_name_text_problem(const char *s, const char *allowed)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s), n;
	uint32_t c;

	for (; left > 0; p += n, left -= n) {
		if ((n = zf_utf8_decode(p, left, &c)) == 0)
			return "is not valid UTF-8";
		if (is_control(c) && (c >= 0x80 || strchr(allowed, (int)c) ==
		    NULL))
			return _("has a control character");
	}
	return NULL;
}

/* Names */

/*
 * A name for a file in the bag: relative, '/'-separated parts that are
 * neither empty nor "." or "..", no backslash, UTF-8 without control
 * characters, within the lengths every file system takes.
 */
int
zf_bundle_name_check(const char *name, const char *what, struct zf_err *e)
{
	const char *part, *end, *problem;
	size_t len;

	if ((problem = zf_bundle_name_text_problem(name, "")) != NULL)
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

int
zf_bundle_name_check_tag(const char *name, struct zf_err *e)
{
	int rc;

	if ((rc = zf_bundle_name_check(name, "tag file", e)) != 0)
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

/* The set of names */

/*
 * Takes path for a file: refused when it is taken already, by a file or
 * a folder, or when one of its folders is a file (names compared without
 * ASCII case).  Nothing is taken unless all of it can be.
 */
void
zf_bundle_names_init(struct zf_bundle_names *n)
{
	zf_strset_init(&n->folders, ZF_STRSET_FOLD);
	zf_hashset_init(&n->files);
}

void
zf_bundle_names_release(struct zf_bundle_names *n)
{
	zf_strset_release(&n->folders);
	zf_hashset_release(&n->files);
}

static uint64_t
file_key(const char *name, size_t len)
{
	return zf_strset_hash(name, len, ZF_STRSET_FOLD);
}

static int
file_taken(const struct zf_bundle_names *n, const char *name, size_t len)
{
	return zf_hashset_has(&n->files, file_key(name, len));
}

void
zf_bundle_names_take_file(struct zf_bundle_names *n, const char *name)
{
	zf_hashset_add(&n->files, file_key(name, strlen(name)));
}

void
zf_bundle_names_take_folder(struct zf_bundle_names *n, const char *name)
{
	zf_strset_add(&n->folders, name, strlen(name), 0, NULL);
}

int
zf_bundle_names_claim(struct zf_bundle_names *n, const char *path,
    struct zf_err *e)
{
	const struct zf_strset_entry *folder;
	size_t len = strlen(path), i;

	for (i = 0; i < len; i++) {
		if (path[i] != '/')
			continue;
		if (file_taken(n, path, i))
			return zf_fail(e, EX_DATAERR, "cannot add '%s': '%.*s' "
			    "is a file already", path, (int)i, path);
		folder = zf_strset_find(&n->folders, path, i);
		if (folder != NULL && memcmp(folder->key, path, i) != 0)
			return zf_fail(e, EX_DATAERR, "cannot add '%s': its "
			    "folder '%.*s' differs from '%s' only in case, and "
			    "some systems take them for one name", path,
			    (int)i, path, folder->key);
	}
	if ((folder = zf_strset_find(&n->folders, path, len)) != NULL)
		return zf_fail(e, EX_DATAERR, "cannot add '%s': '%s' is a "
		    "folder already", path, folder->key);
	if (file_taken(n, path, len))
		return zf_fail(e, EX_DATAERR, "cannot add '%s': it is added "
		    "already, or differs from a name added only in case, and "
		    "some systems take them for one name", path);
	for (i = 0; i < len; i++)
		if (path[i] == '/')
			zf_strset_add(&n->folders, path, i, 0, NULL);
	zf_hashset_add(&n->files, file_key(path, len));
	return 0;
}
