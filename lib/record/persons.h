/*
 * persons: personal keys, and the signature every event carries.
 *
 * Each person acts with a key pair of the archive's suite (Ed25519, or
 * SM2 in sm3-sm2 archives).  The public half is registered in the
 * journal as a verifier key of the signed-note form, named after the
 * person ("zhangwei+1a2b3c4d+AQ..."): event 0 registers the first ones
 * (its "keys" member), person.key_registered registers or replaces one,
 * person.key_revoked ends one.  A key is in force for the events after
 * the one that registered it, up to and including the one that replaced
 * or revoked it; event 0 is signed by a key it registers, and so is the
 * first registration of an archive that had none.
 *
 * An event's signatures sit beside it, in the journal's sigs column:
 *
 *   [{"key":"zhangwei+1a2b3c4d","sig":"BASE64"}]
 *
 * over the message "zhifa event\n" followed by the event's 32-byte hash.
 */
#ifndef ZF_PERSONS_H
#define ZF_PERSONS_H

#include <stddef.h>
#include <stdint.h>

#include "base/crypto.h"
#include "base/err.h"
#include "rules/permissions.h"

struct zf_db;
struct zf_json;
struct zf_key;

#define ZF_EVENT_SIG_PREFIX "zhifa event\n"

/*
 * The private key of person for the archive id: path when given, else
 * $ZHIFA_PERSON_KEY, else $XDG_CONFIG_HOME/zhifa/keys/ID/PERSON.pem (by
 * default ~/.config/zhifa/keys/ID/PERSON.pem).  malloc'd.
 */
char *zf_person_key_path(const char *id, const char *person,
    const char *path);
/* The default place alone, whatever the environment says. */
char *zf_person_key_default(const char *id, const char *person);

/*
 * 1 when vkey is a verifier key in its one canonical form: what
 * zf_note_vkey writes for its name and key (lowercase key id, and the id
 * the key's own).
 */
int zf_vkey_canonical(const char *vkey);

/* "PERSON+KEYID" of a verifier key, malloc'd; NULL when malformed. */
char *zf_vkey_label(const char *vkey);

/* The sigs text for an event hash signed by k, labelled label. */
char *zf_event_sign(struct zf_key *k, const char *label,
    const uint8_t hash[ZF_DIGEST_LEN]);

/*
 * Checks that sigs holds a signature by vkey (of suite) over hash:
 * 0 when it does; 1 when none is by that key; 2 when one is and does
 * not verify; 3 when sigs is not a list of signatures.
 */
int zf_event_sig_check(int suite, const char *vkey,
    const uint8_t hash[ZF_DIGEST_LEN], const char *sigs);

/*
 * The key ring: who holds which key at a point of the journal, replayed
 * event by event (archive-verify), never read from the derived tables.
 */
struct zf_keyring;
struct zf_keyring *zf_keyring_new(void);
void zf_keyring_free(struct zf_keyring *r);
/* The verifier key in force for person, or NULL. */
const char *zf_keyring_vkey(const struct zf_keyring *r, const char *person);
/*
 * The ring as a JSON object {"keys": {PERSON: VKEY or null},
 * "registered": N}, and back (NULL when v is not one).
 */
struct zf_json *zf_keyring_save(const struct zf_keyring *r);
struct zf_keyring *zf_keyring_restore(const struct zf_json *v);
/* How many keys were ever registered. */
size_t zf_keyring_count(const struct zf_keyring *r);
/*
 * The key an event must be signed by: the one it registers for its own
 * actor (event 0's for its actor, or the first registration of an
 * archive that had none), else the actor's key in force.  NULL when the
 * actor holds none.
 */
const char *zf_keyring_signer(const struct zf_keyring *r, int64_t seq,
    const char *type, const char *actor, const struct zf_json *data);
/*
 * Takes in the key changes of event seq; 0, or -1 with why in err
 * (archive.created anywhere but at event 0 is one).
 */
int zf_keyring_apply(struct zf_keyring *r, int64_t seq, const char *type,
    const struct zf_json *data, char *err, size_t errlen);

/*
 * The act of the roles table an event of type is, when only the head
 * records it (keys, the configuration, a restore); else ZF_NACTS.
 */
enum zf_act zf_event_head_act(const char *type);

/* The appliers of the key events, for the derived table person_keys. */
int zf_persons_apply_created(struct zf_db *db, int64_t seq,
    const char *actor, const struct zf_json *data, struct zf_err *e);
int zf_persons_apply_registered(struct zf_db *db, int64_t seq,
    const char *actor, const struct zf_json *data, struct zf_err *e);
int zf_persons_apply_revoked(struct zf_db *db, int64_t seq,
    const char *actor, const struct zf_json *data, struct zf_err *e);

/*
 * The verifier key in force for person after the journal's last event,
 * from person_keys: 0 with *vkey malloc'd, or with *vkey NULL when the
 * person holds none; else the error's code.  *any is set to whether any
 * key was ever registered in the archive.
 */
int zf_persons_key_in_force(struct zf_db *db, const char *person,
    char **vkey, int *any, struct zf_err *e);

/* The event at which vkey's key was revoked, or -1. */
int64_t zf_persons_revoked_at(struct zf_db *db, const char *label,
    struct zf_err *e);

#endif
