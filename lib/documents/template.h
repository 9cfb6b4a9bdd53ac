/*
 * template: the text of an enforcement document with its fields, as a
 * bureau may replace it (doc-render(1) gives the format).
 *
 * A template is UTF-8 lines.  A line starting with '#' is a comment.
 * Lines starting with '@' say what the document is:
 *   @title NAME        its name (行政处罚事先告知书)
 *   @kinds K...        the kinds of case it is made in (all when absent)
 *   @number WHAT       its 文号: case (the case number), decision (the
 *                      decision's 文号), or the name of a template under
 *                      numbering.documents in zhifa.yaml; none when absent
 *   @stage STEP        the step whose document it is (its evidence stage)
 *   @after STEP...     steps that must be recorded before it is made
 *   @input NAME WHAT   a field typed by the maker (--set NAME=VALUE),
 *                      read as input.NAME
 * Every other line is a block of the document: KIND TEXT, KIND one of
 * title center right para plain heading row gap (doc.h); a row's cells
 * are separated by " | ".  "each LIST KIND TEXT" repeats the block for
 * each item of the list LIST, whose fields are read first from the item
 * (n is its number from 1); "if PATH KIND TEXT" makes the block only
 * when PATH has a value.  In TEXT, {PATH} is a field, PATH names joined
 * by '.', and {PATH|FILTER} a field made readable: date (2026年9月28日),
 * datetime (2026年9月28日10时00分), yuan (12345.60) and words (大写金额:
 * 壹万贰仟叁佰肆拾伍元陆角整), from fen or from yuan typed.  A field
 * without a value refuses the document, naming the field: a legal
 * document has no blanks.
 */
#ifndef ZF_TEMPLATE_H
#define ZF_TEMPLATE_H

#include <stddef.h>

#include "base/crypto.h"
#include "base/err.h"
#include "documents/doc.h"

struct zf_json;

struct zf_tpl_line {
	char *each;		/* the list it repeats over, or NULL */
	char *cond;		/* made only when this has a value, or NULL */
	enum zf_block_kind kind;
	char *text;
	unsigned lineno;
};

struct zf_tpl_input {
	char *name;
	char *what;
};

struct zf_template {
	char *name;		/* notice: what doc-render is given */
	char *title;
	char **kinds;		/* NULL-terminated; NULL: every kind */
	char *number;		/* case, decision, a numbering name, or NULL */
	char *stage;
	char **after;		/* NULL-terminated, or NULL */
	struct zf_tpl_input *inputs;
	size_t ninputs;
	struct zf_tpl_line *lines;
	size_t nlines;
	uint8_t sha256[ZF_DIGEST_LEN];	/* of its text */
};

/* Reads text[0..len) as the template name; EX_DATAERR names the line. */
int zf_template_parse(const char *name, const char *text, size_t len,
    struct zf_template *t, struct zf_err *e);
void zf_template_release(struct zf_template *t);
/* The input NAME declares, or NULL. */
const struct zf_tpl_input *zf_template_input(const struct zf_template *t,
    const char *name);

/*
 * Fills the template's blocks with the fields of root into d; used gets
 * each field filled, by its path ("evidence.2.title|date"), with the text
 * it gave.  A field without a value: EX_DATAERR naming it (and what
 * gives it, from hint(path), when hint is not NULL).
 */
typedef const char *(*zf_template_hint_fn)(const char *path);
int zf_template_fill(const struct zf_template *t, const struct zf_json *root,
    zf_template_hint_fn hint, struct zf_doc *d, struct zf_json *used,
    struct zf_err *e);

#endif
