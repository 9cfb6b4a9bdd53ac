/*
 * csv: spreadsheet files (RFC 4180), written and read back.
 *
 * The writer quotes every field, doubles the quotes inside it and ends
 * each record with CRLF; a file starts with the UTF-8 byte order mark
 * (ZF_CSV_BOM), by which Excel and WPS know the encoding.  A value that
 * a spreadsheet would take for a formula (one starting with = + - @, a
 * tab or a CR) is written with a leading ', the mark that makes Excel
 * and WPS show it as text; so is a value starting with ' itself, so that
 * the reader can always take the mark off and read back what was given.
 *
 * The reader is fed bytes as they come, in pieces of any size, and
 * hands each record to a function as an array of strings (base/json.h),
 * the marks taken off.  A byte order mark at the very start is skipped
 * (had_bom tells whether there was one); a CR outside quotes is
 * dropped, so CRLF and LF both end a record.  Text after a closing quote
 * and a field longer than the reader's limit are refused, and after a
 * refusal, or when the record function says stop, nothing more is read.
 * Memory: one record at a time.
 */
#ifndef ZF_CSV_H
#define ZF_CSV_H

#include <stddef.h>

#include "base/buf.h"

struct zf_json;

#define ZF_CSV_BOM "\xef\xbb\xbf"

/* 1 when a value starting with c is written with the mark ('). */
int zf_csv_marked(int c);

/* Appends s as one quoted field, after a comma unless it is the first. */
void zf_csv_field(struct zf_buf *b, const char *s, int first);
/* Ends the record. */
void zf_csv_row_end(struct zf_buf *b);

enum zf_csv_status {
	ZF_CSV_OK,
	ZF_CSV_LONG_FIELD,	/* a field is longer than field_max bytes */
	ZF_CSV_AFTER_QUOTE,	/* text after a closing quote */
	ZF_CSV_IN_QUOTES	/* the text ends inside a quoted field */
};

/*
 * Takes one record, an array of strings that it then owns.  Returning
 * non-zero stops the reading.
 */
typedef int (*zf_csv_row_fn)(void *ctx, struct zf_json *row);

struct zf_csv_reader {
	zf_csv_row_fn row_fn;
	void *ctx;
	size_t field_max;
	int state;		/* where in a field the last byte left it */
	int bom;		/* bytes of the byte order mark seen; -1 done */
	int had_bom;		/* the text started with one */
	int stopped;		/* refused, or the record function said so */
	struct zf_buf field;
	struct zf_json *row;	/* the fields of the record so far */
};

void zf_csv_reader_init(struct zf_csv_reader *r, size_t field_max,
    zf_csv_row_fn row_fn, void *ctx);
/*
 * Reads p[0..n): ZF_CSV_OK, or the refusal that stopped it (returned
 * once; a stopped reader reads nothing more and returns ZF_CSV_OK).
 */
int zf_csv_feed(struct zf_csv_reader *r, const char *p, size_t n);
/*
 * The end of the text: hands over the last record when it lacks its
 * line end.  ZF_CSV_IN_QUOTES (the unfinished record dropped) or
 * ZF_CSV_OK.
 */
int zf_csv_end(struct zf_csv_reader *r);
void zf_csv_reader_release(struct zf_csv_reader *r);

#endif
