/* draw: the 双随机 draw's commitment and draw, journaled (draw.h). */
#include "cases/draw.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/err.h"
#include "base/io.h"
#include "base/json.h"
#include "base/text.h"
#include "base/when.h"
#include "cases/case.h"
#include "record/archive.h"
#include "record/db.h"
#include "record/journal.h"
#include "record/object.h"
#include "rules/config.h"
#include "rules/permissions.h"
#include "base/i18n.h"

#define SHA256 ZF_SUITE_SHA256_ED25519
#define DIRECTORY_MAX (64u << 20)

/* The directory at path: its bytes, parsed, and its SHA-256 as hex. */
static int
read_directory(struct zf_archive *a, const char *path, struct zf_buf *b,
    struct zf_draw_target **t, size_t *nt, char sha[65])
{
	struct zf_err *e = zf_archive_err(a);
	const char *base = strrchr(path, '/');
	int rc;

	if (zf_read_file(AT_FDCWD, path, DIRECTORY_MAX, b) != 0)
		return zf_fail(e, errno == ENOENT ? EX_NOINPUT : errno ==
		    EFBIG ? EX_DATAERR : errno == EISDIR ? EX_DATAERR :
		    EX_IOERR, "cannot read the directory of targets '%s': %s",
		    path, errno == EFBIG ? "larger than 64 MiB" :
		    strerror(errno));
	if ((rc = zf_draw_targets_parse(base ? base + 1 : path, b->data,
	    b->len, t, nt, e)) != 0)
		return rc;
	free(zf_draw_targets_canonical(*t, *nt, sha));
	return 0;
}

/*
 * The officers qualified today (执法人员名录库): officers whose 执法证 is
 * valid, with their fields and declared conflicts, ordered by id.
 */
static struct zf_json *
qualified(struct zf_archive *a)
{
	const struct zf_config *c = zf_archive_config(a);
	int32_t today = zf_archive_today(a);
	struct zf_json *list = zf_json_array();
	size_t i, j, *order = xcalloc(c->npeople + 1, sizeof(*order)), n = 0;

	for (i = 0; i < c->npeople; i++)
		if (c->people[i].role == ZF_ROLE_OFFICER &&
		    zf_person_cert_valid(&c->people[i], today))
			order[n++] = i;
	/* By id: an insertion sort of a bureau's officers. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(c->people[order[j - 1]].id,
		    c->people[order[j]].id) > 0; j--) {
			size_t t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		const struct zf_person *p = &c->people[order[i]];
		struct zf_json *o = zf_json_object(), *f = zf_json_array();
		struct zf_json *cf = zf_json_array();

		for (j = 0; p->fields != NULL && p->fields[j] != NULL; j++)
			zf_json_push(f, zf_json_string(p->fields[j]));
		for (j = 0; p->conflicts != NULL && p->conflicts[j] != NULL;
		    j++)
			zf_json_push(cf, zf_json_string(p->conflicts[j]));
		zf_json_set_str(o, "id", p->id);
		zf_json_set_str(o, "name", p->name);
		zf_json_set_str(o, "certificate", p->certificate);
		zf_json_set(o, "fields", f);
		zf_json_set(o, "conflicts", cf);
		zf_json_push(list, o);
	}
	free(order);
	return list;
}

/*
 * The dates YYYY-MM-DD text names (not inside a longer run of digits):
 * *latest the last of them, *earliest the first; -1 when none.
 */
static int
named_days(const char *text, int32_t *earliest, int32_t *latest)
{
	const char *p;
	int found = 0;

	for (p = text; strlen(p) >= 10; p++) {
		char d[11];
		int32_t day;

		if ((p > text && p[-1] >= '0' && p[-1] <= '9') ||
		    (p[10] >= '0' && p[10] <= '9'))
			continue;
		memcpy(d, p, 10);
		d[10] = '\0';
		if (zf_date_parse(d, &day) != 0)
			continue;
		if (!found || day < *earliest)
			*earliest = day;
		if (!found || day > *latest)
			*latest = day;
		found = 1;
	}
	return found ? 0 : -1;
}

static int
may_draw(struct zf_archive *a)
{
	return zf_may(zf_archive_config(a), zf_archive_person(a), ZF_ACT_DRAW,
	    NULL, zf_archive_err(a));
}

int
zf_draw_commit(struct zf_archive *a, const char *path, long count,
    long inspectors, const char *randomness, int64_t *seq,
    struct zf_json **record)
{
	struct zf_err *e = zf_archive_err(a);
	struct zf_draw_target *t = NULL;
	struct zf_json *c = NULL, *officers = NULL, *targets, *data, *result;
	uint8_t digest[ZF_DIGEST_LEN];
	char sha[65], hex[65], day[11], dhex[ZF_DIGEST_HEX];
	const char *why, *base = strrchr(path, '/');
	struct zf_buf b;
	int32_t when, first;
	int64_t next = 0;
	size_t nt = 0;
	int rc;

	*record = NULL;
	if ((rc = may_draw(a)) != 0)
		return rc;
	if (randomness == NULL || zf_text_check(randomness, 1000, 0,
	    &why) != 0)
		return zf_fail(e, EX_DATAERR, "--randomness %s", randomness ?
		    why : _("is required"));
	if (named_days(randomness, &first, &when) != 0 ||
	    first <= zf_archive_today(a))
		return zf_fail(e, EX_DATAERR, "--randomness must name a value "
		    "that does not exist yet and the date it becomes known, "
		    "after today (YYYY-MM-DD), and no date before: '%s'",
		    randomness);
	if (count < 1 || inspectors < 2 ||
	    inspectors > ZF_DRAW_MAX_INSPECTORS)
		return zf_fail(e, EX_USAGE, "draw at least one target, with "
		    "2 to %d inspectors each (行政处罚法第四十二条: 执法人员"
		    "不得少于两人)", ZF_DRAW_MAX_INSPECTORS);
	zf_buf_init(&b);
	if ((rc = read_directory(a, path, &b, &t, &nt, sha)) != 0)
		goto out;
	if ((size_t)count > nt) {
		rc = zf_fail(e, EX_DATAERR, "the directory holds %zu targets, "
		    "fewer than the %ld to draw", nt, count);
		goto out;
	}
	officers = qualified(a);
	c = zf_json_object();
	zf_json_set_int(c, "v", 1);
	zf_json_set_str(c, "agency", zf_archive_config(a)->agency_name);
	zf_date_format(zf_archive_today(a), day);
	zf_json_set_str(c, "day", day);
	targets = zf_json_object();
	zf_json_set_str(targets, "name", base ? base + 1 : path);
	zf_json_set_str(targets, "sha256", sha);
	zf_json_set_int(targets, "count", (int64_t)nt);
	zf_json_set(c, "targets", targets);
	zf_json_set(c, "officers", officers);
	zf_json_set_int(c, "count", count);
	zf_json_set_int(c, "inspectors", inspectors);
	zf_json_set_str(c, "randomness", randomness);
	zf_date_format(when, day);
	zf_json_set_str(c, "available", day);
	/* Every target must be drawable, whatever the value. */
	{
		size_t i;

		for (i = 0; i < nt && rc == 0; i++)
			if (zf_draw_eligible(officers, &t[i], NULL) <
			    (size_t)inspectors)
				rc = zf_fail(e, EX_NOPERM, "target %s (%s) has "
				    "%zu qualified officers without a "
				    "conflict, fewer than %ld (行政处罚法"
				    "第四十二条; 回避: 第四十三条)", t[i].name,
				    t[i].code, zf_draw_eligible(officers,
				    &t[i], NULL), inspectors);
		if (rc != 0)
			goto out;
	}
	if ((rc = zf_archive_begin(a)) != 0)
		goto out;
	/* Its own event's number: no two commitments are the same. */
	if ((rc = zf_journal_size(a, &next)) != 0 ||
	    (rc = zf_object_put_mem(a, b.data, b.len, digest)) != 0) {
		zf_archive_abort(a);
		goto out;
	}
	zf_json_set_int(c, "seq", next);
	zf_draw_commitment_hash(c, hex);
	zf_hex(digest, ZF_DIGEST_LEN, dhex);
	data = zf_json_object();
	zf_json_set(data, "commitment", zf_json_copy(c));
	zf_json_set_str(data, "sha256", hex);
	zf_json_set_str(data, "object", dhex);
	zf_json_set_int(data, "size", (int64_t)b.len);
	if ((rc = zf_journal_append(a, "draw.committed", NULL, data,
	    seq)) != 0) {
		zf_archive_abort(a);
		goto out;
	}
	if ((rc = zf_archive_commit(a)) != 0)
		goto out;
	result = zf_json_object();
	zf_json_set(result, "commitment", c);
	zf_json_set_str(result, "sha256", hex);
	c = NULL;
	*record = result;
out:
	zf_json_free(c);
	zf_draw_targets_free(t, nt);
	zf_buf_release(&b);
	return rc;
}

/* The commitment of event seq: its data, with *drawn set when a draw
 * of it is journaled. */
static int
find_commitment(struct zf_archive *a, int64_t seq, struct zf_json **tree,
    int *drawn)
{
	static const char sql[] = "SELECT type, body FROM journal WHERE "
	    "seq = ?";
	static const char sql_drawn[] = "SELECT 1 FROM journal WHERE type = "
	    "'draw.made' AND json_extract(body, '$.data.committed') = ?";
	struct zf_db *db = zf_archive_db(a);
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	int rc;

	*tree = NULL;
	*drawn = 0;
	if (st == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, seq);
	rc = zf_db_row(db, st, e, "cannot read the journal");
	if (rc == 1 && strcmp(zf_db_text(st, 0), "draw.committed") == 0)
		*tree = zf_json_parse(zf_db_text(st, 1), strlen(zf_db_text(st,
		    1)), NULL, 0);
	sqlite3_reset(st);
	if (rc < 0)
		return e->code;
	if (*tree == NULL)
		return zf_fail(e, EX_NOPERM, "event %lld is no commitment of a "
		    "draw: a draw without its commitment is no random draw "
		    "(inspect-draw --commit first)", (long long)seq);
	if ((st = zf_db_stmt(db, sql_drawn, e)) == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, seq);
	rc = zf_db_row(db, st, e, "cannot read the journal");
	sqlite3_reset(st);
	if (rc < 0)
		return e->code;
	*drawn = rc == 1;
	return 0;
}

/* The directory a commitment stored (its data d), parsed. */
static int
stored_directory(struct zf_archive *a, const struct zf_json *d,
    struct zf_buf *b, struct zf_draw_target **t, size_t *nt, char sha[65])
{
	struct zf_err *e = zf_archive_err(a);
	const char *object = zf_json_get_str(d, "object");
	const char *name = zf_json_get_str(zf_json_get(zf_json_get(d,
	    "commitment"), "targets"), "name");
	int fd, rc;

	if (object == NULL)
		return zf_fail(e, EX_DATAERR, "the commitment names no stored "
		    "directory");
	if ((rc = zf_object_open(a, object, &fd)) != 0)
		return rc;
	rc = zf_read_fd(fd, DIRECTORY_MAX, b);
	close(fd);
	if (rc != 0)
		return zf_fail(e, EX_IOERR, "cannot read the stored directory "
		    "of targets: %s", strerror(errno));
	if ((rc = zf_draw_targets_parse(name ? name : "targets.csv", b->data,
	    b->len, t, nt, e)) != 0)
		return rc;
	free(zf_draw_targets_canonical(*t, *nt, sha));
	return 0;
}

/*
 * 双随机、一公开: the commitment was made public (an export of the site,
 * which lists it) after it was made and no later than the day its
 * randomness becomes known, so that nobody could make it again in
 * secret, and keep only the one whose draw suits.
 */
static int
published_before(struct zf_archive *a, int64_t seq, const char *available)
{
	static const char sql[] = "SELECT 1 FROM journal WHERE seq > ?1 AND "
	    "type = 'publication.exported' AND substr(time, 1, 10) <= ?2 AND "
	    "json_extract(body, '$.data.audience') = 'public' LIMIT 1";
	struct zf_db *db = zf_archive_db(a);
	struct zf_err *e = zf_archive_err(a);
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	int rc;

	if (st == NULL)
		return e->code;
	sqlite3_bind_int64(st, 1, seq);
	zf_db_bind_text(st, 2, available);
	rc = zf_db_row(db, st, e, "cannot read the journal");
	sqlite3_reset(st);
	if (rc < 0)
		return e->code;
	if (rc == 0)
		return zf_fail(e, EX_NOPERM, "commitment %lld was not "
		    "published before its randomness became known: "
		    "publish-export after the commitment, on or before %s, "
		    "puts it on the site (双随机、一公开: the commitment is "
		    "public before the draw)", (long long)seq, available);
	return 0;
}

/* The party's kind by its code: 个体工商户 are registered under 92. */
static const char *
party_kind(const char *code)
{
	return strncmp(code, "92", 2) == 0 ? "business" : "org";
}

int
zf_draw_make(struct zf_archive *a, int64_t seq, const char *path,
    const char *value, struct zf_json **record)
{
	struct zf_err *e = zf_archive_err(a);
	struct zf_draw_target *t = NULL;
	struct zf_json *tree = NULL, *result = NULL, *now = NULL, *data;
	const struct zf_json *d, *c;
	const char *why;
	char sha[65], today[11];
	struct zf_buf b;
	size_t nt = 0, i;
	int rc, drawn;

	*record = NULL;
	if ((rc = may_draw(a)) != 0)
		return rc;
	if (value == NULL || zf_text_check(value, ZF_DRAW_VALUE_MAX, 0,
	    &why) != 0)
		return zf_fail(e, EX_DATAERR, "--value %s", value ? why :
		    "is required");
	if ((rc = find_commitment(a, seq, &tree, &drawn)) != 0)
		return rc;
	zf_buf_init(&b);
	d = zf_json_get(tree, "data");
	c = zf_json_get(d, "commitment");
	if (drawn) {
		rc = zf_fail(e, EX_NOPERM, "commitment %lld was drawn already: "
		    "a commitment is drawn once", (long long)seq);
		goto out;
	}
	zf_date_format(zf_archive_today(a), today);
	if (strcmp(today, zf_json_get_str(c, "available")) < 0) {
		rc = zf_fail(e, EX_NOPERM, "the randomness of commitment %lld "
		    "(%s) is not known before %s", (long long)seq,
		    zf_json_get_str(c, "randomness"), zf_json_get_str(c,
		    "available"));
		goto out;
	}
	if ((rc = published_before(a, seq, zf_json_get_str(c,
	    "available"))) != 0)
		goto out;
	if (path == NULL)
		rc = stored_directory(a, d, &b, &t, &nt, sha);
	else
		rc = read_directory(a, path, &b, &t, &nt, sha);
	if (rc != 0)
		goto out;
	if (strcmp(sha, zf_json_get_str(zf_json_get(c, "targets"),
	    "sha256")) != 0) {
		rc = zf_fail(e, EX_NOPERM, "the directory '%s' changed after "
		    "commitment %lld: its SHA-256 is %s, the commitment's %s; "
		    "commit again to draw from it", path, (long long)seq, sha,
		    zf_json_get_str(zf_json_get(c, "targets"), "sha256"));
		goto out;
	}
	now = qualified(a);
	{
		char *x = zf_json_canonical(now, NULL);
		char *y = zf_json_canonical(zf_json_get(c, "officers"), NULL);
		int same = strcmp(x, y) == 0;

		free(x);
		free(y);
		if (!same) {
			rc = zf_fail(e, EX_NOPERM, "the officers qualified "
			    "changed after commitment %lld (zhifa.yaml: "
			    "people, their certificates, fields or conflicts): "
			    "commit again", (long long)seq);
			goto out;
		}
	}
	if ((rc = zf_draw_compute(c, value, t, nt, &result, e)) != 0)
		goto out;
	if ((rc = zf_archive_begin(a)) != 0)
		goto out;
	for (i = 0; i < zf_json_len(result); i++) {
		struct zf_json *r = zf_json_at(result, i);
		const struct zf_draw_target *g;
		const struct zf_json *ids = zf_json_get(r, "inspectors");
		struct zf_case_input in;
		char *id = NULL, cause[256];
		int64_t k;
		size_t j;

		zf_json_get_int(r, "target", &k);
		g = &t[k];
		memset(&in, 0, sizeof(in));
		in.kind = "inspection";
		in.party = g->name;
		in.party_kind = party_kind(g->code);
		in.party_id = g->code;
		in.party_address = g->address;
		snprintf(cause, sizeof(cause), "双随机抽查%s%s", g->item ?
		    "：" : "", g->item ? g->item : "");
		in.cause = cause;
		in.field = g->field;
		in.source = "双随机抽查";
		for (j = 0; j < zf_json_len(ids); j++)
			in.officers[in.nofficers++] = zf_json_str(zf_json_at(
			    ids, j));
		if ((rc = zf_case_file(a, &in, &id)) != 0) {
			zf_archive_abort(a);
			goto out;
		}
		zf_json_set_str(r, "case", id);
		free(id);
	}
	data = zf_json_object();
	zf_json_set_int(data, "committed", seq);
	zf_json_set_str(data, "sha256", zf_json_get_str(d, "sha256"));
	zf_json_set_str(data, "value", value);
	zf_json_set(data, "result", zf_json_copy(result));
	if ((rc = zf_journal_append(a, "draw.made", NULL, data, NULL)) != 0) {
		zf_archive_abort(a);
		goto out;
	}
	if ((rc = zf_archive_commit(a)) != 0)
		goto out;
	*record = zf_json_object();
	zf_json_set(*record, "commitment", zf_json_copy(c));
	zf_json_set_str(*record, "sha256", zf_json_get_str(d, "sha256"));
	zf_json_set_str(*record, "value", value);
	zf_json_set(*record, "result", result);
	result = NULL;
out:
	zf_json_free(result);
	zf_json_free(now);
	zf_json_free(tree);
	zf_draw_targets_free(t, nt);
	zf_buf_release(&b);
	return rc;
}
