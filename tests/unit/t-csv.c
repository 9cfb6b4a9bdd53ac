/*
 * t-csv: the spreadsheet writer and reader: quoting, quotes, commas and
 * line breaks inside fields, the formula mark put on and taken off, the
 * byte order mark, pieces of any size, and the refusals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/csv.h"
#include "base/json.h"
#include "check.h"

/* The records read, each as its canonical JSON, one per line. */
struct got {
	struct zf_buf text;
	size_t rows;
	size_t stop_after;	/* 0: never stop */
};

static int
take(void *ctx, struct zf_json *row)
{
	struct got *g = ctx;
	char *s = zf_json_canonical(row, NULL);

	zf_buf_addstr(&g->text, s);
	zf_buf_addch(&g->text, '\n');
	free(s);
	zf_json_free(row);
	g->rows++;
	return g->stop_after != 0 && g->rows == g->stop_after;
}

/*
 * Reads text in pieces of step bytes (all at once when 0): the status
 * of the feeding or, when that is fine, of the end; the records in g.
 */
static int
read_csv(const char *text, size_t len, size_t step, size_t field_max,
    struct got *g)
{
	struct zf_csv_reader r;
	size_t at, n;
	int rc = ZF_CSV_OK, had_bom;

	zf_buf_init(&g->text);
	g->rows = 0;
	zf_csv_reader_init(&r, field_max, take, g);
	for (at = 0; at < len && rc == ZF_CSV_OK; at += n) {
		n = step == 0 || len - at < step ? len - at : step;
		rc = zf_csv_feed(&r, text + at, n);
	}
	if (rc == ZF_CSV_OK)
		rc = zf_csv_end(&r);
	had_bom = r.had_bom;
	zf_csv_reader_release(&r);
	return rc == ZF_CSV_OK ? -had_bom : rc;
}

static void
check_read(const char *text, const char *want)
{
	struct got g = { { NULL, 0, 0 }, 0, 0 };
	size_t step;

	/* The same records whatever the size of the pieces. */
	for (step = 0; step <= 3; step++) {
		read_csv(text, strlen(text), step, 1 << 20, &g);
		CHECK_STR(g.text.data, want);
		zf_buf_release(&g.text);
	}
}

/* fields, up to a NULL, as one row without its end. */
static void
write_fields(struct zf_buf *b, const char *const *fields)
{
	size_t i;

	for (i = 0; fields[i] != NULL; i++)
		zf_csv_field(b, fields[i], i == 0);
}

static void
test_writer(void)
{
	static const char *const plain[] = {
		"plain", "a,b", "say \"hi\"", "two\nlines", "", NULL
	};
	static const char *const formulas[] = {
		"=SUM(A1:A9)", "+86 138", "-5", "@cmd", "\tx", "\rx",
		"'quoted", "a=b", "中文", NULL
	};
	struct zf_buf b;

	zf_buf_init(&b);
	write_fields(&b, plain);
	zf_csv_row_end(&b);
	CHECK_STR(b.data,
	    "\"plain\",\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\r\n");

	/* Formulas are marked as text, and so is a leading '. */
	zf_buf_reset(&b);
	write_fields(&b, formulas);
	CHECK_STR(b.data,
	    "\"'=SUM(A1:A9)\",\"'+86 138\",\"'-5\",\"'@cmd\",\"'\tx\","
	    "\"'\rx\",\"''quoted\",\"a=b\",\"中文\"");
	zf_buf_release(&b);

	CHECK(zf_csv_marked('='));
	CHECK(zf_csv_marked('\''));
	CHECK(!zf_csv_marked('a'));
	CHECK(!zf_csv_marked('\0'));
	CHECK(!zf_csv_marked('"'));
}

static void
test_reader(void)
{
	check_read("a,b\r\n1,2\r\n", "[\"a\",\"b\"]\n[\"1\",\"2\"]\n");
	check_read("a,b\n1,2", "[\"a\",\"b\"]\n[\"1\",\"2\"]\n");
	check_read("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n",
	    "[\"a,b\",\"say \\\"hi\\\"\",\"two\\r\\nlines\"]\n");
	/* Empty fields and lines. */
	check_read("a,,\"\"\n\n", "[\"a\",\"\",\"\"]\n[\"\"]\n");
	check_read("", "");
	check_read("x,", "[\"x\",\"\"]\n");
	/* A quote inside an unquoted field is text. */
	check_read("ab\"c\n", "[\"ab\\\"c\"]\n");
	/* The mark comes off only where the writer puts it. */
	check_read("\"'=1\",'+2,\"''a\",'x,',\"'\"\n",
	    "[\"=1\",\"+2\",\"'a\",\"'x\",\"'\",\"'\"]\n");
	/* A byte order mark is no part of the first field. */
	check_read("\xef\xbb\xbf\"h\"\n", "[\"h\"]\n");
	check_read("\xef\xbb", "");
}

static int
keep_first(void *ctx, struct zf_json *row)
{
	struct zf_buf *b = ctx;

	zf_buf_add(b, zf_json_str(zf_json_at(row, 0)),
	    zf_json_strlen(zf_json_at(row, 0)));
	zf_json_free(row);
	return 0;
}

/* The start of a byte order mark that is not one is text. */
static void
test_broken_bom(void)
{
	struct zf_csv_reader r;
	struct zf_buf b;

	zf_buf_init(&b);
	zf_csv_reader_init(&r, 64, keep_first, &b);
	CHECK_INT(zf_csv_feed(&r, "\xef\xbb", 2), ZF_CSV_OK);
	CHECK_INT(zf_csv_feed(&r, "X,y\n", 4), ZF_CSV_OK);
	CHECK_INT(zf_csv_end(&r), ZF_CSV_OK);
	CHECK(!r.had_bom);
	CHECK_INT(b.len, 3);
	CHECK(memcmp(b.data, "\xef\xbbX", 3) == 0);
	zf_csv_reader_release(&r);
	zf_buf_release(&b);
}

/* What the writer writes, the reader reads back as it was. */
static void
test_round_trip(void)
{
	static const char *const values[] = { "=HYPERLINK(\"x\")", "+1",
		"-", "@", "'", "''", "\t", "a\r\nb", "\"", ",", "", "普通",
		"'=already marked", NULL };
	struct zf_buf b, want;
	struct zf_json *row = zf_json_array();
	struct got g;
	char *s;
	size_t i;

	zf_buf_init(&b);
	zf_buf_init(&want);
	zf_buf_addstr(&b, ZF_CSV_BOM);
	for (i = 0; values[i] != NULL; i++) {
		zf_csv_field(&b, values[i], i == 0);
		zf_json_push(row, zf_json_string(values[i]));
	}
	zf_csv_row_end(&b);
	s = zf_json_canonical(row, NULL);
	zf_buf_addstr(&want, s);
	zf_buf_addch(&want, '\n');
	memset(&g, 0, sizeof(g));
	CHECK_INT(read_csv(b.data, b.len, 0, 1 << 20, &g), -1);
	CHECK_STR(g.text.data, want.data);
	zf_buf_release(&g.text);
	CHECK_INT(read_csv(b.data, b.len, 1, 1 << 20, &g), -1);
	CHECK_STR(g.text.data, want.data);
	zf_buf_release(&g.text);
	free(s);
	zf_json_free(row);
	zf_buf_release(&b);
	zf_buf_release(&want);
}

static void
test_refusals(void)
{
	static const char after[] = "a\n\"b\"c\nd\n";
	static const char unclosed[] = "a\n\"open\nnever closed";
	static const char lng[] = "abcd\nabcde\nx\n";
	static const char stop[] = "a\nb\n\"c";
	struct got g;
	size_t step;

	memset(&g, 0, sizeof(g));
	for (step = 0; step <= 2; step++) {
		CHECK_INT(read_csv(after, strlen(after), step, 64, &g),
		    ZF_CSV_AFTER_QUOTE);
		CHECK_STR(g.text.data, "[\"a\"]\n");
		zf_buf_release(&g.text);
		CHECK_INT(read_csv(unclosed, strlen(unclosed), step, 64, &g),
		    ZF_CSV_IN_QUOTES);
		CHECK_STR(g.text.data, "[\"a\"]\n");
		zf_buf_release(&g.text);
		/* A field may reach the limit, not pass it. */
		CHECK_INT(read_csv(lng, strlen(lng), step, 4, &g),
		    ZF_CSV_LONG_FIELD);
		CHECK_STR(g.text.data, "[\"abcd\"]\n");
		zf_buf_release(&g.text);
	}
	/* The record function stops the reading. */
	g.stop_after = 1;
	CHECK_INT(read_csv(stop, strlen(stop), 0, 64, &g), 0);
	CHECK_INT(g.rows, 1);
	zf_buf_release(&g.text);
}

int
main(void)
{
	CHECK_PLAN(77);
	test_writer();
	test_reader();
	test_broken_bom();
	test_round_trip();
	test_refusals();
	return check_report("t-csv");
}
