/* keys: making, registering and revoking personal keys. */
#include "record/keys.h"
#include "record/archive.h"
#include "record/handle.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/io.h"
#include "base/json.h"
#include "base/text.h"
#include "record/checkpoint.h"
#include "record/db.h"
#include "record/journal.h"
#include "record/persons.h"
#include "rules/config.h"
#include "rules/permissions.h"
#include "base/i18n.h"

int
zf_keys_new(struct zf_archive *a, const char *person, const char *path,
    char **vkey)
{
	struct zf_key *k;
	char msg[256];

	*vkey = NULL;
	if (zf_config_person(a->config, person) == NULL)
		return zf_fail(&a->err, EX_NOPERM, "'%s' is not a person in "
		    "the configuration in force", person);
	if (access(path, F_OK) == 0)
		return zf_fail(&a->err, EX_CANTCREAT, "'%s' exists: a key is "
		    "never overwritten (remove it first if it is lost to "
		    "use, and have the head revoke it)", path);
	if ((k = zf_key_generate(a->suite)) == NULL)
		return zf_fail(&a->err, EX_SOFTWARE, "cannot generate a key");
	if (zf_make_parents(path) != 0 ||
	    zf_key_save_private(k, path, msg, sizeof(msg)) != 0) {
		zf_key_free(k);
		return zf_fail(&a->err, EX_CANTCREAT, "cannot save the key to "
		    "'%s': %s", path, zf_make_parents(path) ? strerror(errno) :
		    msg);
	}
	*vkey = zf_note_key_vkey(k, a->suite, person);
	zf_key_free(k);
	return 0;
}

static int
head_only(struct zf_archive *a)
{
	return zf_may(a->config, a->actor, ZF_ACT_KEYS, NULL, &a->err);
}

/* The text of a verifier key as given: one line, trimmed. */
static char *
one_line(const char *text)
{
	size_t n = strcspn(text, "\r\n");

	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	while (n > 0 && (*text == ' ' || *text == '\t')) {
		text++;
		n--;
	}
	return xasprintf("%.*s", (int)n, text);
}

/* 1 when label was registered once and revoked. */
static int
was_revoked(struct zf_archive *a, const char *label)
{
	return zf_persons_revoked_at(a->db, label, &a->err) >= 0;
}

int
zf_keys_register(struct zf_archive *a, const char *person,
    const char *text, const char *own_key, int64_t *seq)
{
	uint8_t pub[ZF_PUBKEY_MAX];
	struct zf_json *data;
	char *vkey = one_line(text), *name = NULL, *label = NULL;
	char *held = NULL, *path = NULL, msg[256];
	struct zf_key *k = NULL;
	size_t len;
	int suite, any, rc;

	if ((rc = head_only(a)) != 0)
		goto out;
	if (zf_config_person(a->config, person) == NULL) {
		rc = zf_fail(&a->err, EX_DATAERR, "'%s' is not a person in "
		    "the configuration in force", person);
		goto out;
	}
	if (zf_note_vkey_parse(vkey, &suite, &name, pub, &len) != 0 ||
	    (label = zf_vkey_label(vkey)) == NULL ||
	    !zf_vkey_canonical(vkey)) {
		rc = zf_fail(&a->err, EX_DATAERR, "'%s' is not a public key "
		    "as person-key new prints it (PERSON+KEYID+BASE64)", vkey);
		goto out;
	}
	if (suite != a->suite || strcmp(name, person) != 0) {
		rc = zf_fail(&a->err, EX_DATAERR, "the key is %s's for an %s "
		    "archive, not %s's for this %s one", name,
		    zf_suite_name(suite), person, zf_suite_name(a->suite));
		goto out;
	}
	if (was_revoked(a, label)) {
		rc = zf_fail(&a->err, EX_NOPERM, "the key %s was revoked: a "
		    "revoked key is never registered again; make a new one "
		    "(person-key new)", label);
		goto out;
	}
	if ((rc = zf_persons_key_in_force(a->db, person, &held, &any,
	    &a->err)) != 0)
		goto out;
	if (held != NULL && strcmp(held, vkey) == 0) {
		rc = zf_fail(&a->err, EX_DATAERR, "%s holds this key already "
		    "(%s)", person, label);
		goto out;
	}
	if (!any) {
		/* The first key of an archive made before them: the head's
		 * own, which signs its registration. */
		if (strcmp(person, a->actor->id) != 0) {
			rc = zf_fail(&a->err, EX_NOPERM, "this archive holds "
			    "no key yet: the head registers their own first");
			goto out;
		}
		path = zf_person_key_path(a->id, person, own_key);
		if ((k = zf_key_load_private(a->suite, path, msg,
		    sizeof(msg))) == NULL) {
			rc = zf_fail(&a->err, errno == EINVAL ||
			    errno == EACCES || errno == ENOENT ? EX_NOPERM :
			    EX_IOERR, "the first key is signed by itself: %s's "
			    "private key '%s' cannot be used: %s", person, path,
			    msg);
			goto out;
		}
		free(held);
		held = zf_note_key_vkey(k, a->suite, person);
		if (strcmp(held, vkey) != 0) {
			rc = zf_fail(&a->err, EX_NOPERM, "'%s' is not the "
			    "private key of %s", path, label);
			goto out;
		}
		zf_archive_sign_as(a, k);
		k = NULL;
	} else if (a->actor_key == NULL &&
	    (rc = zf_archive_actor_key(a, own_key)) != 0) {
		goto out;
	}
	if ((rc = zf_archive_begin(a)) != 0)
		goto out;
	data = zf_json_object();
	zf_json_set_str(data, "person", person);
	zf_json_set_str(data, "key", vkey);
	if (held != NULL && any)
		zf_json_set_str(data, "replaces", held);
	if ((rc = zf_journal_append(a, "person.key_registered", NULL, data,
	    seq)) != 0 || (rc = zf_archive_commit(a)) != 0)
		zf_archive_abort(a);
out:
	zf_key_free(k);
	free(path);
	free(held);
	free(label);
	free(name);
	free(vkey);
	return rc;
}

int
zf_keys_revoke(struct zf_archive *a, const char *person, const char *reason,
    int64_t *seq)
{
	struct zf_json *data;
	const char *why;
	char *held = NULL;
	int any, rc;

	if ((rc = head_only(a)) != 0)
		return rc;
	if (reason == NULL || zf_text_check(reason, 1000, 0, &why) != 0)
		return zf_fail(&a->err, EX_DATAERR, "the reason %s",
		    reason ? why : _("is missing (--reason TEXT)"));
	if (strcmp(person, a->actor->id) == 0)
		return zf_fail(&a->err, EX_NOPERM, "the head does not revoke "
		    "their own key, or nobody could register the next one: "
		    "register a new one for yourself instead, which replaces "
		    "it");
	if ((rc = zf_persons_key_in_force(a->db, person, &held, &any,
	    &a->err)) != 0)
		return rc;
	if (held == NULL)
		return zf_fail(&a->err, EX_DATAERR, "%s holds no key to "
		    "revoke", person);
	if ((rc = zf_archive_begin(a)) == 0) {
		data = zf_json_object();
		zf_json_set_str(data, "person", person);
		zf_json_set_str(data, "key", held);
		zf_json_set_str(data, "reason", reason);
		if ((rc = zf_journal_append(a, "person.key_revoked", NULL,
		    data, seq)) != 0 || (rc = zf_archive_commit(a)) != 0)
			zf_archive_abort(a);
	}
	free(held);
	return rc;
}

int
zf_keys_list(struct zf_archive *a, struct zf_json **out)
{
	static const char sql[] = "SELECT k.person, k.key, k.vkey, "
	    "k.from_seq, f.time, k.by, k.until_seq, k.ended, u.time "
	    "FROM person_keys k JOIN journal f ON f.seq = k.from_seq "
	    "LEFT JOIN journal u ON u.seq = k.until_seq "
	    "ORDER BY k.from_seq, k.person";
	sqlite3_stmt *st = zf_db_stmt(a->db, sql, &a->err);
	struct zf_json *list = zf_json_array(), *o;
	int rc;

	*out = NULL;
	if (st == NULL) {
		zf_json_free(list);
		return a->err.code;
	}
	while ((rc = zf_db_row(a->db, st, &a->err,
	    "cannot read the personal keys")) == 1) {
		o = zf_json_object();
		zf_json_set_str(o, "person", zf_db_text(st, 0));
		zf_json_set_str(o, "key", zf_db_text(st, 1));
		zf_json_set_str(o, "vkey", zf_db_text(st, 2));
		zf_json_set_int(o, "since_seq", sqlite3_column_int64(st, 3));
		zf_json_set_str(o, "since", zf_db_text(st, 4));
		zf_json_set_str(o, "by", zf_db_text(st, 5));
		if (sqlite3_column_type(st, 6) == SQLITE_NULL) {
			zf_json_set_str(o, "state", "in force");
			zf_json_set_str(o, "until", NULL);
		} else {
			zf_json_set_str(o, "state", zf_db_text(st, 7));
			zf_json_set_int(o, "until_seq",
			    sqlite3_column_int64(st, 6));
			zf_json_set_str(o, "until", zf_db_text(st, 8));
		}
		zf_json_push(list, o);
	}
	if (rc < 0) {
		zf_json_free(list);
		return a->err.code;
	}
	*out = list;
	return 0;
}
