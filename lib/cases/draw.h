/*
 * draw: the 双随机 draw (inspect-draw) — inspection targets and their
 * inspectors drawn at random, so that nobody, the drawer included, can
 * choose the outcome and anybody can check it.
 *
 * First a commitment is journaled (draw.committed): the SHA-256 of the
 * directory of targets (检查对象名录库, stored in the archive) as a
 * canonical list of name, code and field, the
 * officers qualified for each field on the day with their declared
 * conflicts (执法人员名录库), how many targets (N) and how many
 * inspectors each (M, two at least), and the public randomness that
 * will decide — a value that does not exist yet, named in words with the
 * date it becomes known.  Its SHA-256 over its canonical JSON is the
 * commitment's hash.  Once that date has come, the draw (draw.made)
 * takes the value, derives the seed from the commitment's hash and the
 * value, draws N targets and M inspectors for each, files an inspection
 * case for each target and journals the draw, all in one transaction.
 * The published record (commitment, value, result) and the directory
 * are all anyone needs to compute the draw again (zf_draw_verify).
 *
 * The algorithm, version 1 (inspect-draw(1) writes it out):
 *   seed  = SHA-256("zhifa-draw-v1" 0x00 || H(C) || V'), H(C) the 32
 *           bytes of the commitment's hash, V' the value's letters and
 *           digits (zf_draw_value_canonical);
 *   block i = SHA-256(seed || i as 8 bytes big-endian), i = 0, 1, ...;
 *           each block gives four 64-bit words, big-endian, in order;
 *   below(n): the next word w, skipped while w < 2^64 mod n; w mod n;
 *   targets: positions 0..K-1 of the directory in its order; for
 *           i = 0..N-1, j = i + below(K - i), swap positions i and j;
 *           the first N positions, in that order, are drawn;
 *   inspectors, for each drawn target in turn: the committed officers
 *           qualified for its field and without a conflict with it
 *           (its name or code), ordered by id (bytes); the same partial
 *           shuffle picks M of them, in that order.
 */
#ifndef ZF_DRAW_H
#define ZF_DRAW_H

#include <stddef.h>
#include <stdint.h>

struct zf_archive;
struct zf_err;
struct zf_json;

#define ZF_DRAW_MAX_TARGETS 100000
#define ZF_DRAW_MAX_INSPECTORS 16
#define ZF_DRAW_VALUE_MAX 256

/* An inspection target, as the directory gives it. */
struct zf_draw_target {
	char *name, *code, *address, *field, *item;
};

/*
 * Reads a directory of targets: CSV with a header row (name or 名称,
 * code or 统一社会信用代码, address or 地址, field or 领域, and
 * optionally item or 抽查事项), or a YAML list of mappings of the same
 * keys (file names ending .yaml or .yml).  Each needs a name, a valid
 * code, unique, and a field.  EX_DATAERR naming the row.
 */
int zf_draw_targets_parse(const char *file, const char *bytes, size_t len,
    struct zf_draw_target **out, size_t *n, struct zf_err *e);
void zf_draw_targets_free(struct zf_draw_target *t, size_t n);

/*
 * The directory as the commitment names it: a JSON array of {name, code,
 * field}, in the directory's order, in canonical form (malloc'd); sha
 * gets its SHA-256 as hex.  Addresses and items are no part of the draw,
 * and are not published.
 */
char *zf_draw_targets_canonical(const struct zf_draw_target *t, size_t n,
    char sha[65]);

/*
 * The value the seed is made with: the letters and digits of value, in
 * order, full-width forms as ASCII, letters in lower case (malloc'd);
 * NULL when it has none.  Spaces, punctuation and width do not matter.
 */
char *zf_draw_value_canonical(const char *value);

/*
 * The committed officers (an array, as the commitment holds them, by
 * id) who may inspect target g: its field among their fields, neither
 * its name nor its code among their conflicts.  Their number; out, when
 * not NULL, gets them, in order.
 */
size_t zf_draw_eligible(const struct zf_json *officers,
    const struct zf_draw_target *g, const struct zf_json **out);

/* The SHA-256 of the commitment's canonical JSON, as hex (65 bytes). */
void zf_draw_commitment_hash(const struct zf_json *commitment,
    char hex[65]);

/*
 * The draw of the commitment with the value, over the targets: a JSON
 * array of {target (its position), name, code, field, inspectors: [ids]}.
 * EX_DATAERR when the commitment is not one of version 1, or the
 * targets are not the ones it names (zf_draw_targets_canonical).
 */
int zf_draw_compute(const struct zf_json *commitment, const char *value,
    const struct zf_draw_target *t, size_t nt, struct zf_json **result,
    struct zf_err *e);

/*
 * Checks a published draw record {commitment, sha256, value, result}
 * against the directory's bytes: 0 when the draw computed again is the
 * record's; 1 when it differs (*why says how); EX_DATAERR when the record
 * is malformed, its hash wrong, or the directory not the committed one.
 */
int zf_draw_verify(const struct zf_json *record, const char *file,
    const char *bytes, size_t len, char *why, size_t whylen,
    struct zf_err *e);

/*
 * Journals a commitment: the directory read from path (stored), the
 * officers qualified today, count targets with inspectors each, decided
 * by randomness (words naming a date after today, YYYY-MM-DD).  *seq
 * gets the event, *record the commitment document {commitment, sha256}.
 * EX_NOPERM for a rule refused (too few targets or inspectors).
 */
int zf_draw_commit(struct zf_archive *a, const char *path, long count,
    long inspectors, const char *randomness, int64_t *seq,
    struct zf_json **record);

/*
 * Draws commitment seq with value, the directory at path, which must be
 * the committed one (NULL: the one the commitment stored): files the
 * cases and journals the draw in one
 * transaction.  *record gets {commitment, sha256, value, result}, each
 * result with its "case".  EX_NOPERM when the commitment is missing or
 * drawn, its date has not come, or the directory or officers changed.
 */
int zf_draw_make(struct zf_archive *a, int64_t seq, const char *path,
    const char *value, struct zf_json **record);

#endif
