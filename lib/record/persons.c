/* persons: personal keys, and the signature every event carries. */
#include "record/persons.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/json.h"
#include "record/checkpoint.h"
#include "record/db.h"

char *
zf_person_key_path(const char *id, const char *person, const char *path)
{
	const char *env = getenv("ZHIFA_PERSON_KEY");

	if (path != NULL && path[0] != '\0')
		return xstrdup(path);
	if (env != NULL && env[0] != '\0')
		return xstrdup(env);
	return zf_person_key_default(id, person);
}

char *
zf_person_key_default(const char *id, const char *person)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/zhifa/keys/%s/%s.pem", xdg, id, person);
	if (home == NULL || home[0] == '\0') {
		struct passwd *pw = getpwuid(geteuid());

		home = pw ? pw->pw_dir : "/";
	}
	return xasprintf("%s/.config/zhifa/keys/%s/%s.pem", home, id, person);
}

int
zf_vkey_canonical(const char *vkey)
{
	uint8_t pub[ZF_PUBKEY_MAX];
	char *name = NULL, *again;
	size_t len;
	int suite, ok;

	if (vkey == NULL ||
	    zf_note_vkey_parse(vkey, &suite, &name, pub, &len) != 0)
		return 0;
	again = zf_note_vkey(suite, name, pub, len);
	ok = again != NULL && strcmp(again, vkey) == 0;
	free(again);
	free(name);
	return ok;
}

char *
zf_vkey_label(const char *vkey)
{
	const char *plus = vkey ? strchr(vkey, '+') : NULL;
	const char *second = plus ? strchr(plus + 1, '+') : NULL;

	if (plus == NULL || second == NULL || second - plus != 9)
		return NULL;
	return xasprintf("%.*s", (int)(second - vkey), vkey);
}

/* The message a person signs for an event. */
static void
message(const uint8_t hash[ZF_DIGEST_LEN], uint8_t *msg, size_t *len)
{
	size_t n = sizeof(ZF_EVENT_SIG_PREFIX) - 1;

	memcpy(msg, ZF_EVENT_SIG_PREFIX, n);
	memcpy(msg + n, hash, ZF_DIGEST_LEN);
	*len = n + ZF_DIGEST_LEN;
}

char *
zf_event_sign(struct zf_key *k, const char *label,
    const uint8_t hash[ZF_DIGEST_LEN])
{
	uint8_t msg[64], sig[ZF_SIG_MAX];
	char b64[4 * ((ZF_SIG_MAX + 2) / 3) + 1];
	struct zf_json *list, *one;
	size_t len, siglen;
	char *text;

	message(hash, msg, &len);
	if ((siglen = zf_key_sign(k, msg, len, sig)) == 0)
		return NULL;
	zf_base64_encode(sig, siglen, b64);
	one = zf_json_object();
	zf_json_set_str(one, "key", label);
	zf_json_set_str(one, "sig", b64);
	list = zf_json_array();
	zf_json_push(list, one);
	text = zf_json_canonical(list, &len);
	zf_json_free(list);
	return text;
}

int
zf_event_sig_check(int suite, const char *vkey,
    const uint8_t hash[ZF_DIGEST_LEN], const char *sigs)
{
	uint8_t pub[ZF_PUBKEY_MAX], msg[64], sig[ZF_SIG_MAX];
	struct zf_json *list;
	struct zf_key *k = NULL;
	char *label = zf_vkey_label(vkey), *name = NULL;
	size_t i, publen, len;
	int ksuite, rc = 1;
	long siglen;

	if (sigs == NULL || (list = zf_json_parse(sigs, strlen(sigs), NULL,
	    0)) == NULL) {
		free(label);
		return 3;
	}
	if (zf_json_type(list) != ZF_JSON_ARRAY || label == NULL) {
		rc = 3;
		goto out;
	}
	for (i = 0; i < zf_json_len(list); i++) {
		const struct zf_json *one = zf_json_at(list, i);
		const char *key = zf_json_get_str(one, "key");
		const char *s = zf_json_get_str(one, "sig");

		if (key == NULL || s == NULL) {
			rc = 3;
			goto out;
		}
		if (strcmp(key, label) != 0)
			continue;
		rc = 2;
		if (k == NULL &&
		    (zf_note_vkey_parse(vkey, &ksuite, &name, pub,
			&publen) != 0 || ksuite != suite ||
			(k = zf_key_from_public(suite, pub, publen)) == NULL))
			goto out;
		siglen = zf_base64_decode(s, strlen(s), sig, sizeof(sig));
		message(hash, msg, &len);
		if (siglen > 0 &&
		    zf_key_verify(k, msg, len, sig, (size_t)siglen)) {
			rc = 0;
			goto out;
		}
	}
out:
	zf_key_free(k);
	zf_json_free(list);
	free(label);
	free(name);
	return rc;
}

/* The key ring */

struct held {
	char *person, *vkey; /* vkey NULL once revoked */
};

struct zf_keyring {
	struct held *held;
	size_t n, cap, registered;
};

struct zf_keyring *
zf_keyring_new(void)
{
	return xcalloc(1, sizeof(struct zf_keyring));
}

void
zf_keyring_free(struct zf_keyring *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->held[i].person);
		free(r->held[i].vkey);
	}
	free(r->held);
	free(r);
}

struct zf_json *
zf_keyring_save(const struct zf_keyring *r)
{
	struct zf_json *o = zf_json_object(), *keys = zf_json_object();
	size_t i;

	for (i = 0; i < r->n; i++)
		zf_json_set_str(keys, r->held[i].person, r->held[i].vkey);
	zf_json_set(o, "keys", keys);
	zf_json_set_int(o, "registered", (int64_t)r->registered);
	return o;
}

static void hold(struct zf_keyring *r, const char *person, const char *vkey);

struct zf_keyring *
zf_keyring_restore(const struct zf_json *v)
{
	const struct zf_json *keys = zf_json_get(v, "keys");
	struct zf_keyring *r;
	int64_t registered;
	size_t i;

	if (keys == NULL || zf_json_type(keys) != ZF_JSON_OBJECT ||
	    zf_json_get_int(v, "registered", &registered) != 0 ||
	    registered < 0)
		return NULL;
	r = zf_keyring_new();
	for (i = 0; i < zf_json_len(keys); i++)
		hold(r, zf_json_key_at(keys, i),
		    zf_json_str(zf_json_value_at(keys, i)));
	r->registered = (size_t)registered;
	return r;
}

static struct held *
find(const struct zf_keyring *r, const char *person)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->held[i].person, person) == 0)
			return &r->held[i];
	return NULL;
}

const char *
zf_keyring_vkey(const struct zf_keyring *r, const char *person)
{
	const struct held *h = find(r, person);

	return h ? h->vkey : NULL;
}

size_t
zf_keyring_count(const struct zf_keyring *r)
{
	return r->registered;
}

static void
hold(struct zf_keyring *r, const char *person, const char *vkey)
{
	struct held *h = find(r, person);

	if (h == NULL) {
		if (r->n == r->cap) {
			r->cap = r->cap ? 2 * r->cap : 16;
			r->held = xrealloc(r->held, r->cap * sizeof(*r->held));
		}
		h = &r->held[r->n++];
		h->person = xstrdup(person);
		h->vkey = NULL;
	}
	free(h->vkey);
	h->vkey = vkey ? xstrdup(vkey) : NULL;
	if (vkey != NULL)
		r->registered++;
}

/* 1 when vkey is a verifier key named after person. */
static int
named(const char *vkey, const char *person)
{
	size_t n = strlen(person);
	char *label = zf_vkey_label(vkey);
	int ok = label != NULL && strncmp(label, person, n) == 0 &&
	    label[n] == '+' && zf_vkey_canonical(vkey);

	free(label);
	return ok;
}

/* The key an event registers for its own actor, or NULL. */
static const char *
self_key(const struct zf_keyring *r, int64_t seq, const char *type,
    const char *actor, const struct zf_json *data)
{
	const struct zf_json *keys;
	const char *person;

	if (seq == 0 && strcmp(type, "archive.created") == 0) {
		keys = zf_json_get(data, "keys");
		return keys ? zf_json_get_str(keys, actor) : NULL;
	}
	if (r->registered > 0 ||
	    strcmp(type, "person.key_registered") != 0)
		return NULL;
	person = zf_json_get_str(data, "person");
	if (person == NULL || strcmp(person, actor) != 0)
		return NULL;
	return zf_json_get_str(data, "key");
}

const char *
zf_keyring_signer(const struct zf_keyring *r, int64_t seq, const char *type,
    const char *actor, const struct zf_json *data)
{
	const char *self = self_key(r, seq, type, actor, data);

	return self != NULL ? self : zf_keyring_vkey(r, actor);
}

int
zf_keyring_apply(struct zf_keyring *r, int64_t seq, const char *type,
    const struct zf_json *data, char *err, size_t errlen)
{
	const struct zf_json *keys;
	const char *person, *vkey;
	size_t i;

	if (strcmp(type, "archive.created") == 0 && seq != 0) {
		snprintf(err, errlen, "an archive is created by event 0 "
		    "alone: this one, recorded later, would give keys to "
		    "anyone");
		return -1;
	}
	if (strcmp(type, "archive.created") == 0) {
		if ((keys = zf_json_get(data, "keys")) == NULL)
			return 0;
		if (zf_json_type(keys) != ZF_JSON_OBJECT)
			goto bad;
		for (i = 0; i < zf_json_len(keys); i++) {
			person = zf_json_key_at(keys, i);
			vkey = zf_json_str(zf_json_value_at(keys, i));
			if (vkey == NULL || !named(vkey, person))
				goto bad;
			hold(r, person, vkey);
		}
		return 0;
	}
	if (strcmp(type, "person.key_registered") != 0 &&
	    strcmp(type, "person.key_revoked") != 0)
		return 0;
	person = zf_json_get_str(data, "person");
	vkey = zf_json_get_str(data, "key");
	if (person == NULL || vkey == NULL)
		goto bad;
	if (strcmp(type, "person.key_revoked") == 0) {
		const char *held = zf_keyring_vkey(r, person);
		char *a = zf_vkey_label(held), *b = zf_vkey_label(vkey);
		int same = a != NULL && b != NULL && strcmp(a, b) == 0;

		free(a);
		free(b);
		if (!same) {
			snprintf(err, errlen, "it revokes %s, which is not "
			    "the key %s holds", vkey, person);
			return -1;
		}
		hold(r, person, NULL);
		return 0;
	}
	if (!named(vkey, person))
		goto bad;
	hold(r, person, vkey);
	return 0;
bad:
	snprintf(err, errlen, "its keys are not verifier keys named after "
	    "their holders");
	return -1;
}

enum zf_act
zf_event_head_act(const char *type)
{
	if (strcmp(type, "config.changed") == 0)
		return ZF_ACT_CONFIG;
	if (strcmp(type, "archive.restored") == 0)
		return ZF_ACT_RESTORED;
	if (strcmp(type, "person.key_registered") == 0 ||
	    strcmp(type, "person.key_revoked") == 0)
		return ZF_ACT_KEYS;
	return ZF_NACTS;
}

/* The derived table person_keys */

static int
end_key(struct zf_db *db, int64_t seq, const char *person, const char *how,
    struct zf_err *e)
{
	static const char sql[] = "UPDATE person_keys SET until_seq = ?, "
	    "ended = ? WHERE person = ? AND until_seq IS NULL";

	return zf_db_run(db, sql, e, "cannot record a key", "itt", seq, how,
	    person);
}

static int
put_key(struct zf_db *db, int64_t seq, const char *person, const char *vkey,
    const char *by, struct zf_err *e)
{
	static const char sql[] = "INSERT INTO person_keys (person, key, "
	    "vkey, from_seq, by) VALUES (?, ?, ?, ?, ?)";
	char *label = zf_vkey_label(vkey);
	int rc;

	if (label == NULL)
		return zf_fail(e, EX_DATAERR, "event %lld: '%s' is not a "
		    "verifier key", (long long)seq, vkey);
	rc = end_key(db, seq, person, "replaced", e);
	if (rc == 0)
		rc = zf_db_run(db, sql, e, "cannot record a key", "tttit",
		    person, label, vkey, seq, by);
	free(label);
	return rc;
}

int
zf_persons_apply_created(struct zf_db *db, int64_t seq, const char *actor,
    const struct zf_json *data, struct zf_err *e)
{
	const struct zf_json *keys = zf_json_get(data, "keys");
	size_t i;

	if (keys == NULL)
		return 0;
	for (i = 0; i < zf_json_len(keys); i++) {
		const char *vkey = zf_json_str(zf_json_value_at(keys, i));

		if (vkey == NULL || put_key(db, seq, zf_json_key_at(keys, i),
		    vkey, actor, e) != 0)
			return vkey == NULL ? zf_fail(e, EX_DATAERR, "event "
			    "%lld: a key that is not text", (long long)seq) :
			    e->code;
	}
	return 0;
}

int
zf_persons_apply_registered(struct zf_db *db, int64_t seq, const char *actor,
    const struct zf_json *data, struct zf_err *e)
{
	const char *person = zf_json_get_str(data, "person");
	const char *vkey = zf_json_get_str(data, "key");

	if (person == NULL || vkey == NULL)
		return zf_fail(e, EX_DATAERR, "event %lld: no person or key",
		    (long long)seq);
	return put_key(db, seq, person, vkey, actor, e);
}

int
zf_persons_apply_revoked(struct zf_db *db, int64_t seq, const char *actor,
    const struct zf_json *data, struct zf_err *e)
{
	const char *person = zf_json_get_str(data, "person");

	(void)actor;
	if (person == NULL)
		return zf_fail(e, EX_DATAERR, "event %lld: no person",
		    (long long)seq);
	return end_key(db, seq, person, "revoked", e);
}

int
zf_persons_key_in_force(struct zf_db *db, const char *person, char **vkey,
    int *any, struct zf_err *e)
{
	static const char sql[] = "SELECT vkey FROM person_keys "
	    "WHERE person = ? AND until_seq IS NULL";
	static const char sql_any[] = "SELECT count(*) FROM person_keys "
	    "WHERE from_seq >= ?";
	sqlite3_stmt *st;
	int64_t n;
	int rc;

	*vkey = NULL;
	if (zf_db_int(db, sql_any, 0, &n, e) != 0)
		return e->code;
	*any = n > 0;
	if ((st = zf_db_stmt(db, sql, e)) == NULL)
		return e->code;
	zf_db_bind_text(st, 1, person);
	rc = zf_db_row(db, st, e, "cannot read the personal keys");
	if (rc < 0)
		return e->code;
	if (rc == 1) {
		*vkey = xstrdup(zf_db_text(st, 0));
		sqlite3_reset(st);
	}
	return 0;
}

int64_t
zf_persons_revoked_at(struct zf_db *db, const char *label, struct zf_err *e)
{
	static const char sql[] = "SELECT until_seq FROM person_keys "
	    "WHERE key = ? AND ended = 'revoked'";
	sqlite3_stmt *st = zf_db_stmt(db, sql, e);
	int64_t at = -1;

	if (st == NULL)
		return -1;
	zf_db_bind_text(st, 1, label);
	if (zf_db_row(db, st, e, "cannot read the personal keys") == 1) {
		at = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	return at;
}
