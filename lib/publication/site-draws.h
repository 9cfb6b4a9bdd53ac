/*
 * site-draws: the results of the 双随机 draws (inspect-draw) on the site
 * (双随机、一公开): draws.html lists each draw — when it was committed and
 * drawn, the randomness and its value, the targets drawn and their
 * inspectors — with, for each, its record (draws/SEQ.json) and its
 * directory (draws/SEQ-targets.csv or .yaml), with which anyone computes
 * it again (inspect-draw --verify).
 */
#ifndef ZF_SITE_DRAWS_H
#define ZF_SITE_DRAWS_H

#include "base/err.h"

struct zf_json;
struct zf_site;

/*
 * Emits the page and the files of standing's "draws": [{seq, day,
 * record: {commitment, sha256, value, result}, directory (its text),
 * names: {id: name}}], the latest first; nothing when there is none.
 * EX_DATAERR when a draw is malformed.
 */
int zf_site_draws_emit(struct zf_site *s, const struct zf_json *draws,
    struct zf_err *e);

#endif
