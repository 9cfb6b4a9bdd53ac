/*
 * exchange: whole cases shared with another agency (case-export) — an
 * exchange bundle in the BagIt layout of zhifa-bundle(5), unlike a
 * publication bundle, which carries published records only.
 *
 * The bundle's payload:
 *   data/exchange.json    what it holds: the agency (name, code, origin,
 *                         verifier key), the agency it is for, whether it
 *                         is a judicial transfer (移送), when, and for
 *                         each case its id, number, kind, events, the
 *                         evidence carried and the evidence withheld;
 *                         and the SHA-256 of every other payload file
 *   data/cases/ID/events.jsonl
 *                         the case's events as the journal holds them:
 *                         {"seq", "hash", "body", "sigs"} a line, the
 *                         body the canonical event whose hash it is, the
 *                         signatures its actor's
 *   data/keys.json        the personal keys the events are signed with:
 *                         [{person, vkey, from_seq, until_seq}]
 *   data/objects/HEX      each document and piece of evidence carried, by
 *                         its digest (SHA-256 or SM3, the archive's)
 * and the tag file exchange-signature: a signed note of the agency key in
 * the form of a checkpoint (zf_checkpoint_text) whose origin is
 * "ORIGIN/exchange", size the number of cases and root the SHA-256 of
 * data/exchange.json.  Secret evidence (access secret) is withheld
 * unless the bundle is a judicial transfer.
 */
#ifndef ZF_EXCHANGE_H
#define ZF_EXCHANGE_H

#include <stddef.h>
#include <stdint.h>

struct zf_archive;
struct zf_buf;
struct zf_json;

struct zf_exchange_options {
	const char *const *cases;
	size_t ncases;
	const char *to;		/* the agency it is for, by name */
	int transfer;		/* 移送: secret evidence goes too */
	const char *out;	/* the bundle's path */
	int format;		/* enum zf_bundle_format */
};

/*
 * Writes the bundle and journals its export (cases.exported, with the
 * SHA-256 of its exchange.json) in one transaction, then puts it in
 * place.  *summary gets {bundle, to, transfer, sha256, cases: [{id,
 * events, evidence, withheld}]}.  The head alone shares case files.
 */
int zf_exchange_export(struct zf_archive *a,
    const struct zf_exchange_options *o, struct zf_json **summary);

/*
 * What an exchange bundle and an archival transfer package (transfer.h)
 * both carry.  The case's events as the journal holds them, appended
 * to b a line each, {"seq", "hash", "body", "sigs"} in canonical JSON;
 * *count gets how many.
 */
int zf_exchange_events(struct zf_archive *a, const char *id, struct zf_buf *b,
    int64_t *count);
/* The personal keys events are signed with, [{person, vkey, from_seq,
 * until_seq}] in canonical JSON (malloc'd). */
int zf_exchange_keys(struct zf_archive *a, char **text);

#endif
