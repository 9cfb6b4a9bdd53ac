/*
 * t-draw: the 双随机 draw computed from its inputs — the same inputs
 * give the same draw (a pinned answer), another value another draw,
 * targets and inspectors uniform over many values (chi-square), and
 * never an officer unqualified for the target's field or in conflict
 * with it; a directory not the committed one is refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "base/err.h"
#include "base/json.h"
#include "cases/draw.h"

#define TARGETS 10
#define VALUES 4000

/* A unified social credit code of serial n, with its check character. */
static void
uscc(int n, char out[19])
{
	static const char cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int w[] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13,
		8, 24, 10, 30, 28 };
	char body[32];
	int s = 0, i;

	snprintf(body, sizeof(body), "91330327%09d", 1000 + n % 100000);
	memcpy(out, body, 17);
	for (i = 0; i < 17; i++)
		s += (int)(strchr(cs, out[i]) - cs) * w[i];
	out[17] = cs[(31 - s % 31) % 31];
	out[18] = '\0';
}

static void
officer(struct zf_json *list, const char *id, const char *fields,
    const char *conflict)
{
	struct zf_json *o = zf_json_object(), *f = zf_json_array();
	struct zf_json *c = zf_json_array();
	char *copy = strdup(fields), *p = copy, *w;

	while ((w = strsep(&p, " ")) != NULL)
		zf_json_push(f, zf_json_string(w));
	free(copy);
	if (conflict != NULL)
		zf_json_push(c, zf_json_string(conflict));
	zf_json_set_str(o, "id", id);
	zf_json_set(o, "fields", f);
	zf_json_set(o, "conflicts", c);
	zf_json_push(list, o);
}

/* Ten targets, the even ones 建筑市场, the odd ones 消防; target 3's
 * code is a conflict of officer "d". */
static char *
directory(size_t *len, char codes[TARGETS][19])
{
	struct zf_buf b;
	int i;

	zf_buf_init(&b);
	zf_buf_addstr(&b, "name,code,field\n");
	for (i = 0; i < TARGETS; i++) {
		uscc(i, codes[i]);
		zf_buf_printf(&b, "公司%d,%s,%s\n", i, codes[i], i % 2 ?
		    "消防" : "建筑市场");
	}
	return zf_buf_detach(&b, len);
}

static struct zf_json *
commitment(const char *sha, int count, int inspectors, const char *c3)
{
	struct zf_json *c = zf_json_object(), *t = zf_json_object();
	struct zf_json *o = zf_json_array();

	zf_json_set_int(c, "v", 1);
	zf_json_set_str(t, "sha256", sha);
	zf_json_set_int(t, "count", TARGETS);
	zf_json_set(c, "targets", t);
	officer(o, "a", "建筑市场 消防", NULL);
	officer(o, "b", "建筑市场", NULL);
	officer(o, "c", "消防 城乡规划", NULL);
	officer(o, "d", "建筑市场 消防", c3);
	officer(o, "e", "城乡规划", NULL);
	officer(o, "f", "消防 建筑市场", NULL);
	zf_json_set(c, "officers", o);
	zf_json_set_int(c, "count", count);
	zf_json_set_int(c, "inspectors", inspectors);
	zf_json_set_str(c, "randomness", "某彩票 2026-12-03 开奖号码");
	zf_json_set_str(c, "available", "2026-12-03");
	return c;
}

/* Pearson's chi-square of counts against a uniform expectation. */
static double
chi_square(const long *counts, int k, long total)
{
	double e = (double)total / k, x = 0;
	int i;

	for (i = 0; i < k; i++)
		x += (counts[i] - e) * (counts[i] - e) / e;
	return x;
}

int
main(void)
{
	char codes[TARGETS][19], sha[65], value[32], *bytes, *text;
	struct zf_draw_target *t;
	struct zf_json *c, *r, *r2;
	long first[TARGETS] = { 0 }, pairs[6 * 6] = { 0 };
	long bad = 0, fire = 0;
	struct zf_err e;
	size_t len, nt;
	int i, j;

	CHECK_PLAN(17);
	bytes = directory(&len, codes);
	CHECK(zf_draw_targets_parse("t.csv", bytes, len, &t, &nt, &e) == 0);
	CHECK_INT(nt, TARGETS);
	free(zf_draw_targets_canonical(t, nt, sha));

	/* The same inputs, the same draw: the answer pinned here is what
	 * inspect-draw(1)'s algorithm gives, on any machine (an implementation
	 * of its text in Python, tests/cli/draw.py, gives it too). */
	c = commitment(sha, 3, 2, codes[3]);
	CHECK(zf_draw_compute(c, "01 05 12 19 27 33 + 08", t, nt, &r,
	    &e) == 0);
	text = zf_json_canonical(r, NULL);
	CHECK_STR(text, "[{\"code\":\"91330327000001004B\",\"field\":"
	    "\"建筑市场\",\"inspectors\":[\"f\",\"b\"],\"name\":\"公司4\","
	    "\"target\":4},{\"code\":\"91330327000001009T\",\"field\":"
	    "\"消防\",\"inspectors\":[\"a\",\"d\"],\"name\":\"公司9\","
	    "\"target\":9},{\"code\":\"91330327000001005E\",\"field\":"
	    "\"消防\",\"inspectors\":[\"f\",\"a\"],\"name\":\"公司5\","
	    "\"target\":5}]");
	free(text);
	CHECK(zf_draw_compute(c, "01 05 12 19 27 33 + 08", t, nt, &r2,
	    &e) == 0);
	{
		char *x = zf_json_canonical(r, NULL);
		char *y = zf_json_canonical(r2, NULL);

		CHECK_STR(x, y);
		free(x);
		free(y);
	}
	zf_json_free(r2);
	/* Another value, another draw. */
	CHECK(zf_draw_compute(c, "02 05 12 19 27 33 + 08", t, nt, &r2,
	    &e) == 0);
	{
		char *x = zf_json_canonical(r, NULL);
		char *y = zf_json_canonical(r2, NULL);

		CHECK(strcmp(x, y) != 0);
		free(x);
		free(y);
	}
	zf_json_free(r);
	zf_json_free(r2);
	zf_json_free(c);

	/*
	 * Over VALUES values: the first target drawn is uniform over the
	 * ten, and the ordered pair of inspectors of a 消防 target over its
	 * qualified officers without conflict; no other officer is ever
	 * drawn.  Critical values of chi-square at p = 0.001: 27.88 for 9
	 * degrees of freedom, 31.26 for 11 (消防, officers a c d f: 12
	 * pairs; d in conflict with target 3 only).
	 */
	c = commitment(sha, TARGETS, 2, codes[3]);
	for (i = 0; i < VALUES; i++) {
		snprintf(value, sizeof(value), "value %d", i);
		if (zf_draw_compute(c, value, t, nt, &r, &e) != 0) {
			bad++;
			continue;
		}
		for (j = 0; j < TARGETS; j++) {
			const struct zf_json *x = zf_json_at(r, (size_t)j);
			const struct zf_json *ids = zf_json_get(x,
			    "inspectors");
			const char *i0 = zf_json_str(zf_json_at(ids, 0));
			const char *i1 = zf_json_str(zf_json_at(ids, 1));
			int64_t k;
			size_t m;

			zf_json_get_int(x, "target", &k);
			if (j == 0)
				first[k]++;
			for (m = 0; m < zf_json_len(ids); m++) {
				const char *id = zf_json_str(zf_json_at(ids,
				    m));
				int ok = k % 2 ? strchr("acdf", *id) != NULL :
				    strchr("abdf", *id) != NULL;

				if (!ok || (k == 3 && *id == 'd') ||
				    strlen(id) != 1)
					bad++;
			}
			if (zf_json_len(ids) != 2 || strcmp(i0, i1) == 0)
				bad++;
			if (k == 1) {
				pairs[(*i0 - 'a') * 6 + (*i1 - 'a')]++;
				fire++;
			}
		}
		zf_json_free(r);
	}
	CHECK_INT(bad, 0);
	CHECK(chi_square(first, TARGETS, VALUES) < 27.88);
	{
		static const char four[] = "acdf";
		long cells[12];
		int n = 0;

		for (i = 0; i < 4; i++)
			for (j = 0; j < 4; j++)
				if (i != j)
					cells[n++] = pairs[(four[i] - 'a') * 6 +
					    (four[j] - 'a')];
		CHECK_INT(fire, VALUES);
		CHECK(chi_square(cells, 12, fire) < 31.26);
	}
	zf_json_free(c);

	/* A directory other than the one committed to is refused; one that
	 * differs only in spaces and line ends is the same directory. */
	c = commitment(sha, 3, 2, NULL);
	{
		struct zf_draw_target *t2;
		size_t n2;
		char *other = strdup(bytes), *p = strstr(other, "公司5");

		memcpy(p, "企业", strlen("企业"));	/* 公司5 → 企业5 */
		zf_draw_targets_parse("t.csv", other, strlen(other), &t2, &n2,
		    &e);
		CHECK_INT(zf_draw_compute(c, "v", t2, n2, &r, &e), EX_DATAERR);
		CHECK(strstr(e.msg, "not the one committed to") != NULL);
		zf_draw_targets_free(t2, n2);
		free(other);
	}
	/* The value's letters and digits decide, not its spelling. */
	{
		char *x = zf_draw_value_canonical(" 01 05 12 19 27 33 ＋ ０8 ");
		char *y = zf_draw_value_canonical("ab\xe2\x80\x8b-CD");

		CHECK_STR(x, "01051219273308");
		CHECK_STR(y, "abcd");
		CHECK(zf_draw_value_canonical(" + - ") == NULL);
		free(x);
		free(y);
	}
	zf_json_free(c);
	zf_draw_targets_free(t, nt);
	free(bytes);
	return check_report("t-draw");
}
