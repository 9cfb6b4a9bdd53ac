/* evidence: recording files with a case and journaling every read. */
#include "cases/evidence.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record/archive.h"
#include "base/buf.h"
#include "cases/case.h"
#include "record/db.h"
#include "record/journal.h"
#include "base/json.h"
#include "record/object.h"
#include "base/text.h"
#include "cases/may.h"
#include "base/when.h"

static const char *const kinds[] = { "document", "photo", "audio", "video",
    "record", "other", NULL };
static const char *const accesses[] = { "public", "restricted", "secret",
    NULL };
static const char *const secret_kinds[] = { "state", "commercial",
    "privacy", NULL };

static int
check_text(struct zf_archive *a, const char *what, const char *s)
{
	struct zf_err *e = zf_archive_err(a);
	const char *why;

	if (s != NULL && zf_text_check(s, 1000, 0, &why) != 0)
		return zf_fail(e, EX_DATAERR, "%s %s", what, why);
	return 0;
}

/* Checks the input and that the actor may add evidence to the case. */
/*
 * The checks that can refuse evidence; the acting person's right to add
 * it too, unless the verb whose document it is has checked its own
 * (own_act: a step, a decision, a review's opinion).
 */
static int
check(struct zf_archive *a, const char *case_id,
    const struct zf_evidence_input *in, int own_act)
{
	const struct zf_person *p = zf_archive_person(a);
	struct zf_err *e = zf_archive_err(a);
	struct zf_time t;
	int rc;

	if ((rc = zf_case_exists(a, case_id)) <= 0)
		return rc < 0 ? e->code : zf_fail(e, EX_NOINPUT,
		    "no case '%s'", case_id);
	if (in->kind != NULL && !zf_case_one_of(in->kind, kinds))
		return zf_fail(e, EX_DATAERR, "evidence kind '%s' is not "
		    "one of document, photo, audio, video, record, other",
		    in->kind);
	if (in->access != NULL && !zf_case_one_of(in->access, accesses))
		return zf_fail(e, EX_DATAERR, "access '%s' is not one of "
		    "public, restricted, secret", in->access);
	if (in->secret_kind != NULL && !zf_case_one_of(in->secret_kind,
	    secret_kinds))
		return zf_fail(e, EX_DATAERR, "secret kind '%s' is not "
		    "one of state, commercial, privacy", in->secret_kind);
	if (in->secret_kind != NULL && in->access != NULL &&
	    strcmp(in->access, "public") == 0)
		return zf_fail(e, EX_DATAERR, "evidence marked as a %s "
		    "secret cannot be public", in->secret_kind);
	if (in->recorded_at != NULL && zf_time_parse(in->recorded_at, &t) != 0)
		return zf_fail(e, zf_when_refusal(in->recorded_at, 1),
		    "recording time '%s' is not an RFC 3339 time such as "
		    "2026-11-20T10:02:11+08:00", in->recorded_at);
	if (in->recorded_at != NULL &&
	    t.unix > zf_archive_now(a)->unix + 300)
		return zf_fail(e, EX_DATAERR, "recording time '%s' is in the "
		    "future", in->recorded_at);
	if (in->recorded_by != NULL &&
	    zf_config_person(zf_archive_config(a), in->recorded_by) == NULL)
		return zf_fail(e, EX_NOPERM, "'%s' (recorded by) is not "
		    "a person in %s", in->recorded_by,
		    zf_archive_config(a)->path);
	if ((rc = check_text(a, "title", in->title)) != 0 ||
	    (rc = check_text(a, "file name", in->name)) != 0 ||
	    (rc = check_text(a, "stage", in->stage)) != 0 ||
	    (rc = check_text(a, "device", in->device)) != 0 ||
	    (rc = check_text(a, "location", in->location)) != 0)
		return rc;
	if (p == NULL)
		return zf_fail(e, EX_NOPERM, "nobody is acting");
	if (own_act)
		return 0;
	return zf_case_may(a, case_id, ZF_ACT_EVIDENCE, zf_archive_today(a));
}

static void
set_opt(struct zf_json *o, const char *key, const char *value)
{
	if (value != NULL && value[0] != '\0')
		zf_json_set_str(o, key, value);
}

/*
 * Journals a stored file as evidence of the case, inside the caller's
 * write transaction.  *id gets the evidence id (malloc'd).
 */
static int
record(struct zf_archive *a, const char *case_id,
    const struct zf_evidence_input *in, const struct zf_stored *s, char **id,
    int own_act)
{
	struct zf_json *data;
	char hex[ZF_DIGEST_HEX];
	int year, month, day, rc;
	int64_t n = 0;

	*id = NULL;
	if ((rc = check(a, case_id, in, own_act)) != 0)
		return rc;
	zf_date_ymd(zf_archive_today(a), &year, &month, &day);
	if ((rc = zf_db_int(zf_archive_db(a), "SELECT coalesce(max(n), 0) + 1 "
	    "FROM evidence WHERE year = ?", year, &n, zf_archive_err(a))) != 0)
		return rc;
	*id = xasprintf("E%d-%05lld", year, (long long)n);
	zf_hex(s->digest, ZF_DIGEST_LEN, hex);
	data = zf_json_object();
	zf_json_set_str(data, "id", *id);
	zf_json_set_int(data, "year", year);
	zf_json_set_int(data, "n", n);
	zf_json_set_str(data, "digest", hex);
	zf_hex(s->sha256, ZF_DIGEST_LEN, hex);
	zf_json_set_str(data, "sha256", hex);
	zf_json_set_int(data, "size", (int64_t)s->size);
	zf_json_set_str(data, "kind", in->kind ? in->kind : "document");
	zf_json_set_str(data, "title", in->title ? in->title :
	    in->name ? in->name : *id);
	zf_json_set_str(data, "access", in->access ? in->access :
	    "restricted");
	set_opt(data, "name", in->name);
	set_opt(data, "stage", in->stage);
	set_opt(data, "recorded_by", in->recorded_by);
	set_opt(data, "recorded_at", in->recorded_at);
	set_opt(data, "device", in->device);
	set_opt(data, "location", in->location);
	set_opt(data, "secret_kind", in->secret_kind);
	rc = zf_journal_append(a, "evidence.added", case_id, data, NULL);
	if (rc != 0) {
		free(*id);
		*id = NULL;
	}
	return rc;
}

/* Public evidence anyone of the agency reads; the rest, as the table says. */
static int
may_read(struct zf_archive *a, const char *case_id, const char *access)
{
	return zf_case_may(a, case_id, strcmp(access, "public") == 0 ?
	    ZF_ACT_READ_PUBLIC : strcmp(access, "secret") == 0 ?
	    ZF_ACT_READ_SECRET : ZF_ACT_READ_RESTRICTED, zf_archive_today(a));
}

int
zf_evidence_open(struct zf_archive *a, const char *id, const char *reason,
    int *fd, uint8_t digest[ZF_DIGEST_LEN], uint64_t *size)
{
	const struct zf_person *p = zf_archive_person(a);
	struct zf_err *e = zf_archive_err(a);
	static const char sql[] = "SELECT case_id, digest, size, access "
	    "FROM evidence WHERE id = ?";
	sqlite3_stmt *st;
	struct zf_json *data;
	char *case_id = NULL, *hex = NULL, *access = NULL;
	const char *why;
	int rc;

	*fd = -1;
	if (reason == NULL || reason[strspn(reason, " \t\n\r")] == '\0')
		return zf_fail(e, EX_USAGE, "a reason is required: every "
		    "read of evidence is recorded with who, when and why");
	if (zf_text_check(reason, 1000, 0, &why) != 0)
		return zf_fail(e, EX_DATAERR, "reason %s", why);
	if (p == NULL)
		return zf_fail(e, EX_NOPERM, "nobody is acting");
	if ((rc = zf_archive_begin(a)) != 0)
		return rc;
	if ((st = zf_db_stmt(zf_archive_db(a), sql, e)) == NULL) {
		rc = e->code;
		goto fail;
	}
	zf_db_bind_text(st, 1, id);
	if ((rc = zf_db_row(zf_archive_db(a), st, e,
	    "cannot read evidence")) != 1) {
		rc = rc < 0 ? e->code : zf_fail(e, EX_NOINPUT,
		    "no evidence '%s'", id);
		goto fail;
	}
	case_id = xstrdup((const char *)sqlite3_column_text(st, 0));
	hex = xstrdup((const char *)sqlite3_column_text(st, 1));
	*size = (uint64_t)sqlite3_column_int64(st, 2);
	access = xstrdup((const char *)sqlite3_column_text(st, 3));
	sqlite3_reset(st);
	if ((rc = may_read(a, case_id, access)) != 0)
		goto fail;
	if (zf_unhex(hex, digest, ZF_DIGEST_LEN) != 0) {
		rc = zf_fail(e, EX_DATAERR, "evidence %s has a malformed "
		    "digest: run archive-verify", id);
		goto fail;
	}
	if ((rc = zf_object_open(a, hex, fd)) != 0)
		goto fail;
	data = zf_json_object();
	zf_json_set_str(data, "evidence", id);
	zf_json_set_str(data, "reason", reason);
	if ((rc = zf_journal_append(a, "evidence.read", case_id, data,
	    NULL)) != 0 || (rc = zf_archive_commit(a)) != 0)
		goto fail_open;
	goto out;
fail_open:
	close(*fd);
	*fd = -1;
fail:
	zf_archive_abort(a);
out:
	free(case_id);
	free(hex);
	free(access);
	return rc;
}

/* How the storing of one file goes, for zf_object_put_fd. */
struct progress {
	zf_evidence_progress_fn fn;
	void *ctx;
	const char *file;
};

static void
tell(void *arg, uint64_t done)
{
	struct progress *p = arg;

	p->fn(p->ctx, p->file, done, 0);
}

/* Stores what fd holds; label names it in messages. */
static int
store_fd(struct zf_archive *a, int fd, const char *label, const char *name,
    struct zf_stored *s, struct progress *p)
{
	int rc;

	memset(s, 0, sizeof(*s));
	rc = zf_object_put_fd(a, fd, label, s->digest, s->sha256, &s->size,
	    p != NULL ? tell : NULL, p);
	if (p != NULL)
		p->fn(p->ctx, label, s->size, 1);
	if (rc == 0 && name != NULL)
		s->name = xstrdup(name);
	return rc;
}

static int
open_file(struct zf_archive *a, const char *path, int *fd)
{
	if ((*fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return zf_fail(zf_archive_err(a), errno == ENOENT ?
		    EX_NOINPUT : EX_IOERR, "cannot read '%s': %s", path,
		    strerror(errno));
	return 0;
}

static const char *
last_part(const char *path)
{
	const char *base = strrchr(path, '/');

	return base != NULL ? base + 1 : path;
}

/* Stores the file at path; EX_NOINPUT when it is missing. */
static int
store_file(struct zf_archive *a, const char *path, struct zf_stored *s)
{
	int fd, rc;

	memset(s, 0, sizeof(*s));
	/* Its name is recorded: refused before a byte is stored. */
	if ((rc = check_text(a, "file name", last_part(path))) != 0 ||
	    (rc = open_file(a, path, &fd)) != 0)
		return rc;
	rc = store_fd(a, fd, path, last_part(path), s, NULL);
	close(fd);
	return rc;
}

/* Stores bytes made by zhifa itself, named name. */
static int
store_text(struct zf_archive *a, const char *text, size_t len,
    const char *name, struct zf_stored *s)
{
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = zf_object_put_mem(a, text, len, s->digest)) != 0)
		return rc;
	zf_digest_buf(ZF_SUITE_SHA256_ED25519, text, len, s->sha256);
	s->size = len;
	s->name = xstrdup(name);
	return 0;
}

static void
stored_release(struct zf_stored *s)
{
	free(s->name);
	s->name = NULL;
}

int
zf_evidence_doc_store(struct zf_archive *a, struct zf_evidence_doc *d)
{
	if (d->file != NULL)
		return store_file(a, d->file, &d->stored);
	if (d->text != NULL)
		return store_text(a, d->text, d->len ? d->len :
		    strlen(d->text), d->name, &d->stored);
	return 0;
}

int
zf_evidence_doc_record(struct zf_archive *a, const char *case_id,
    struct zf_evidence_doc *d)
{
	struct zf_evidence_input in;

	if (d->file == NULL && d->text == NULL)
		return 0;
	memset(&in, 0, sizeof(in));
	in.kind = "document";
	in.title = d->title;
	in.name = d->stored.name;
	in.stage = d->stage;
	return record(a, case_id, &in, &d->stored, &d->id, 1);
}

void
zf_evidence_doc_release(struct zf_evidence_doc *d)
{
	stored_release(&d->stored);
	free(d->id);
	d->id = NULL;
}

int
zf_evidence_doc_act(struct zf_archive *a, const char *case_id,
    struct zf_evidence_doc *d, zf_evidence_act_fn fn, void *arg)
{
	int rc;

	if ((rc = zf_evidence_doc_store(a, d)) != 0 ||
	    (rc = zf_archive_begin(a)) != 0)
		return rc;
	if ((rc = zf_evidence_doc_record(a, case_id, d)) == 0)
		rc = fn(a, case_id, d->id, arg);
	return zf_case_commit(a, rc);
}

/* Stores every file, after opening them all: one missing changes nothing. */
static int
store_files(struct zf_archive *a, struct zf_evidence_file *files, size_t n,
    zf_evidence_progress_fn progress, void *ctx)
{
	struct progress p;
	int *fds = xmalloc(n * sizeof(*fds)), rc = 0;
	size_t i;

	for (i = 0; i < n; i++)
		fds[i] = -1;
	/* The names are recorded: each refused before a byte is stored. */
	for (i = 0; i < n && rc == 0; i++)
		if (strcmp(files[i].path, "-") != 0 || files[i].name != NULL)
			rc = check_text(a, "file name", files[i].name != NULL ?
			    files[i].name : last_part(files[i].path));
	for (i = 0; i < n && rc == 0; i++) {
		if (strcmp(files[i].path, "-") == 0)
			fds[i] = 0;
		else
			rc = open_file(a, files[i].path, &fds[i]);
	}
	for (i = 0; i < n && rc == 0; i++) {
		int in = strcmp(files[i].path, "-") == 0;

		p.fn = progress;
		p.ctx = ctx;
		p.file = in ? "stdin" : files[i].path;
		rc = store_fd(a, fds[i], p.file, files[i].name != NULL ?
		    files[i].name : in ? NULL : last_part(files[i].path),
		    &files[i].stored, progress != NULL ? &p : NULL);
	}
	for (i = 0; i < n; i++)
		if (fds[i] > 0)
			close(fds[i]);
	free(fds);
	return rc;
}

int
zf_evidence_add(struct zf_archive *a, const char *case_id,
    const struct zf_evidence_input *in, struct zf_evidence_file *files,
    size_t n, zf_evidence_progress_fn progress, void *ctx)
{
	struct zf_evidence_input one = *in;
	size_t i;
	int rc;

	/* Refuse before hashing gigabytes, and again inside the commit. */
	if ((rc = check(a, case_id, in, 0)) != 0 ||
	    (rc = store_files(a, files, n, progress, ctx)) != 0 ||
	    (rc = zf_archive_begin(a)) != 0)
		return rc;
	for (i = 0; i < n && rc == 0; i++) {
		one.name = files[i].stored.name;
		rc = record(a, case_id, &one, &files[i].stored, &files[i].id,
		    0);
	}
	return zf_case_commit(a, rc);
}

void
zf_evidence_files_release(struct zf_evidence_file *files, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		stored_release(&files[i].stored);
		free(files[i].id);
		files[i].id = NULL;
	}
}
