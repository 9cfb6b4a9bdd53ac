/*
 * keys: the acts of person-key (persons.h holds the model): making a
 * person's key pair, and the head's registering, replacing and revoking
 * of keys, each one journaled event in its own transaction.
 */
#ifndef ZF_KEYS_H
#define ZF_KEYS_H

#include <stddef.h>
#include <stdint.h>

struct zf_archive;
struct zf_json;

/*
 * Makes a key pair for person at path (created 0600, never replaced);
 * *vkey gets its verifier key ("PERSON+KEYID+BASE64"), malloc'd.
 */
int zf_keys_new(struct zf_archive *a, const char *person, const char *path,
    char **vkey);

/*
 * Registers vkey (text as person-key new prints it) as person's key, or
 * replaces the one they hold: by the head.  In an archive that holds no
 * key yet, the head registers their own first, signed by it (own_key:
 * the private key's path, or NULL for the default place).  *seq gets the
 * event's number.
 */
int zf_keys_register(struct zf_archive *a, const char *person,
    const char *vkey, const char *own_key, int64_t *seq);

/* Ends the key person holds, with reason: by the head. */
int zf_keys_revoke(struct zf_archive *a, const char *person,
    const char *reason, int64_t *seq);

/* Every key ever registered, oldest first, as objects for the list. */
int zf_keys_list(struct zf_archive *a, struct zf_json **out);

#endif
