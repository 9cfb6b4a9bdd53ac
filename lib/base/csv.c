/* csv: writing and reading spreadsheet files, with the formula mark. */
#include "base/csv.h"

#include <string.h>

#include "base/json.h"

/* Where the reader stands in a field. */
enum { START, PLAIN, QUOTED, QUOTE };

/* The first characters that make a spreadsheet read a formula, and '. */
static const char marked[] = "=+-@\t\r'";

int
zf_csv_marked(int c)
{
	return c != '\0' && strchr(marked, c) != NULL;
}

void
zf_csv_field(struct zf_buf *b, const char *s, int first)
{
	if (!first)
		zf_buf_addch(b, ',');
	zf_buf_addch(b, '"');
	if (zf_csv_marked((unsigned char)s[0]))
		zf_buf_addch(b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			zf_buf_addch(b, '"');
		zf_buf_addch(b, *s);
	}
	zf_buf_addch(b, '"');
}

void
zf_csv_row_end(struct zf_buf *b)
{
	zf_buf_addstr(b, "\r\n");
}

void
zf_csv_reader_init(struct zf_csv_reader *r, size_t field_max,
    zf_csv_row_fn row_fn, void *ctx)
{
	memset(r, 0, sizeof(*r));
	r->row_fn = row_fn;
	r->ctx = ctx;
	r->field_max = field_max;
	zf_buf_init(&r->field);
}

void
zf_csv_reader_release(struct zf_csv_reader *r)
{
	zf_json_free(r->row);
	r->row = NULL;
	zf_buf_release(&r->field);
}

/* The field read, as it was given: the mark taken off. */
static void
field_end(struct zf_csv_reader *r)
{
	const char *v = r->field.len ? r->field.data : "";
	size_t len = r->field.len;

	if (r->row == NULL)
		r->row = zf_json_array();
	if (len >= 2 && v[0] == '\'' && zf_csv_marked((unsigned char)v[1]))
		zf_json_push(r->row, zf_json_stringn(v + 1, len - 1));
	else
		zf_json_push(r->row, zf_json_stringn(v, len));
	zf_buf_reset(&r->field);
	r->state = START;
}

static void
row_end(struct zf_csv_reader *r)
{
	struct zf_json *row;

	field_end(r);
	row = r->row;
	r->row = NULL;
	if (r->row_fn(r->ctx, row) != 0)
		r->stopped = 1;
}

int
zf_csv_feed(struct zf_csv_reader *r, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n && !r->stopped; i++) {
		char ch = p[i];

		/* The byte order mark, before anything else. */
		if (r->bom >= 0) {
			if (ch == ZF_CSV_BOM[r->bom]) {
				if (++r->bom == 3) {
					r->had_bom = 1;
					r->bom = -1;
				}
				continue;
			}
			zf_buf_add(&r->field, ZF_CSV_BOM, (size_t)r->bom);
			r->state = r->bom > 0 ? PLAIN : START;
			r->bom = -1;
		}
		if (r->field.len > r->field_max) {
			r->stopped = 1;
			return ZF_CSV_LONG_FIELD;
		}
		switch (r->state) {
		case QUOTED:
			if (ch == '"')
				r->state = QUOTE;
			else
				zf_buf_addch(&r->field, ch);
			continue;
		case QUOTE:	/* a quote inside quotes: doubled, or the end */
			if (ch == '"') {
				zf_buf_addch(&r->field, ch);
				r->state = QUOTED;
				continue;
			}
			break;
		case START:
			if (ch == '"') {
				r->state = QUOTED;
				continue;
			}
			break;
		}
		if (ch == ',') {
			field_end(r);
		} else if (ch == '\n') {
			row_end(r);
		} else if (ch == '\r') {
			continue;
		} else if (r->state == QUOTE) {
			r->stopped = 1;
			return ZF_CSV_AFTER_QUOTE;
		} else {
			zf_buf_addch(&r->field, ch);
			r->state = PLAIN;
		}
	}
	return ZF_CSV_OK;
}

int
zf_csv_end(struct zf_csv_reader *r)
{
	if (r->stopped)
		return ZF_CSV_OK;
	if (r->state == QUOTED)
		return ZF_CSV_IN_QUOTES;
	if (r->field.len > 0 || r->row != NULL || r->state != START)
		row_end(r);
	return ZF_CSV_OK;
}
