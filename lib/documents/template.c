/* template: a document's text with its fields, read and filled in. */
#include "documents/template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "base/money.h"
#include "base/text.h"
#include "base/utf8.h"
#include "rules/procedure.h"

/* The fields a template may name first (fields.h). */
static const char *const roots[] = { "agency", "case", "party", "officers",
    "officer_names", "evidence", "decision", "due", "step", "review",
    "today", "document", "input", NULL };
static const char *const filters[] = { "date", "datetime", "yuan", "words",
    NULL };

static const char *const block_names[] = { "title", "center", "right",
    "para", "plain", "heading", "row", "gap", NULL };

/* Splits s at spaces into a NULL-terminated list of words. */
static char **
words(const char *s)
{
	char **list = xcalloc(1, sizeof(*list));
	size_t n = 0, len;

	for (;;) {
		s += strspn(s, " \t");
		if ((len = strcspn(s, " \t")) == 0)
			return list;
		list = xrealloc(list, (n + 2) * sizeof(*list));
		list[n++] = xstrndup(s, len);
		list[n] = NULL;
		s += len;
	}
}

static void
free_words(char **list)
{
	size_t i;

	for (i = 0; list != NULL && list[i] != NULL; i++)
		free(list[i]);
	free(list);
}

/* The first word of *s, which is moved past it and the spaces after. */
static char *
take_word(const char **s)
{
	size_t len = strcspn(*s, " \t");
	char *w = xstrndup(*s, len);

	*s += len;
	*s += strspn(*s, " \t");
	return w;
}

static int
block_kind(const char *w)
{
	int i;

	for (i = 0; block_names[i] != NULL; i++)
		if (strcmp(w, block_names[i]) == 0)
			return i;
	return -1;
}

static int
bad(struct zf_err *e, const struct zf_template *t, unsigned lineno,
    const char *what, const char *word)
{
	if (lineno == 0)
		return zf_fail(e, EX_DATAERR, "template %s: %s '%.80s'",
		    t->name, what, word);
	return zf_fail(e, EX_DATAERR, "template %s, line %u: %s '%.80s'",
	    t->name, lineno, what, word);
}

/* 1 when the template declares the input of name[0..n). */
static int
declared(const struct zf_template *t, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < t->ninputs; i++)
		if (strlen(t->inputs[i].name) == n &&
		    strncmp(t->inputs[i].name, name, n) == 0)
			return 1;
	return 0;
}

static int
directive(struct zf_template *t, const char *s, unsigned lineno,
    struct zf_err *e)
{
	char *w = take_word(&s);
	int rc = 0;

	if (strcmp(w, "@title") == 0 && t->title == NULL && *s != '\0')
		t->title = xstrdup(s);
	else if (strcmp(w, "@kinds") == 0 && t->kinds == NULL)
		t->kinds = words(s);
	else if (strcmp(w, "@number") == 0 && t->number == NULL && *s != '\0')
		t->number = xstrdup(s);
	else if (strcmp(w, "@stage") == 0 && t->stage == NULL && *s != '\0')
		t->stage = xstrdup(s);
	else if (strcmp(w, "@after") == 0 && t->after == NULL)
		t->after = words(s);
	else if (strcmp(w, "@input") == 0 && *s != '\0') {
		struct zf_tpl_input *in;

		t->inputs = xrealloc(t->inputs, (t->ninputs + 1) *
		    sizeof(*t->inputs));
		in = &t->inputs[t->ninputs++];
		in->name = take_word(&s);
		in->what = xstrdup(*s != '\0' ? s : in->name);
	} else
		rc = bad(e, t, lineno, "unknown or repeated directive", w);
	free(w);
	return rc;
}

static int
block(struct zf_template *t, const char *s, unsigned lineno,
    struct zf_err *e)
{
	struct zf_tpl_line *l;
	char *w = take_word(&s);
	int kind;

	t->lines = xrealloc(t->lines, (t->nlines + 1) * sizeof(*t->lines));
	l = &t->lines[t->nlines++];
	memset(l, 0, sizeof(*l));
	l->lineno = lineno;
	if (strcmp(w, "each") == 0 || strcmp(w, "if") == 0) {
		char **to = w[0] == 'e' ? &l->each : &l->cond;

		*to = take_word(&s);
		free(w);
		w = take_word(&s);
	}
	if ((kind = block_kind(w)) < 0) {
		int rc = bad(e, t, lineno, "unknown block", w);

		free(w);
		return rc;
	}
	free(w);
	l->kind = (enum zf_block_kind)kind;
	l->text = xstrdup(s);
	return 0;
}

static int
one_of(const char *const *list, const char *s, size_t n)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (strlen(list[i]) == n && strncmp(list[i], s, n) == 0)
			return 1;
	return 0;
}

/*
 * A path a template names: its first name one of the roots (unless it
 * may be an item's, in an each line), an input one it declares.
 */
static int
check_path(const struct zf_template *t, const char *path, size_t n,
    int item, unsigned lineno, struct zf_err *e)
{
	size_t head = strcspn(path, ".");
	char *copy;
	int rc;

	if (head > n)
		head = n;
	if (n == 0 || (!item && !one_of(roots, path, head)) ||
	    (head == 5 && strncmp(path, "input", 5) == 0 && (n <= 6 ||
	    !declared(t, path + 6, n - 6)))) {
		copy = xstrndup(path, n);
		rc = bad(e, t, lineno, "no such field", copy);
		free(copy);
		return rc;
	}
	return 0;
}

/* The fields of a line's text: braces closed, paths and filters known. */
static int
check_text(const struct zf_template *t, const struct zf_tpl_line *l,
    struct zf_err *e)
{
	const char *p = l->text, *open, *close, *bar;
	int rc;

	if (l->kind == ZF_BLOCK_GAP && l->text[0] != '\0')
		return bad(e, t, l->lineno, "a gap holds no text", l->text);
	for (; (open = strchr(p, '{')) != NULL; p = close + 1) {
		if ((close = strchr(open, '}')) == NULL ||
		    memchr(open + 1, '{', (size_t)(close - open - 1)) != NULL)
			return bad(e, t, l->lineno, "a '{' without its '}'",
			    open);
		bar = memchr(open, '|', (size_t)(close - open));
		if ((rc = check_path(t, open + 1, (size_t)((bar ? bar :
		    close) - open - 1), l->each != NULL, l->lineno, e)) != 0)
			return rc;
		if (bar != NULL && !one_of(filters, bar + 1,
		    (size_t)(close - bar - 1)))
			return bad(e, t, l->lineno, "unknown filter (date, "
			    "datetime, yuan, words)", bar + 1);
	}
	if (strchr(p, '}') != NULL)
		return bad(e, t, l->lineno, "a '}' without its '{'", p);
	return 0;
}

/* What a template says of itself, checked once it is read whole. */
static int
check(const struct zf_template *t, struct zf_err *e)
{
	size_t i, j;
	int rc;

	for (i = 0; t->kinds != NULL && t->kinds[i] != NULL; i++)
		if (zf_case_kind_find(t->kinds[i]) == NULL)
			return bad(e, t, 0, "@kinds names no kind of case",
			    t->kinds[i]);
	if (t->kinds != NULL && t->kinds[0] == NULL)
		return bad(e, t, 0, "@kinds names no kind of case", "");
	for (i = 0; t->after != NULL && t->after[i] != NULL; i++)
		if (zf_step_find(t->after[i]) == NULL)
			return bad(e, t, 0, "@after names no step",
			    t->after[i]);
	if (t->stage != NULL && zf_step_find(t->stage) == NULL)
		return bad(e, t, 0, "@stage names no step", t->stage);
	for (i = 0; i < t->ninputs; i++)
		for (j = i + 1; j < t->ninputs; j++)
			if (strcmp(t->inputs[i].name, t->inputs[j].name) == 0)
				return bad(e, t, 0, "a second @input",
				    t->inputs[i].name);
	for (i = 0; i < t->nlines; i++) {
		const struct zf_tpl_line *l = &t->lines[i];

		if ((rc = check_text(t, l, e)) != 0 ||
		    (l->cond != NULL && (rc = check_path(t, l->cond,
		    strlen(l->cond), 0, l->lineno, e)) != 0) ||
		    (l->each != NULL && (rc = check_path(t, l->each,
		    strlen(l->each), 0, l->lineno, e)) != 0))
			return rc;
	}
	return 0;
}

int
zf_template_parse(const char *name, const char *text, size_t len,
    struct zf_template *t, struct zf_err *e)
{
	const char *p = text, *end = text + len, *nl;
	unsigned lineno = 0;
	char *line;
	int rc = 0;

	memset(t, 0, sizeof(*t));
	t->name = xstrdup(name);
	zf_digest_buf(ZF_SUITE_SHA256_ED25519, text, len, t->sha256);
	if (!zf_utf8_valid(text, len) || memchr(text, '\0', len) != NULL)
		return zf_fail(e, EX_DATAERR, "template %s is not UTF-8 text",
		    name);
	/* The byte order mark an editor may put first. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (; p < end && rc == 0; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		lineno++;
		line = xstrndup(p, (size_t)(nl - p));
		if (nl > p && line[nl - p - 1] == '\r')
			line[nl - p - 1] = '\0';
		if (line[0] == '@')
			rc = directive(t, line, lineno, e);
		else if (line[0] != '#' && line[strspn(line, " \t")] != '\0')
			rc = block(t, line, lineno, e);
		free(line);
	}
	if (rc == 0 && t->title == NULL)
		rc = zf_fail(e, EX_DATAERR, "template %s has no @title", name);
	if (rc == 0 && t->nlines == 0)
		rc = zf_fail(e, EX_DATAERR, "template %s has no text", name);
	return rc != 0 ? rc : check(t, e);
}

void
zf_template_release(struct zf_template *t)
{
	size_t i;

	for (i = 0; i < t->nlines; i++) {
		free(t->lines[i].each);
		free(t->lines[i].cond);
		free(t->lines[i].text);
	}
	for (i = 0; i < t->ninputs; i++) {
		free(t->inputs[i].name);
		free(t->inputs[i].what);
	}
	free(t->lines);
	free(t->inputs);
	free_words(t->kinds);
	free_words(t->after);
	free(t->name);
	free(t->title);
	free(t->number);
	free(t->stage);
	memset(t, 0, sizeof(*t));
}

const struct zf_tpl_input *
zf_template_input(const struct zf_template *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ninputs; i++)
		if (strcmp(t->inputs[i].name, name) == 0)
			return &t->inputs[i];
	return NULL;
}

/* The value at path (names joined by '.', a number indexing a list). */
static const struct zf_json *
lookup(const struct zf_json *v, const char *path)
{
	char *copy = xstrdup(path), *part, *save = NULL, *end;

	for (part = strtok_r(copy, ".", &save); part != NULL && v != NULL;
	    part = strtok_r(NULL, ".", &save)) {
		if (zf_json_type(v) == ZF_JSON_ARRAY) {
			unsigned long i = strtoul(part, &end, 10);

			v = *end == '\0' && i < zf_json_len(v) ?
			    zf_json_at(v, i) : NULL;
		} else
			v = zf_json_get(v, part);
	}
	free(copy);
	if (v != NULL && zf_json_type(v) == ZF_JSON_NULL)
		return NULL;
	if (v != NULL && zf_json_type(v) == ZF_JSON_STRING &&
	    zf_json_str(v)[0] == '\0')
		return NULL;
	return v;
}

/* A list's texts joined by 、. */
static int
joined(const struct zf_json *v, struct zf_buf *out)
{
	size_t i;

	for (i = 0; i < zf_json_len(v); i++) {
		const struct zf_json *x = zf_json_at(v, i);

		if (zf_json_type(x) != ZF_JSON_STRING)
			return -1;
		if (i > 0)
			zf_buf_addstr(out, "、");
		zf_buf_addstr(out, zf_json_str(x));
	}
	return zf_json_len(v) > 0 ? 0 : -1;
}

/* The amount in fen: an integer is fen, a text is yuan as typed. */
static int
fen_of(const struct zf_json *v, int64_t *fen)
{
	if (zf_json_type(v) == ZF_JSON_INT) {
		*fen = zf_json_int_value(v);
		return *fen >= 0 ? 0 : -1;
	}
	if (zf_json_type(v) == ZF_JSON_STRING)
		return zf_money_parse(zf_json_str(v), fen);
	return -1;
}

static int
date_of(const char *s, int time, struct zf_buf *out)
{
	int y, mo, d, h, mi;

	if (time && sscanf(s, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h,
	    &mi) == 5) {
		zf_buf_printf(out, "%d年%d月%d日%d时%02d分", y, mo, d, h, mi);
		return 0;
	}
	if (time || sscanf(s, "%4d-%2d-%2d", &y, &mo, &d) != 3)
		return -1;
	zf_buf_printf(out, "%d年%d月%d日", y, mo, d);
	return 0;
}

/* The value made readable by filter (NULL: as it is); -1: it cannot be. */
static int
readable(const struct zf_json *v, const char *filter, struct zf_buf *out)
{
	char money[ZF_MONEY_WORDS];
	int64_t fen;

	if (filter == NULL) {
		switch (zf_json_type(v)) {
		case ZF_JSON_STRING:
			zf_buf_addstr(out, zf_json_str(v));
			return 0;
		case ZF_JSON_INT:
			zf_buf_printf(out, "%lld",
			    (long long)zf_json_int_value(v));
			return 0;
		case ZF_JSON_BOOL:
			zf_buf_addstr(out, zf_json_bool_value(v) ? "是" : "否");
			return 0;
		case ZF_JSON_ARRAY:
			return joined(v, out);
		default:
			return -1;
		}
	}
	if (strcmp(filter, "date") == 0 || strcmp(filter, "datetime") == 0)
		return zf_json_type(v) == ZF_JSON_STRING ?
		    date_of(zf_json_str(v), filter[4] != '\0', out) : -1;
	if (fen_of(v, &fen) != 0)
		return -1;
	if (strcmp(filter, "yuan") == 0)
		zf_money_format(fen, money);
	else if (strcmp(filter, "words") == 0)
		zf_money_words(fen, money);
	else
		return -1;
	zf_buf_addstr(out, money);
	return 0;
}

struct fill {
	const struct zf_template *t;
	const struct zf_json *root;
	const struct zf_json *item;	/* of an each line, or NULL */
	const char *list;		/* its list's path */
	size_t index;
	zf_template_hint_fn hint;
	struct zf_json *used;
	struct zf_err *e;
};

static int
missing(struct fill *f, unsigned lineno, const char *path, const char *why)
{
	const char *h = f->hint != NULL ? f->hint(path) : NULL;

	return zf_fail(f->e, EX_DATAERR, "%s (%s) needs %s, %s (template "
	    "line %u)%s%s", f->t->title, f->t->name, path, why, lineno,
	    h != NULL ? ": " : "", h != NULL ? h : "");
}

/* One {PATH|FILTER}, given without its braces, added to out. */
static int
field(struct fill *f, unsigned lineno, char *spec, struct zf_buf *out)
{
	char *filter = strchr(spec, '|');
	const struct zf_json *v = NULL;
	struct zf_buf text;
	char *key;

	if (filter != NULL)
		*filter++ = '\0';
	if (f->item != NULL && strcmp(spec, "n") == 0) {
		zf_buf_printf(out, "%zu", f->index + 1);
		return 0;
	}
	if (f->item != NULL)
		v = lookup(f->item, spec);
	if (v == NULL)
		v = lookup(f->root, spec);
	if (v == NULL)
		return missing(f, lineno, spec, "which has no value");
	zf_buf_init(&text);
	if (readable(v, filter, &text) != 0) {
		zf_buf_release(&text);
		return missing(f, lineno, spec, filter != NULL ?
		    "which cannot be read as the filter asks" :
		    "which is not a text");
	}
	zf_buf_addstr(out, text.data);
	key = f->item != NULL && lookup(f->item, spec) != NULL ?
	    xasprintf("%s.%zu.%s%s%s", f->list, f->index, spec,
	    filter ? "|" : "", filter ? filter : "") :
	    xasprintf("%s%s%s", spec, filter ? "|" : "", filter ? filter : "");
	zf_json_set_str(f->used, key, text.data);
	free(key);
	zf_buf_release(&text);
	return 0;
}

/* The text with every field filled in, into out. */
static int
expand(struct fill *f, unsigned lineno, const char *text, struct zf_buf *out)
{
	const char *p = text, *open, *close;
	char *spec;
	int rc;

	while ((open = strchr(p, '{')) != NULL) {
		zf_buf_add(out, p, (size_t)(open - p));
		if ((close = strchr(open, '}')) == NULL)
			return zf_fail(f->e, EX_DATAERR, "template %s, line "
			    "%u: a '{' without its '}'", f->t->name, lineno);
		spec = xstrndup(open + 1, (size_t)(close - open - 1));
		rc = field(f, lineno, spec, out);
		free(spec);
		if (rc != 0)
			return rc;
		p = close + 1;
	}
	zf_buf_addstr(out, p);
	return 0;
}

/* A block; a row's cells are split before they are filled. */
static int
one_block(struct fill *f, const struct zf_tpl_line *l, struct zf_doc *d)
{
	struct zf_buf *cells = NULL;
	const char **texts;
	const char *p, *bar;
	char *cell;
	size_t i, n = 0;
	int rc = 0;

	for (p = l->text; rc == 0; p = bar + 3) {
		bar = l->kind == ZF_BLOCK_ROW ? strstr(p, " | ") : NULL;
		cell = bar != NULL ? xstrndup(p, (size_t)(bar - p)) :
		    xstrdup(p);
		cells = xrealloc(cells, (n + 1) * sizeof(*cells));
		zf_buf_init(&cells[n]);
		rc = expand(f, l->lineno, cell, &cells[n++]);
		free(cell);
		if (bar == NULL)
			break;
	}
	if (rc == 0 && l->kind != ZF_BLOCK_ROW)
		zf_doc_add(d, l->kind, cells[0].data);
	else if (rc == 0) {
		texts = xcalloc(n, sizeof(*texts));
		for (i = 0; i < n; i++)
			texts[i] = cells[i].data;
		zf_doc_add_row(d, texts, n);
		free(texts);
	}
	for (i = 0; i < n; i++)
		zf_buf_release(&cells[i]);
	free(cells);
	return rc;
}

int
zf_template_fill(const struct zf_template *t, const struct zf_json *root,
    zf_template_hint_fn hint, struct zf_doc *d, struct zf_json *used,
    struct zf_err *e)
{
	struct fill f;
	const struct zf_json *list;
	size_t i, j;
	int rc;

	memset(&f, 0, sizeof(f));
	f.t = t;
	f.root = root;
	f.hint = hint;
	f.used = used;
	f.e = e;
	for (i = 0; i < t->nlines; i++) {
		const struct zf_tpl_line *l = &t->lines[i];

		if (l->cond != NULL && lookup(root, l->cond) == NULL)
			continue;
		if (l->each == NULL) {
			if ((rc = one_block(&f, l, d)) != 0)
				return rc;
			continue;
		}
		list = lookup(root, l->each);
		if (list == NULL || zf_json_type(list) != ZF_JSON_ARRAY)
			return missing(&f, l->lineno, l->each, "which is not "
			    "a list with items");
		f.list = l->each;
		for (j = 0; j < zf_json_len(list); j++) {
			f.item = zf_json_at(list, j);
			f.index = j;
			if ((rc = one_block(&f, l, d)) != 0)
				return rc;
		}
		f.item = NULL;
	}
	return 0;
}
