/* money: yuan as typed to integer fen and back, without floating point. */
#include "base/money.h"

#include <stdio.h>
#include <string.h>

#define FEN_MAX		INT64_C(1000000000000000)	/* 10^15 */
#define YUAN_MAX	(FEN_MAX / 100)

/* UTF-8 of U+00A5 YEN SIGN, U+FFE5 FULLWIDTH YEN SIGN and 元. */
static const char *const currency_signs[] = { "\xc2\xa5", "\xef\xbf\xa5" };
static const char yuan_suffix[] = "\xe5\x85\x83";

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/*
 * The integer part: digits, or digits grouped by threes with commas
 * ("50,000", not "5,0000" or "50,00").  Advances *p past it.
 */
static int
take_yuan(const char **p, const char *end, int64_t *yuan)
{
	const char *s = *p;
	int64_t v = 0;
	int group = 0, grouped = 0, any = 0;

	for (; s < end; s++) {
		if (*s == ',') {
			if (group == 0 || (grouped ? group != 3 : group > 3))
				return -1;
			grouped = 1;
			group = 0;
			continue;
		}
		if (!is_digit((unsigned char)*s))
			break;
		v = v * 10 + (*s - '0');
		if (v > YUAN_MAX)
			return -1;
		group++;
		any = 1;
	}
	if (!any || (grouped && group != 3))
		return -1;
	*yuan = v;
	*p = s;
	return 0;
}

int
zf_money_parse(const char *s, int64_t *fen)
{
	const char *end;
	int64_t yuan, cents = 0;
	size_t i, n, suffix = sizeof(yuan_suffix) - 1;
	int has_sign = 0;

	if (s == NULL)
		return -1;
	for (i = 0; i < sizeof(currency_signs) / sizeof(currency_signs[0]);
	    i++) {
		n = strlen(currency_signs[i]);
		if (strncmp(s, currency_signs[i], n) == 0) {
			s += n;
			has_sign = 1;
			break;
		}
	}
	end = s + strlen(s);
	/* A sign or a unit, not both: "¥5元" is refused. */
	if (!has_sign && (size_t)(end - s) >= suffix &&
	    memcmp(end - suffix, yuan_suffix, suffix) == 0)
		end -= suffix;

	if (take_yuan(&s, end, &yuan) < 0)
		return -1;
	if (s < end && *s == '.') {
		s++;
		for (n = 0; n < 2 && s < end && is_digit((unsigned char)*s);
		    n++, s++)
			cents = cents * 10 + (*s - '0');
		if (n == 0)
			return -1;
		if (n == 1)
			cents *= 10;
	}
	if (s != end || yuan * 100 + cents > FEN_MAX)
		return -1;
	*fen = yuan * 100 + cents;
	return 0;
}

void
zf_money_format(int64_t fen, char out[24])
{
	uint64_t magnitude;
	const char *sign = "";

	/* Negative amounts are never parsed but may come from arithmetic. */
	if (fen < 0) {
		sign = "-";
		magnitude = (uint64_t)0 - (uint64_t)fen;
	} else {
		magnitude = (uint64_t)fen;
	}
	if (magnitude % 100 == 0)
		snprintf(out, 24, "%s%llu", sign,
		    (unsigned long long)(magnitude / 100));
	else
		snprintf(out, 24, "%s%llu.%02u", sign,
		    (unsigned long long)(magnitude / 100),
		    (unsigned)(magnitude % 100));
}

static const char *const capital_digits[] = { "零", "壹", "贰", "叁", "肆",
    "伍", "陆", "柒", "捌", "玖" };
static const char *const capital_units[] = { "", "拾", "佰", "仟" };

static void
cat(char *out, const char *s)
{
	size_t n = strlen(out);

	snprintf(out + n, ZF_MONEY_WORDS - n, "%s", s);
}

/* 1 to 9999: a zero between digits is read once (壹仟零伍). */
static void
words4(int v, char *out)
{
	int pos, d, zero = 0, started = 0;

	for (pos = 3; pos >= 0; pos--) {
		d = v / (pos == 3 ? 1000 : pos == 2 ? 100 : pos == 1 ? 10 : 1) %
		    10;
		if (d == 0) {
			zero = started;
			continue;
		}
		if (zero)
			cat(out, capital_digits[0]);
		zero = 0;
		started = 1;
		cat(out, capital_digits[d]);
		cat(out, capital_units[pos]);
	}
}

/* Above zero: by 亿 and 万, a zero read where a group starts short. */
static void
yuan_words(int64_t v, char *out)
{
	int64_t rest;

	if (v >= INT64_C(100000000)) {
		yuan_words(v / INT64_C(100000000), out);
		cat(out, "亿");
		if ((rest = v % INT64_C(100000000)) > 0) {
			if (rest < INT64_C(10000000))
				cat(out, capital_digits[0]);
			yuan_words(rest, out);
		}
		return;
	}
	if (v >= 10000) {
		words4((int)(v / 10000), out);
		cat(out, "万");
		if ((rest = v % 10000) > 0) {
			if (rest < 1000)
				cat(out, capital_digits[0]);
			words4((int)rest, out);
		}
		return;
	}
	words4((int)v, out);
}

void
zf_money_words(int64_t fen, char out[ZF_MONEY_WORDS])
{
	int64_t yuan = fen / 100;
	int jiao = (int)(fen / 10 % 10), cents = (int)(fen % 10);

	out[0] = '\0';
	if (fen < 0 || fen > FEN_MAX)
		return;
	if (yuan > 0) {
		yuan_words(yuan, out);
		cat(out, "元");
	}
	if (jiao == 0 && cents == 0) {
		if (yuan == 0)
			cat(out, "零元");
		cat(out, "整");
		return;
	}
	if (jiao == 0) {
		if (yuan > 0)
			cat(out, capital_digits[0]);
	} else {
		cat(out, capital_digits[jiao]);
		cat(out, "角");
	}
	if (cents == 0) {
		cat(out, "整");
		return;
	}
	cat(out, capital_digits[cents]);
	cat(out, "分");
}
