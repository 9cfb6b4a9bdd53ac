/*
 * site-draws: the 双随机 draws (inspect-draw) on the site (双随机、一公开):
 * draws.html lists every commitment, drawn or not — when it was made,
 * what it draws, its hash and randomness — and, once drawn, the value
 * and the targets and inspectors drawn; beside it, each commitment
 * (draws/C<seq>.json), its directory as committed, without addresses
 * (draws/C<seq>-targets.json), and each draw's record (draws/D<seq>.json),
 * with which anyone computes it again (inspect-draw --verify).
 */
#ifndef ZF_SITE_DRAWS_H
#define ZF_SITE_DRAWS_H

#include "base/err.h"

struct zf_json;
struct zf_site;

/*
 * Emits the page and the files of standing's "draws": [{seq, time,
 * commitment: {commitment, sha256}, directory (its canonical text),
 * names: {id: name}, draw: {seq, time, record: {commitment, sha256,
 * value, result}} once drawn}], the latest first; nothing when there is
 * none.  EX_DATAERR when one is malformed.
 */
int zf_site_draws_emit(struct zf_site *s, const struct zf_json *draws,
    struct zf_err *e);

#endif
