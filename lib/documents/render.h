/*
 * render: doc-render — a case's enforcement document, filled from its
 * record by a template, stored as its evidence and journaled.
 *
 * In one write transaction: the fields are read, the 文号 assigned (from
 * numbering.documents, once for each kind of document in a case: a
 * corrected document made again keeps its number; never one already
 * held by another document or decision), the verification code made,
 * the .docx written and stored as the case's evidence (evidence.added),
 * and document.rendered journaled with every field it was filled with.
 * The verification code is the first 80 bits, in base32, of the
 * SHA-256 of the canonical JSON of the event's "signed" member: the
 * agency, case, document, title, 文号, date, serial, template digest and
 * fields; anyone holding the event recomputes it (zf_render_check).
 */
#ifndef ZF_RENDER_H
#define ZF_RENDER_H

#include <stddef.h>

#include "base/buf.h"

struct zf_archive;
struct zf_json;

struct zf_render_input {
	const char *case_id;
	const char *type;		/* the document: notice */
	const char *template_file;	/* or NULL: the bureau's, or built in */
	const char *const *sets;	/* NAME=VALUE: the template's inputs */
	size_t nsets;
};

struct zf_rendered {
	char *title;
	char *number;		/* its 文号, or NULL */
	char *code;		/* the verification code */
	char *evidence_id;
	struct zf_buf docx;
	struct zf_buf html;
};

/* The documents there are: name and title, built in or the bureau's. */
int zf_render_list(struct zf_json **out);
int zf_render(struct zf_archive *a, const struct zf_render_input *in,
    struct zf_rendered *out);
void zf_rendered_release(struct zf_rendered *r);

/*
 * Finds the document of a verification code (any case, dashes and case
 * ignored), recomputes the code from its journaled event, and gives
 * {code, case, number, type, title, date, evidence, sha256, seq, actor,
 * actor_name, made, superseded_by (the code of a later document of
 * the same kind in the case, or null)}; EX_NOINPUT when no document
 * has it, EX_DATAERR when the event does not give the code.
 */
int zf_render_check(struct zf_archive *a, const char *code,
    struct zf_json **out);
/* The code of an event's "signed" member (out: 20 bytes). */
void zf_render_code(const struct zf_json *signed_part, char out[20]);

#endif
