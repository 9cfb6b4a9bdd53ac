/* verify: checking an archive from its journal outwards. */
#include "record/verify.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "record/archive.h"
#include "record/handle.h"
#include "base/buf.h"
#include "base/io.h"
#include "record/checkpoint.h"
#include "record/db.h"
#include "record/apply.h"
#include "record/journal.h"
#include "base/json.h"
#include "base/merkle.h"
#include "record/object.h"
#include "record/persons.h"
#include "record/publog.h"
#include "rules/config.h"
#include "rules/permissions.h"
#include "base/i18n.h"

#define HASH_CHUNK (1 << 20)

struct checker {
	struct zf_archive *a;
	const struct zf_verify_options *o;
	struct zf_verify_report *r;
	struct zf_db replay;
	/* The tree as recomputed: one pending subtree per level. */
	uint8_t frontier[64][ZF_DIGEST_LEN];
	uint64_t leaves;
	/* Sizes whose root is wanted, and the roots found. */
	uint64_t *sizes;
	uint8_t (*roots)[ZF_DIGEST_LEN];
	size_t nsizes;
	int tree_broken;
	/* Read before the snapshot, so never newer than it. */
	char *file_note, *witness_note;
	size_t file_len, witness_len;
	int witness_missing;
	/* The configuration in force, as the journal last recorded it. */
	char config[ZF_DIGEST_HEX];
	/* Who held which key, replayed from the journal itself. */
	struct zf_keyring *ring;
	int64_t unproven;	/* events before the first personal key */
	int64_t last_time;	/* the previous event's, as Unix time */
	int have_time;
	/* The agency key, as event 0 records it. */
	uint8_t pub[ZF_PUBKEY_MAX];
	size_t publen;
	/* The largest checkpoint the head said was lost to a restore. */
	uint64_t restored_size;
	int64_t restored_seq;
	/* The configuration in force, read from the object store. */
	struct zf_config *cfg;
};

/*
 * Steps a statement of the replay connection: 1 a row, 0 done, -1 an
 * error, which zf_verify reports when it is one of I/O.
 */
static int
row(struct checker *c, sqlite3_stmt *st)
{
	struct zf_err e;

	return zf_db_row(&c->replay, st, &e, "cannot read the archive");
}

static void
problem(struct checker *c, const char *code, const char *category,
    const char *what, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
problem(struct checker *c, const char *code, const char *category,
    const char *what, const char *fmt, ...)
{
	struct zf_json *p = zf_json_object();
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	zf_json_set_str(p, "code", code);
	zf_json_set_str(p, "severity", code[0] == 'E' ? "error" : "warning");
	zf_json_set_str(p, "category", category);
	zf_json_set_str(p, "what", what);
	zf_json_set_str(p, "message", msg);
	zf_json_push(c->r->problems, p);
	if (code[0] == 'E')
		c->r->errors++;
	else
		c->r->warnings++;
}

/* 四性 categories (DA/T 70): authenticity, integrity, usability, safety. */
#define AUTHENTIC "真实性"
#define COMPLETE "完整性"
#define USABLE "可用性"
#define SAFE "安全性"

static void
check_structure(struct checker *c)
{
	static const char *const required[] = { "zhifa.yaml", "zhifa.db",
	    "objects", "keys", "tmp", "lock", NULL };
	static const char *const allowed[] = { "zhifa.yaml", "zhifa.db",
	    "zhifa.db-wal", "zhifa.db-shm", "zhifa.db-journal", "checkpoint",
	    "objects", "keys", "tmp", "exports", "lock", NULL };
	struct dirent *de;
	DIR *d;
	int i, fd;

	for (i = 0; required[i] != NULL; i++)
		if (faccessat(c->a->dirfd, required[i], F_OK, 0) != 0)
			problem(c, "E001", COMPLETE, required[i], "missing");
	if ((fd = dup(c->a->dirfd)) < 0 || (d = fdopendir(fd)) == NULL)
		return;
	rewinddir(d);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(de->d_name, allowed[i]) == 0)
				break;
		if (allowed[i] == NULL)
			problem(c, "W002", USABLE, de->d_name, "an entry that "
			    "does not belong in an archive");
	}
	closedir(d);
}

static void
check_sqlite(struct checker *c)
{
	sqlite3_stmt *st;
	const char *sql = c->o->quick ? "PRAGMA live.quick_check" :
	    "PRAGMA live.integrity_check";

	if (sqlite3_prepare_v2(c->replay.h, sql, -1, &st, NULL) != SQLITE_OK) {
		problem(c, "E050", USABLE, "zhifa.db", "cannot check: %s",
		    sqlite3_errmsg(c->replay.h));
		return;
	}
	while (row(c, st) == 1) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		if (t != NULL && strcmp(t, "ok") != 0)
			problem(c, "E050", USABLE, "zhifa.db", "SQLite "
			    "integrity check: %s", t);
	}
	sqlite3_finalize(st);
}

/* The root of the recomputed tree of c->leaves leaves. */
static void
frontier_root(struct checker *c, uint8_t out[ZF_DIGEST_LEN])
{
	int level, have = 0;

	if (c->leaves == 0) {
		zf_digest_buf(c->a->suite, "", 0, out);
		return;
	}
	for (level = 0; level < 64; level++) {
		if (!(c->leaves >> level & 1))
			continue;
		if (!have) {
			memcpy(out, c->frontier[level], ZF_DIGEST_LEN);
			have = 1;
		} else {
			zf_merkle_node_hash(c->a->suite, c->frontier[level],
			    out, out);
		}
	}
}

static void
note_roots(struct checker *c)
{
	size_t i;

	for (i = 0; i < c->nsizes; i++)
		if (c->sizes[i] == c->leaves)
			frontier_root(c, c->roots[i]);
}

/* Compares the next stored tree hash (in index order) with want. */
static void
compare_stored(struct checker *c, sqlite3_stmt *tree, uint64_t idx,
    const uint8_t want[ZF_DIGEST_LEN])
{
	if (c->tree_broken)
		return;
	if (row(c, tree) != 1 ||
	    (uint64_t)sqlite3_column_int64(tree, 0) != idx) {
		problem(c, "E020", AUTHENTIC, "tree", "stored tree hash %llu "
		    "is missing", (unsigned long long)idx);
		c->tree_broken = 1;
		return;
	}
	if (sqlite3_column_bytes(tree, 1) != ZF_DIGEST_LEN ||
	    memcmp(sqlite3_column_blob(tree, 1), want, ZF_DIGEST_LEN) != 0) {
		problem(c, "E020", AUTHENTIC, "tree", "stored tree hash %llu "
		    "does not match the events", (unsigned long long)idx);
		c->tree_broken = 1;
	}
}

static void
add_leaf(struct checker *c, sqlite3_stmt *tree, const char *body,
    size_t len)
{
	uint8_t h[ZF_DIGEST_LEN];
	uint64_t idx = zf_merkle_stored_count(c->leaves);
	int level = 0;

	zf_merkle_leaf_hash(c->a->suite, body, len, h);
	compare_stored(c, tree, idx++, h);
	while (c->leaves >> level & 1) {
		zf_merkle_node_hash(c->a->suite, c->frontier[level], h, h);
		compare_stored(c, tree, idx++, h);
		level++;
	}
	memcpy(c->frontier[level], h, ZF_DIGEST_LEN);
	c->leaves++;
	note_roots(c);
}

static int
same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/*
 * Every event names the configuration in force when it was written; that
 * must be the one the journal last recorded (config.changed names its
 * own).  The first event precedes the first configuration.
 */
static void
check_config(struct checker *c, const struct zf_json *tree,
    const struct zf_event *ev, const char *what)
{
	const char *config = zf_json_get_str(tree, "config");

	if (strcmp(ev->type, "config.changed") == 0) {
		const char *digest = zf_json_get_str(ev->data, "digest");

		if (digest != NULL)
			snprintf(c->config, sizeof(c->config), "%s", digest);
	}
	if (ev->seq == 0 || c->config[0] == '\0')
		return;
	if (config == NULL || strcmp(config, c->config) != 0)
		problem(c, "E015", AUTHENTIC, what, "names a configuration "
		    "the journal never recorded as in force");
}

/* How many signatures a sigs column lists, or -1. */
static int
sig_count(const char *sigs)
{
	struct zf_json *v = sigs ? zf_json_parse(sigs, strlen(sigs), NULL,
	    0) : NULL;
	int n = v && zf_json_type(v) == ZF_JSON_ARRAY ?
	    (int)zf_json_len(v) : -1;

	zf_json_free(v);
	return n;
}

/*
 * The actor's signature over the event's hash, by the key the journal
 * says they held then (persons.h); events before any personal key was
 * registered are counted and reported once, as unproven.
 */
static void
check_signature(struct checker *c, sqlite3_stmt *st,
    const struct zf_event *ev, const char *what)
{
	const char *sigs = (const char *)sqlite3_column_text(st, 8);
	const char *vkey;
	char err[256];
	int rc;

	vkey = zf_keyring_signer(c->ring, ev->seq, ev->type, ev->actor,
	    ev->data);
	if (vkey == NULL && zf_keyring_count(c->ring) == 0 &&
	    zf_json_get(ev->data, "keys") == NULL) {
		c->unproven++;
	} else if (vkey == NULL) {
		problem(c, "E016", AUTHENTIC, what, "by %s, who held no "
		    "registered key then: who did it is not proven", ev->actor);
	} else if (sqlite3_column_bytes(st, 1) == ZF_DIGEST_LEN &&
	    (rc = zf_event_sig_check(c->a->suite, vkey,
	    sqlite3_column_blob(st, 1), sigs)) != 0) {
		problem(c, "E016", AUTHENTIC, what, "%s (%s, by %s)",
		    rc == 1 ? "is not signed by its actor's key" :
		    rc == 2 ? "has a signature of its actor that does not "
		    "verify" : "has malformed signatures", ev->type,
		    ev->actor);
	} else if (vkey != NULL && sig_count(sigs) != 1) {
		problem(c, "E016", AUTHENTIC, what, "carries signatures "
		    "beside its actor's (%s, by %s)", ev->type, ev->actor);
	}
	if (zf_keyring_apply(c->ring, ev->seq, ev->type, ev->data, err,
	    sizeof(err)) != 0)
		problem(c, "E016", AUTHENTIC, what, "%s", err);
}

/*
 * Keys, the configuration and restores are the head's alone, by the
 * configuration in force before the event (the first two events, which
 * make the archive, are the head's by the file they journal).
 */
static void
check_role(struct checker *c, const struct zf_event *ev, const char *what)
{
	enum zf_act act = zf_event_head_act(ev->type);
	struct zf_err e;

	if (act == ZF_NACTS || ev->seq <= 1 || c->cfg == NULL)
		return;
	if (zf_may(c->cfg, zf_config_person(c->cfg, ev->actor), act, NULL,
	    &e) != 0)
		problem(c, "E029", AUTHENTIC, what, "%s (%s, by %s): %s",
		    "recorded by someone who may not", ev->type, ev->actor,
		    e.msg);
}

/* The configuration a config.changed event puts in force. */
static void
load_config(struct checker *c, const char *hex, const char *what)
{
	struct zf_config *cfg;

	if (zf_object_config(c->a, hex, &cfg) != 0) {
		problem(c, "E015", AUTHENTIC, what, "its configuration cannot "
		    "be read: %s", c->a->err.msg);
		return;
	}
	zf_config_free(c->cfg);
	c->cfg = cfg;
}

/* Recording times never go back, except a drill's set clock. */
static void
check_time(struct checker *c, const struct zf_event *ev, const char *what)
{
	struct zf_time t;

	if (ev->time == NULL || zf_time_parse(ev->time, &t) != 0)
		return;
	if (c->have_time && t.unix < c->last_time && !c->a->drill)
		problem(c, "E018", AUTHENTIC, what, "was recorded at %s, "
		    "before the event preceding it: the clock went back",
		    ev->time);
	c->last_time = t.unix;
	c->have_time = 1;
}

/* The agency key checkpoints are checked with: event 0's. */
static void
genesis_key(struct checker *c, const struct zf_event *ev)
{
	const char *pub64 = zf_json_get_str(ev->data, "pubkey");
	long n;

	if (pub64 == NULL || (n = zf_base64_decode(pub64, strlen(pub64),
	    c->pub, sizeof(c->pub))) <= 0) {
		problem(c, "E025", AUTHENTIC, "event 0", "records no agency "
		    "key");
		return;
	}
	c->publen = (size_t)n;
}

static void
check_event(struct checker *c, sqlite3_stmt *st, int64_t expect,
    uint8_t prev[ZF_DIGEST_LEN])
{
	int64_t seq = sqlite3_column_int64(st, 0);
	const char *body = (const char *)sqlite3_column_text(st, 7);
	size_t len = (size_t)sqlite3_column_bytes(st, 7), clen = 0;
	uint8_t h[ZF_DIGEST_LEN];
	char what[32], prevhex[ZF_DIGEST_HEX], *canon = NULL;
	struct zf_json *tree = NULL;
	struct zf_event ev;
	struct zf_err e;

	snprintf(what, sizeof(what), "event %lld", (long long)seq);
	if (seq != expect)
		problem(c, "E010", COMPLETE, what, "expected event %lld here: "
		    "%lld event(s) missing", (long long)expect,
		    (long long)(seq - expect));
	if (body == NULL)
		body = "";
	zf_digest_buf(c->a->suite, body, len, h);
	if (sqlite3_column_bytes(st, 1) != ZF_DIGEST_LEN ||
	    memcmp(sqlite3_column_blob(st, 1), h, ZF_DIGEST_LEN) != 0)
		problem(c, "E011", AUTHENTIC, what, "its content does not "
		    "match its hash: the event was changed");
	if (sqlite3_column_bytes(st, 2) != ZF_DIGEST_LEN ||
	    memcmp(sqlite3_column_blob(st, 2), prev, ZF_DIGEST_LEN) != 0)
		problem(c, "E012", AUTHENTIC, what, "the chain is broken: its "
		    "link does not name the event before it");
	if (zf_event_decode(body, len, &tree, &ev, &e) != 0) {
		problem(c, "E013", AUTHENTIC, what, "cannot be read: %s",
		    e.msg);
		goto out;
	}
	canon = zf_json_canonical(tree, &clen);
	if (clen != len || memcmp(canon, body, len) != 0)
		problem(c, "E013", AUTHENTIC, what, "is not in canonical form");
	zf_hex(prev, ZF_DIGEST_LEN, prevhex);
	if (ev.seq != seq)
		problem(c, "E013", AUTHENTIC, what, "says it is event %lld",
		    (long long)ev.seq);
	if (!same_text(zf_json_get_str(tree, "prev"), prevhex))
		problem(c, "E012", AUTHENTIC, what, "the chain is broken: it "
		    "names another event before it");
	if (!same_text(ev.time, (const char *)sqlite3_column_text(st, 3)) ||
	    !same_text(ev.actor, (const char *)sqlite3_column_text(st, 4)) ||
	    !same_text(ev.case_id, (const char *)sqlite3_column_text(st, 5)) ||
	    !same_text(ev.type, (const char *)sqlite3_column_text(st, 6)))
		problem(c, "E014", AUTHENTIC, what, "its index columns (time, "
		    "actor, case, type) differ from the event itself");
	check_config(c, tree, &ev, what);
	check_role(c, &ev, what);
	check_signature(c, st, &ev, what);
	check_time(c, &ev, what);
	if (zf_json_get(tree, "clock") != NULL && !c->a->drill)
		problem(c, "E028", AUTHENTIC, what, "was recorded under a set "
		    "clock (ZHIFA_NOW) in a real archive, whose times come "
		    "from the system clock");
	if (seq == 0 && zf_json_get(ev.data, "drill") != NULL &&
	    zf_json_get(ev.data, "keys") == NULL)
		problem(c, "E016", AUTHENTIC, what, "registers no personal "
		    "key, though it was made when every archive began with "
		    "the head's: the journal was rewritten without them");
	if (strcmp(ev.type, "config.changed") == 0)
		load_config(c, zf_json_get_str(ev.data, "digest"), what);
	if (seq == 0)
		genesis_key(c, &ev);
	if (strcmp(ev.type, "archive.restored") == 0) {
		int64_t lost;

		if (zf_json_get_int(ev.data, "lost_size", &lost) == 0 &&
		    lost >= 0 && (uint64_t)lost >= c->restored_size) {
			c->restored_size = (uint64_t)lost;
			c->restored_seq = seq;
		}
	}
	if (zf_apply(&c->replay, &ev, &e) != 0)
		problem(c, "E041", COMPLETE, what, "cannot be replayed: %s",
		    e.msg);
out:
	free(canon);
	zf_json_free(tree);
	memcpy(prev, h, ZF_DIGEST_LEN);
	if (sqlite3_column_bytes(st, 1) == ZF_DIGEST_LEN)
		memcpy(prev, sqlite3_column_blob(st, 1), ZF_DIGEST_LEN);
}

/* Loads the sizes of the stored checkpoints (and the files'). */
static void
want_size(struct checker *c, uint64_t size)
{
	c->sizes = xrealloc(c->sizes, (c->nsizes + 1) * sizeof(*c->sizes));
	c->roots = xrealloc(c->roots, (c->nsizes + 1) * sizeof(*c->roots));
	c->sizes[c->nsizes] = size;
	memset(c->roots[c->nsizes], 0, ZF_DIGEST_LEN);
	c->nsizes++;
}

static int
root_at(struct checker *c, uint64_t size, uint8_t out[ZF_DIGEST_LEN])
{
	size_t i;

	if (size > c->leaves)
		return -1;
	for (i = 0; i < c->nsizes; i++) {
		if (c->sizes[i] == size) {
			memcpy(out, c->roots[i], ZF_DIGEST_LEN);
			return 0;
		}
	}
	return -1;
}

/* A small file's bytes (what is past 64 KiB may be cut); NULL if unread. */
static char *
read_small_file(int dirfd, const char *path, size_t *len)
{
	struct zf_buf b;

	zf_buf_init(&b);
	if (zf_read_file(dirfd, path, 65536, &b) != 0 && errno != EFBIG) {
		zf_buf_release(&b);
		return NULL;
	}
	return zf_buf_detach(&b, len);
}

/* Parses a checkpoint note's size without trusting it. */
static int
peek_size(const char *note, uint64_t *size)
{
	const char *nl = note ? strchr(note, '\n') : NULL;
	char *end;

	if (nl == NULL || nl[1] < '0' || nl[1] > '9')
		return -1;
	*size = strtoull(nl + 1, &end, 10);
	return *end == '\n' ? 0 : -1;
}

/* Checks one signed checkpoint against the recomputed tree. */
static void
check_note(struct checker *c, const char *what, const char *note,
    size_t len, const char *rollback_code)
{
	uint8_t root[ZF_DIGEST_LEN], want[ZF_DIGEST_LEN];
	char *origin = NULL;
	uint64_t size;
	struct zf_err e;

	if (zf_checkpoint_verify(note, len, c->a->suite, c->a->origin,
	    c->pub, c->publen, &origin, &size, root, &e) != 0) {
		problem(c, "E022", AUTHENTIC, what, "%s", e.msg);
		return;
	}
	if (strcmp(origin, c->a->origin) != 0)
		problem(c, "E022", AUTHENTIC, what, "is for another log "
		    "('%s')", origin);
	else if (strcmp(rollback_code, "E023") == 0 &&
	    size <= c->restored_size && (size > c->leaves ||
	    root_at(c, size, want) != 0 ||
	    memcmp(want, root, ZF_DIGEST_LEN) != 0))
		problem(c, "W019", AUTHENTIC, what, "covers %llu events the "
		    "journal no longer extends: the head recorded at event "
		    "%lld that the archive was restored from an older backup, "
		    "losing up to %llu events", (unsigned long long)size,
		    (long long)c->restored_seq,
		    (unsigned long long)c->restored_size);
	else if (size > c->leaves)
		problem(c, rollback_code, AUTHENTIC, what, "covers %llu events "
		    "but the journal holds %llu: the journal was cut short or "
		    "replaced with an older copy", (unsigned long long)size,
		    (unsigned long long)c->leaves);
	else if (root_at(c, size, want) != 0 ||
	    memcmp(want, root, ZF_DIGEST_LEN) != 0)
		problem(c, "E021", AUTHENTIC, what, "its root for %llu events "
		    "does not match the journal: events up to it were changed",
		    (unsigned long long)size);
	free(origin);
}

static void
check_checkpoints(struct checker *c)
{
	static const char sql[] =
	    "SELECT size, root, note FROM live.checkpoints ORDER BY size";
	sqlite3_stmt *st;
	uint64_t last = 0;
	char what[48];

	if (sqlite3_prepare_v2(c->replay.h, sql, -1, &st, NULL) != SQLITE_OK)
		return;
	while (row(c, st) == 1) {
		uint64_t size = (uint64_t)sqlite3_column_int64(st, 0);
		const char *note = (const char *)sqlite3_column_text(st, 2);
		uint8_t root[ZF_DIGEST_LEN];
		char *origin = NULL;
		uint64_t nsize = 0;
		struct zf_err e;

		snprintf(what, sizeof(what), "checkpoint %llu",
		    (unsigned long long)size);
		c->r->checkpoints++;
		last = size;
		check_note(c, what, note ? note : "",
		    (size_t)sqlite3_column_bytes(st, 2), "E021");
		if (zf_checkpoint_verify(note ? note : "",
		    (size_t)sqlite3_column_bytes(st, 2), c->a->suite,
		    c->a->origin, c->pub, c->publen, &origin,
		    &nsize, root, &e) == 0 && (nsize != size ||
		    sqlite3_column_bytes(st, 1) != ZF_DIGEST_LEN ||
		    memcmp(sqlite3_column_blob(st, 1), root,
		    ZF_DIGEST_LEN) != 0))
			problem(c, "E021", AUTHENTIC, what, "its table row "
			    "differs from its signed note");
		free(origin);
	}
	sqlite3_finalize(st);
	if (c->r->checkpoints == 0)
		problem(c, "E027", AUTHENTIC, "checkpoints", "the archive has "
		    "no signed checkpoint at all: nothing vouches for its "
		    "journal (they were deleted, or the agency key never "
		    "signed)");
	if (last < c->leaves)
		problem(c, "W024", AUTHENTIC, "journal", "%llu event(s) after "
		    "the last checkpoint are not yet signed (the agency key "
		    "was not at hand, or its holder refused to sign over "
		    "them: see any E016 above)",
		    (unsigned long long)(c->leaves - last));
}

/*
 * The publication log's signed checkpoints (publish-export): each must
 * verify with the agency key, name "<origin>/publication", and match the
 * log as the replay rebuilt it — else something published was changed
 * or removed after it was signed.
 */
static void
check_pubcheckpoints(struct checker *c)
{
	static const char sql[] = "SELECT size, root, note FROM "
	    "live.pubcheckpoints ORDER BY size";
	sqlite3_stmt *st;
	char what[64], *want = xasprintf("%s/publication", c->a->origin);
	uint64_t leaves = 0;
	struct zf_err e;

	if (zf_publog_size(&c->replay, &leaves, &e) != 0 ||
	    sqlite3_prepare_v2(c->replay.h, sql, -1, &st, NULL) != SQLITE_OK) {
		free(want);
		return;
	}
	while (row(c, st) == 1) {
		uint64_t size = (uint64_t)sqlite3_column_int64(st, 0), nsize;
		const char *note = (const char *)sqlite3_column_text(st, 2);
		uint8_t root[ZF_DIGEST_LEN], have[ZF_DIGEST_LEN];
		char *origin = NULL;

		snprintf(what, sizeof(what), "publication checkpoint %llu",
		    (unsigned long long)size);
		if (zf_checkpoint_verify(note ? note : "",
		    (size_t)sqlite3_column_bytes(st, 2), c->a->suite,
		    c->a->origin, c->pub, c->publen, &origin,
		    &nsize, root, &e) != 0)
			problem(c, "E026", AUTHENTIC, what, "%s", e.msg);
		else if (strcmp(origin, want) != 0)
			problem(c, "E026", AUTHENTIC, what,
			    "is for another log ('%s')", origin);
		else if (nsize != size || sqlite3_column_bytes(st, 1) !=
		    ZF_DIGEST_LEN || memcmp(sqlite3_column_blob(st, 1), root,
		    ZF_DIGEST_LEN) != 0)
			problem(c, "E026", AUTHENTIC, what, "its table row "
			    "differs from its signed note");
		else if (size > leaves)
			problem(c, "E026", AUTHENTIC, what, "covers %llu "
			    "published entries but the journal holds %llu: "
			    "publication events were removed",
			    (unsigned long long)size,
			    (unsigned long long)leaves);
		else if (zf_publog_root(&c->replay, c->a->suite, size, have,
		    &e) != 0 || memcmp(have, root, ZF_DIGEST_LEN) != 0)
			problem(c, "E026", AUTHENTIC, what, "its root does not "
			    "match the first %llu published entries: something "
			    "published was changed after it was signed",
			    (unsigned long long)size);
		free(origin);
	}
	sqlite3_finalize(st);
	free(want);
}

static void
check_checkpoint_files(struct checker *c)
{
	size_t i;

	if (c->file_note != NULL)
		check_note(c, "checkpoint file", c->file_note, c->file_len,
		    "E023");
	if (c->witness_missing)
		problem(c, "E023", AUTHENTIC, c->o->witness, "cannot read "
		    "the checkpoint given with --checkpoint");
	else if (c->witness_note != NULL)
		check_note(c, c->o->witness, c->witness_note, c->witness_len,
		    "E023");
	for (i = 0; i < c->o->nwitnesses; i++) {
		const char *note = c->o->witness_note[i];

		if (note == NULL)
			problem(c, "E023", AUTHENTIC, c->o->witness_name[i],
			    "cannot be used as a witness: %s",
			    c->o->witness_why[i]);
		else
			check_note(c, c->o->witness_name[i], note,
			    strlen(note), "E023");
	}
}

static void
collect_sizes(struct checker *c)
{
	static const char sql[] = "SELECT size FROM live.checkpoints";
	sqlite3_stmt *st;
	uint64_t size;
	size_t i;

	if (sqlite3_prepare_v2(c->replay.h, sql, -1, &st, NULL) == SQLITE_OK) {
		while (row(c, st) == 1)
			want_size(c, (uint64_t)sqlite3_column_int64(st, 0));
		sqlite3_finalize(st);
	}
	if (peek_size(c->file_note, &size) == 0)
		want_size(c, size);
	if (peek_size(c->witness_note, &size) == 0)
		want_size(c, size);
	for (i = 0; i < c->o->nwitnesses; i++)
		if (peek_size(c->o->witness_note[i], &size) == 0)
			want_size(c, size);
}

static int
walk_journal(struct checker *c)
{
	static const char sql[] = "SELECT seq, hash, prev, time, actor, "
	    "case_id, type, body, sigs FROM live.journal ORDER BY seq";
	static const char sql_tree[] = "SELECT idx, hash FROM live.tree "
	    "ORDER BY idx";
	sqlite3_stmt *st = NULL, *tree = NULL;
	uint8_t prev[ZF_DIGEST_LEN];
	int64_t expect = 0, total = 0;
	int rc = 0;

	memset(prev, 0, sizeof(prev));
	if (sqlite3_prepare_v2(c->replay.h,
	    "SELECT count(*) FROM live.journal", -1, &st, NULL) == SQLITE_OK &&
	    row(c, st) == 1)
		total = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(c->replay.h, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(c->replay.h, sql_tree, -1, &tree,
	    NULL) != SQLITE_OK) {
		rc = zf_db_fail(&c->replay, &c->a->err, "cannot read the "
		    "journal");
		goto out;
	}
	while (row(c, st) == 1) {
		int64_t seq = sqlite3_column_int64(st, 0);

		check_event(c, st, expect, prev);
		add_leaf(c, tree, (const char *)sqlite3_column_text(st, 7),
		    (size_t)sqlite3_column_bytes(st, 7));
		expect = seq + 1;
		c->r->events++;
		if (c->o->progress != NULL && c->r->events % 4096 == 0)
			c->o->progress(c->o->ctx, "events",
			    (uint64_t)c->r->events, (uint64_t)total);
	}
	if (!c->tree_broken && row(c, tree) == 1)
		problem(c, "E020", AUTHENTIC, "tree", "the tree holds hashes "
		    "beyond the last event: events were removed from the end");
	if (c->r->events == 0)
		problem(c, "E010", COMPLETE, "journal", "the journal is empty");
	if (c->unproven > 0)
		problem(c, "W017", AUTHENTIC, "journal", "%lld event(s) before "
		    "the first personal key carry no signature of their actor: "
		    "who did them rests on the actor column alone",
		    (long long)c->unproven);
out:
	sqlite3_finalize(st);
	sqlite3_finalize(tree);
	return rc;
}

/* Orders two column values as SQLite's BINARY collation does. */
static int
value_cmp(sqlite3_stmt *a, sqlite3_stmt *b, int col)
{
	int ta = sqlite3_column_type(a, col), tb = sqlite3_column_type(b, col);
	int na, nb, r;

	if (ta != tb)
		return ta < tb ? -1 : 1;
	switch (ta) {
	case SQLITE_NULL:
		return 0;
	case SQLITE_INTEGER: {
		sqlite3_int64 x = sqlite3_column_int64(a, col);
		sqlite3_int64 y = sqlite3_column_int64(b, col);

		return x < y ? -1 : x > y;
	}
	default: {
		const void *pa = sqlite3_column_blob(a, col);
		const void *pb = sqlite3_column_blob(b, col);

		na = sqlite3_column_bytes(a, col);
		nb = sqlite3_column_bytes(b, col);
		/* An empty value comes back as NULL: nothing to compare. */
		r = na > 0 && nb > 0 ? memcmp(pa, pb, (size_t)(na < nb ? na :
		    nb)) : 0;
		return r != 0 ? r : na < nb ? -1 : na > nb;
	}
	}
}

/*
 * Walks a table and its replay side by side in key order (the key
 * columns lead every derived table) and counts rows only live has,
 * rows only the replay has, and rows that differ.
 */
static int
compare_table(struct checker *c, const char *t, const char *key,
    long long counts[3])
{
	sqlite3_stmt *live = NULL, *replay = NULL;
	int nkeys = 1, rl, rr, ncols, i, rc = -1;
	const char *p;
	char *sql;

	for (p = key; *p != '\0'; p++)
		nkeys += *p == ',';
	sql = sqlite3_mprintf("SELECT * FROM live.%w ORDER BY %s", t, key);
	if (sqlite3_prepare_v2(c->replay.h, sql, -1, &live, NULL) != SQLITE_OK)
		goto out;
	sqlite3_free(sql);
	sql = sqlite3_mprintf("SELECT * FROM main.%w ORDER BY %s", t, key);
	if (sqlite3_prepare_v2(c->replay.h, sql, -1, &replay,
	    NULL) != SQLITE_OK)
		goto out;
	ncols = sqlite3_column_count(replay);
	if (sqlite3_column_count(live) != ncols)
		goto out;
	rl = row(c, live);
	rr = row(c, replay);
	while (rl == 1 || rr == 1) {
		int order = 0;

		if (rl != 1)
			order = 1;
		else if (rr != 1)
			order = -1;
		for (i = 0; order == 0 && i < nkeys; i++)
			order = value_cmp(live, replay, i);
		if (order < 0) {
			counts[0]++;
			rl = row(c, live);
			continue;
		}
		if (order > 0) {
			counts[1]++;
			rr = row(c, replay);
			continue;
		}
		for (i = nkeys; i < ncols; i++)
			if (value_cmp(live, replay, i) != 0)
				break;
		if (i < ncols)
			counts[2]++;
		rl = row(c, live);
		rr = row(c, replay);
	}
	rc = rl == 0 && rr == 0 ? 0 : -1;
out:
	sqlite3_free(sql);
	sqlite3_finalize(live);
	sqlite3_finalize(replay);
	return rc;
}

/* Every derived table equals its replay, row for row. */
static void
compare_tables(struct checker *c)
{
	int i;

	for (i = 0; zf_db_derived_tables[i] != NULL; i++) {
		const char *t = zf_db_derived_tables[i];
		long long n[3] = { 0, 0, 0 };

		if (compare_table(c, t, zf_db_derived_keys[i], n) != 0)
			problem(c, "E040", COMPLETE, t, "cannot compare with "
			    "the replay: %s", sqlite3_errmsg(c->replay.h));
		else if (n[0] || n[1] || n[2])
			problem(c, "E040", COMPLETE, t, "differs from a replay "
			    "of the journal: %lld row(s) not in the replay, "
			    "%lld row(s) of the replay missing, %lld changed",
			    n[0], n[1], n[2]);
	}
}

/*
 * The replay database is the main schema of a private connection, and
 * the archive's database is attached to it read-only as "live", so that
 * every read of the archive happens in one transaction: one snapshot,
 * however many commands write meanwhile.
 */
static int
open_replay(struct checker *c)
{
	struct zf_err *e = &c->a->err;
	char *path, *sql;
	int rc;

	if ((rc = zf_db_open(&c->replay, "", 0, e)) != 0)
		return rc;
	if ((rc = zf_db_exec(&c->replay, "PRAGMA journal_mode=OFF;"
	    "PRAGMA synchronous=OFF; PRAGMA cache_size=-65536; "
	    "PRAGMA temp_store=MEMORY;", e)) != 0 ||
	    (rc = zf_db_create_derived(&c->replay, e)) != 0)
		return rc;
	path = zf_archive_db_uri(c->a);
	sql = sqlite3_mprintf("ATTACH %Q AS live", path);
	free(path);
	rc = zf_db_exec(&c->replay, sql, e);
	sqlite3_free(sql);
	if (rc != 0)
		return rc;
	return zf_db_exec(&c->replay, "BEGIN", e);
}

static int
hash_file(struct checker *c, int fd, uint8_t out[ZF_DIGEST_LEN])
{
	struct zf_digest *d = zf_digest_new(c->a->suite);
	uint8_t *buf;
	ssize_t n;

	if (d == NULL || posix_memalign((void **)&buf, 4096, HASH_CHUNK) != 0) {
		zf_digest_free(d);
		return -1;
	}
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	while ((n = read(fd, buf, HASH_CHUNK)) > 0) {
		zf_digest_update(d, buf, (size_t)n);
		c->r->bytes_hashed += (uint64_t)n;
	}
	zf_digest_final(d, out);
	zf_digest_free(d);
	free(buf);
	return n < 0 ? -1 : 0;
}

static void
check_objects(struct checker *c)
{
	static const char sql[] = "SELECT digest, size FROM objects "
	    "ORDER BY digest";
	sqlite3_stmt *st;
	int64_t total = 0;

	if (sqlite3_prepare_v2(c->replay.h, "SELECT count(*) FROM objects", -1,
	    &st, NULL) == SQLITE_OK && row(c, st) == 1)
		total = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(c->replay.h, sql, -1, &st, NULL) != SQLITE_OK)
		return;
	while (row(c, st) == 1) {
		const char *hex = (const char *)sqlite3_column_text(st, 0);
		int64_t size = sqlite3_column_int64(st, 1);
		char *path = zf_object_path(c->a, hex);
		uint8_t want[ZF_DIGEST_LEN], got[ZF_DIGEST_LEN];
		struct stat sb;
		int fd;

		c->r->objects++;
		if (c->o->progress != NULL)
			c->o->progress(c->o->ctx, "objects",
			    (uint64_t)c->r->objects, (uint64_t)total);
		fd = openat(c->a->dirfd, path, O_RDONLY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (fd < 0 || fstat(fd, &sb) != 0) {
			problem(c, "E030", COMPLETE, path, "missing: %s",
			    strerror(errno));
		} else if (!S_ISREG(sb.st_mode)) {
			problem(c, "E034", SAFE, path, "not a regular file");
		} else {
			if (sb.st_mode & 0222)
				problem(c, "E034", SAFE, path, "writable "
				    "(mode %04o): objects must be read-only",
				    (unsigned)(sb.st_mode & 07777));
			if (sb.st_nlink > 1)
				problem(c, "E034", SAFE, path, "has %lu links",
				    (unsigned long)sb.st_nlink);
			if (sb.st_size != size)
				problem(c, "E031", COMPLETE, path, "holds %lld "
				    "bytes, the journal says %lld",
				    (long long)sb.st_size, (long long)size);
			else if (!c->o->quick && (zf_unhex(hex, want,
			    ZF_DIGEST_LEN) != 0 || hash_file(c, fd, got) != 0 ||
			    memcmp(want, got, ZF_DIGEST_LEN) != 0))
				problem(c, "E032", AUTHENTIC, path,
				    "its content does not match its digest: "
				    "the file was changed");
		}
		if (fd >= 0)
			close(fd);
		free(path);
	}
	sqlite3_finalize(st);
}

/* Files in the store that no event references. */
static void
check_orphans(struct checker *c)
{
	static const char sql[] = "SELECT 1 FROM objects WHERE digest = ?";
	char *base = xasprintf("objects/%s", zf_suite_digest_name(c->a->suite));
	sqlite3_stmt *st;
	struct dirent *shard, *de;
	DIR *top, *d;
	int fd;

	if (sqlite3_prepare_v2(c->replay.h, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	fd = openat(c->a->dirfd, base, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || (top = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		sqlite3_finalize(st);
		goto out;
	}
	while ((shard = readdir(top)) != NULL) {
		char *sdir;

		if (shard->d_name[0] == '.')
			continue;
		sdir = xasprintf("%s/%s", base, shard->d_name);
		fd = openat(c->a->dirfd, sdir, O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC);
		if (fd < 0 || (d = fdopendir(fd)) == NULL) {
			if (fd >= 0)
				close(fd);
			problem(c, "W035", USABLE, sdir, "not a shard folder");
			free(sdir);
			continue;
		}
		while ((de = readdir(d)) != NULL) {
			char hex[600];

			if (de->d_name[0] == '.')
				continue;
			snprintf(hex, sizeof(hex), "%s%s", shard->d_name,
			    de->d_name);
			sqlite3_reset(st);
			sqlite3_bind_text(st, 1, hex, -1, SQLITE_TRANSIENT);
			if (row(c, st) != 1)
				problem(c, "W033", COMPLETE, sdir, "'%s' is "
				    "referenced by no event (left by an "
				    "interrupted command?)", de->d_name);
		}
		closedir(d);
		free(sdir);
	}
	closedir(top);
	sqlite3_finalize(st);
out:
	free(base);
}

/* Leftovers in tmp/ matter only when no command is running. */
static void
check_tmp(struct checker *c)
{
	struct dirent *de;
	DIR *d;
	int fd;

	if (flock(c->a->lockfd, LOCK_EX | LOCK_NB) != 0)
		return;
	fd = openat(c->a->dirfd, "tmp", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0 && (d = fdopendir(fd)) != NULL) {
		while ((de = readdir(d)) != NULL)
			if (de->d_name[0] != '.')
				problem(c, "W070", USABLE, "tmp",
				    "'%s' was left by an interrupted command",
				    de->d_name);
		closedir(d);
	} else if (fd >= 0) {
		close(fd);
	}
	flock(c->a->lockfd, LOCK_SH);
}

/* No private key may live in the archive (outside the object store). */
static void
scan_for_keys(struct checker *c, const char *dir)
{
	struct dirent *de;
	DIR *d;
	int fd = openat(c->a->dirfd, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		char *path, head[4096];
		struct stat sb;
		ssize_t n;

		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    (strcmp(dir, ".") == 0 &&
		    strcmp(de->d_name, "objects") == 0))
			continue;
		path = strcmp(dir, ".") == 0 ? xstrdup(de->d_name) :
		    xasprintf("%s/%s", dir, de->d_name);
		if (fstatat(c->a->dirfd, path, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
			if (S_ISDIR(sb.st_mode)) {
				scan_for_keys(c, path);
			} else if (S_ISREG(sb.st_mode) &&
			    (fd = openat(c->a->dirfd, path, O_RDONLY |
			    O_CLOEXEC)) >= 0) {
				n = zf_read_full(fd, head, sizeof(head) - 1);
				close(fd);
				head[n > 0 ? n : 0] = '\0';
				if (n > 0 && memmem(head, (size_t)n,
				    "PRIVATE KEY-----", 16) != NULL)
					problem(c, "E060", SAFE, path, "a "
					    "private key inside the archive: "
					    "move it out and keep it 0600");
			}
		}
		free(path);
	}
	closedir(d);
}

static void
check_vkey(struct checker *c)
{
	char *want = zf_note_vkey(c->a->suite, c->a->origin, c->pub,
	    c->publen), *have;
	size_t len;

	have = read_small_file(c->a->dirfd, "keys/agency.vkey", &len);
	if (have == NULL)
		problem(c, "E025", AUTHENTIC, "keys/agency.vkey", "missing");
	else if (strncmp(have, want, strlen(want)) != 0 ||
	    strcmp(have + strlen(want), "\n") != 0)
		problem(c, "E025", AUTHENTIC, "keys/agency.vkey", "is not the "
		    "agency key recorded in the journal");
	free(have);
	free(want);
}

int
zf_verify(struct zf_archive *a, const struct zf_verify_options *o,
    struct zf_verify_report *r)
{
	struct checker c;
	int rc;

	memset(r, 0, sizeof(*r));
	memset(&c, 0, sizeof(c));
	r->problems = zf_json_array();
	c.ring = zf_keyring_new();
	memcpy(c.pub, a->pubkey, a->pubkey_len);
	c.publen = a->pubkey_len;
	c.a = a;
	c.o = o;
	c.r = r;
	c.file_note = read_small_file(a->dirfd, "checkpoint", &c.file_len);
	if (o->witness != NULL) {
		c.witness_note = read_small_file(AT_FDCWD, o->witness,
		    &c.witness_len);
		c.witness_missing = c.witness_note == NULL;
	}
	if ((rc = open_replay(&c)) != 0)
		goto out;
	check_structure(&c);
	check_sqlite(&c);
	collect_sizes(&c);
	if ((rc = walk_journal(&c)) != 0)
		goto out;
	check_checkpoints(&c);
	check_checkpoint_files(&c);
	check_vkey(&c);
	check_pubcheckpoints(&c);
	compare_tables(&c);
	zf_db_exec(&c.replay, "COMMIT", &a->err);
	check_objects(&c);
	check_orphans(&c);
	check_tmp(&c);
	scan_for_keys(&c, ".");
	/* A check that could not read is no finding: the disk failed. */
	if (zf_db_failed(&c.replay, &a->err) == EX_IOERR)
		rc = EX_IOERR;
out:
	zf_db_close(&c.replay);
	zf_keyring_free(c.ring);
	zf_config_free(c.cfg);
	free(c.file_note);
	free(c.witness_note);
	free(c.sizes);
	free(c.roots);
	return rc;
}

void
zf_verify_report_release(struct zf_verify_report *r)
{
	zf_json_free(r->problems);
	r->problems = NULL;
}
