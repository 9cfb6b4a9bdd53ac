/* signer: what the holder of the agency key vouches for. */
#include "record/signer.h"
#include "record/handle.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/io.h"
#include "base/json.h"
#include "base/merkle.h"
#include "record/checkpoint.h"
#include "record/db.h"
#include "record/event.h"
#include "record/journal.h"
#include "record/object.h"
#include "record/persons.h"
#include "record/trust.h"
#include "rules/config.h"
#include "rules/permissions.h"

/* Recorded in the future of the signer's clock by more than this. */
#define FUTURE_SLACK 300

struct vouch {
	struct zf_archive *a;
	struct zf_keyring *ring;
	struct zf_config *config;	/* in force, once journaled */
	char config_hex[ZF_DIGEST_HEX];
	int drill;
	/* The signer's record: the checkpoint it last signed. */
	struct zf_buf record;
	int has_record, extended, acknowledged;
	uint64_t ms;
	uint8_t rs[ZF_DIGEST_LEN];
	char *why;
};

static int
refuse(struct vouch *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
refuse(struct vouch *v, const char *fmt, ...)
{
	va_list ap;
	struct zf_buf b;

	if (v->why != NULL)
		return 1;
	zf_buf_init(&b);
	va_start(ap, fmt);
	zf_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	v->why = zf_buf_detach(&b, NULL);
	return 1;
}

/* Reads and checks the signer's record; 0 (with or without one), or 1. */
static int
read_record(struct vouch *v, const char *key)
{
	struct zf_archive *a = v->a;
	char *path = xasprintf("%s.signed", key), *origin = NULL;
	struct zf_err e;
	int rc = 0;

	if (zf_read_file(AT_FDCWD, path, 1 << 16, &v->record) != 0) {
		if (errno != ENOENT)
			rc = refuse(v, "its record of what it last signed "
			    "('%s') cannot be read: %s", path, strerror(errno));
		goto out;
	}
	if (zf_checkpoint_verify(v->record.data, v->record.len, a->suite,
	    a->origin, a->pubkey, a->pubkey_len, &origin, &v->ms, v->rs,
	    &e) != 0) {
		rc = refuse(v, "its record of what it last signed ('%s') does "
		    "not verify: %s", path, e.msg);
		goto out;
	}
	v->has_record = 1;
out:
	free(origin);
	free(path);
	return rc;
}

/* 1 when the stored tree of n leaves, with root, extends the record. */
static int
extends_record(struct vouch *v, uint64_t n, const uint8_t root[ZF_DIGEST_LEN])
{
	uint8_t have[ZF_DIGEST_LEN], proof[64][ZF_DIGEST_LEN];
	size_t plen;

	if (v->ms > n || zf_merkle_root(v->a->suite, v->ms,
	    zf_journal_tree_read, v->a->db, have) != 0 ||
	    memcmp(have, v->rs, ZF_DIGEST_LEN) != 0)
		return 0;
	if (v->ms == 0 || v->ms == n)
		return 1;
	return zf_merkle_consistency_proof(v->a->suite, v->ms, n,
	    zf_journal_tree_read, v->a->db, proof, &plen) == 0 &&
	    zf_merkle_verify_consistency(v->a->suite, v->ms, n, v->rs, root,
	    (const uint8_t(*)[ZF_DIGEST_LEN])proof, plen);
}

/* The configuration a config.changed event names, read and checked. */
static int
load_config(struct vouch *v, const char *hex)
{
	struct zf_config *c;
	int rc;

	if ((rc = zf_object_config(v->a, hex, &c)) != 0)
		return rc == EX_IOERR ? rc : refuse(v, "%s",
		    v->a->err.msg);
	zf_config_free(v->config);
	v->config = c;
	snprintf(v->config_hex, sizeof(v->config_hex), "%s", hex);
	return 0;
}

/* Event 0 says whether the archive is a drill. */
static void
genesis(struct vouch *v, const struct zf_event *ev)
{
	v->drill = zf_trust_drill(ev->data);
}

/* What an event changes of the key ring and the configuration. */
static int
take_in(struct vouch *v, const struct zf_event *ev)
{
	char err[256];

	if (ev->seq == 0)
		genesis(v, ev);
	if (zf_keyring_apply(v->ring, ev->seq, ev->type, ev->data, err,
	    sizeof(err)) != 0)
		return refuse(v, "event %lld (%s): %s", (long long)ev->seq,
		    ev->type, err);
	if (strcmp(ev->type, "config.changed") == 0)
		return load_config(v, zf_json_get_str(ev->data, "digest"));
	return 0;
}

/* Checks one event after the base, then takes it in. */
static int
vouch_event(struct vouch *v, const struct zf_event *ev,
    const struct zf_json *tree, const uint8_t hash[ZF_DIGEST_LEN],
    const char *sigs)
{
	struct zf_archive *a = v->a;
	const char *vkey, *clock = zf_json_get_str(tree, "clock");
	enum zf_act act = zf_event_head_act(ev->type);
	struct zf_time t;
	struct zf_err e;
	int rc;

	if (ev->seq == 0)
		genesis(v, ev);
	if (ev->time == NULL || zf_time_parse(ev->time, &t) != 0)
		return refuse(v, "event %lld has no time", (long long)ev->seq);
	if (t.unix > a->now.unix + FUTURE_SLACK && !a->fixed_clock)
		return refuse(v, "event %lld (%s, by %s) was recorded at %s, "
		    "in the future of this clock", (long long)ev->seq,
		    ev->type, ev->actor, ev->time);
	if (clock != NULL && !v->drill)
		return refuse(v, "event %lld (%s, by %s) was recorded under a "
		    "set clock in a real archive", (long long)ev->seq,
		    ev->type, ev->actor);
	if (act != ZF_NACTS && ev->seq > 1 && (v->config == NULL ||
	    zf_may(v->config, zf_config_person(v->config, ev->actor), act,
	    NULL, &e) != 0))
		return refuse(v, "event %lld (%s, by %s) is not the head's, by "
		    "the configuration in force", (long long)ev->seq,
		    ev->type, ev->actor);
	vkey = zf_keyring_signer(v->ring, ev->seq, ev->type, ev->actor,
	    ev->data);
	/* Events from before the archive's first personal key carry none. */
	if (vkey == NULL && zf_keyring_count(v->ring) > 0)
		return refuse(v, "event %lld (%s, by %s) is by someone who "
		    "held no key then", (long long)ev->seq, ev->type,
		    ev->actor);
	if (vkey != NULL && (rc = zf_event_sig_check(a->suite, vkey, hash,
	    sigs)) != 0)
		return refuse(v, "event %lld (%s, by %s) %s",
		    (long long)ev->seq, ev->type, ev->actor,
		    rc == 1 ? "is not signed by its "
		    "actor's key" : rc == 2 ? "has a signature that does not "
		    "verify" : "has malformed signatures");
	if (strcmp(ev->type, "archive.restored") == 0 && v->has_record &&
	    !v->extended &&
	    strcmp(zf_json_get_str(ev->data, "lost") ? zf_json_get_str(
	    ev->data, "lost") : "", v->record.data) == 0)
		v->acknowledged = 1;
	return take_in(v, ev);
}

/* Every event from the base on. */
static int
from_base(struct vouch *v, uint64_t base)
{
	static const char sql[] = "SELECT seq, hash, body, sigs FROM journal "
	    "WHERE seq >= ? ORDER BY seq";
	struct zf_archive *a = v->a;
	sqlite3_stmt *st = zf_db_stmt(a->db, sql, &a->err);
	uint8_t h[ZF_DIGEST_LEN], leaf[ZF_DIGEST_LEN], stored[ZF_DIGEST_LEN];
	struct zf_json *tree;
	struct zf_event ev;
	int rc;

	if (st == NULL)
		return a->err.code;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)base);
	while ((rc = zf_db_row(a->db, st, &a->err,
	    "cannot read the journal")) == 1) {
		int64_t seq = sqlite3_column_int64(st, 0);
		const char *body = zf_db_text(st, 2);
		size_t len = (size_t)sqlite3_column_bytes(st, 2);

		zf_digest_buf(a->suite, body, len, h);
		zf_merkle_leaf_hash(a->suite, body, len, leaf);
		tree = NULL;
		if (sqlite3_column_bytes(st, 1) != ZF_DIGEST_LEN ||
		    memcmp(sqlite3_column_blob(st, 1), h, ZF_DIGEST_LEN) != 0)
			rc = refuse(v, "event %lld's content does not match "
			    "its hash", (long long)seq);
		else if (zf_journal_tree_read(a->db, 0, (uint64_t)seq,
		    stored) != 0 || memcmp(stored, leaf, ZF_DIGEST_LEN) != 0)
			rc = refuse(v, "event %lld's leaf in the tree is not "
			    "its content's", (long long)seq);
		else if (zf_event_decode(body, len, &tree, &ev, &a->err) != 0 ||
		    ev.seq != seq)
			rc = refuse(v, "event %lld cannot be read",
			    (long long)seq);
		else
			rc = vouch_event(v, &ev, tree, h, zf_db_text(st, 3));
		zf_json_free(tree);
		if (rc != 0) {
			sqlite3_reset(st);
			return rc;
		}
	}
	return rc < 0 ? a->err.code : 0;
}

/*
 * The state the signer kept with its record (KEY.ring): who held which
 * key, the configuration in force and the drill flag after the events it
 * signed.  1 when it is there and is the record's; else the replay
 * starts at event 0.
 */
static int
read_state(struct vouch *v, const char *key)
{
	char *path = xasprintf("%s.ring", key);
	struct zf_keyring *ring;
	struct zf_json *s;
	struct zf_buf b;
	const char *hex;
	int64_t size;
	int ok = 0;

	zf_buf_init(&b);
	if (zf_read_file(AT_FDCWD, path, 1 << 20, &b) == 0 &&
	    (s = zf_json_parse(b.data, b.len, NULL, 0)) != NULL) {
		if (zf_json_get_int(s, "size", &size) == 0 &&
		    (uint64_t)size == v->ms &&
		    (ring = zf_keyring_restore(zf_json_get(s, "ring"))) !=
		    NULL) {
			zf_keyring_free(v->ring);
			v->ring = ring;
			v->drill = zf_json_get_bool(s, "drill") == 1;
			hex = zf_json_get_str(s, "config");
			ok = hex == NULL || load_config(v, hex) == 0;
			/* A state that does not read is no refusal: the
			 * replay starts at event 0 instead. */
			free(v->why);
			v->why = NULL;
		}
		zf_json_free(s);
	}
	zf_buf_release(&b);
	free(path);
	return ok;
}

/* What read_state reads, after the n events vouched for. */
static char *
state_text(const struct vouch *v, uint64_t n)
{
	struct zf_json *s = zf_json_object();
	size_t len;
	char *text;

	zf_json_set_int(s, "size", (int64_t)n);
	zf_json_set_bool(s, "drill", v->drill);
	zf_json_set_str(s, "config", v->config_hex[0] ? v->config_hex : NULL);
	zf_json_set(s, "ring", zf_keyring_save(v->ring));
	text = zf_json_canonical(s, &len);
	zf_json_free(s);
	return text;
}

int
zf_signer_vouch(struct zf_archive *a, const char *key, uint64_t n,
    const uint8_t root[ZF_DIGEST_LEN], int *rewound, char **state,
    char **why)
{
	struct vouch v;
	uint64_t base = 0;
	int rc;

	memset(&v, 0, sizeof(v));
	v.a = a;
	v.ring = zf_keyring_new();
	zf_buf_init(&v.record);
	*rewound = 0;
	*why = NULL;
	*state = NULL;
	if ((rc = read_record(&v, key)) != 0)
		goto out;
	if (v.has_record && (v.extended = extends_record(&v, n, root)) &&
	    read_state(&v, key))
		base = v.ms;
	if (zf_db_failed(a->db, &a->err) != 0) {
		rc = a->err.code;
		goto out;
	}
	if (base == 0) {
		/* Replayed from event 0: nothing of a first run is kept. */
		zf_keyring_free(v.ring);
		v.ring = zf_keyring_new();
		zf_config_free(v.config);
		v.config = NULL;
		v.config_hex[0] = '\0';
	}
	if ((rc = from_base(&v, base)) != 0)
		goto out;
	if (v.has_record && !v.extended) {
		if (v.acknowledged)
			*rewound = 1;
		else if (v.ms > n)
			rc = refuse(&v, "the journal has %llu events, but this "
			    "key signed a checkpoint of %llu: the journal was "
			    "cut back", (unsigned long long)n,
			    (unsigned long long)v.ms);
		else
			rc = refuse(&v, "the journal does not extend the "
			    "checkpoint of %llu events this key last signed: "
			    "it was rewritten", (unsigned long long)v.ms);
	}
	if (rc == 0)
		*state = state_text(&v, n);
out:
	if (rc == 1) {
		*why = v.why;
		v.why = NULL;
	}
	free(v.why);
	zf_buf_release(&v.record);
	zf_config_free(v.config);
	zf_keyring_free(v.ring);
	return rc;
}
