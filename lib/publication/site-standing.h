/*
 * site-standing: the standing information of the site (事前公开, site.h's
 * standing shape), checked, and the body of its page standing.html.
 */
#ifndef ZF_SITE_STANDING_H
#define ZF_SITE_STANDING_H

#include "base/buf.h"
#include "base/err.h"
#include "publication/site-page.h"

struct zf_json;

/*
 * The agency object of standing, and its name, address and phone (the
 * banners and footers show them) in text[0..2]; EX_DATAERR when missing.
 */
int zf_site_standing_agency(const struct zf_json *standing,
    const struct zf_json **agency, const char *text[3], struct zf_err *e);
/* The body of the standing page in b; EX_DATAERR when standing is bad. */
int zf_site_standing_build(struct zf_buf *b, const struct zf_site *s,
    const struct zf_json *standing, const struct zf_json *agency,
    struct zf_err *e);

#endif
