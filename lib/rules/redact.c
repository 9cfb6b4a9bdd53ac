/* redact: masks for published values, and the final scan for leaks. */
#include "rules/redact.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/ident.h"
#include "base/utf8.h"

#define ENDS_PREFIX "ends:"
#define ENDS_MAX 64
#define PHONE_HEAD 3
#define PHONE_TAIL 4
#define DISTRICT_WINDOW 10 /* characters searched for a district */
#define CITIZEN_LEN 18
#define MOBILE_LEN 11

/*
 * The address mask.  The kept part ends with the first street-level
 * marker, scanning left to right, that
 *
 *   - is not the first character of the value and does not directly
 *     follow a region suffix (省 市 区 县 州 旗 盟): a marker there
 *     begins a place name (镇江市, 路桥区, 道里区, 镇海区, 乡城县), and a
 *     street is never named by its marker alone;
 *   - is not directly followed by a region suffix: a marker there ends
 *     a place name (新乡市, 宁乡市, 湘乡市, 安乡县);
 *   - comes before any digit (0-9 or ０-９): a digit before a marker is
 *     already a house, building or room number, so a later marker
 *     ("3幢201室（近文三路）") must not let that number through.
 *
 * Where two markers start at the same character the longer one is
 * tried first, so "转塘街道" keeps 街道 whole.  号 is not a marker: it
 * ends a house number, which is below street level and identifies a
 * dwelling.
 *
 * With no marker, the text is kept up to and including the last
 * district-level character (区 县 市) among the first DISTRICT_WINDOW
 * characters, except the 区 of 小区 or 社区 (a housing estate, not a
 * district); with none of those either, the whole value is masked.
 * Every character after the kept part becomes one '*'.
 */
static const char *const street_markers[] = { "街道", "乡", "镇", "路", "街",
	"道", "巷", "村", NULL };
static const char *const region_suffixes[] = { "省", "市", "区", "县", "州",
	"旗", "盟", NULL };
static const char *const district_suffixes[] = { "区", "县", "市", NULL };
static const char *const not_districts[] = { "小区", "社区", NULL };

static const char stars[] = "****************************************";

/*
 * The length in bytes of the character at s (n > 0 bytes remain).  A
 * byte that does not begin a well-formed UTF-8 sequence (stray
 * continuation, overlong form, surrogate, beyond U+10FFFF, or cut
 * short) is a character of its own.
 */
static size_t
char_length(const char *s, size_t n)
{
	size_t len = zf_utf8_decode((const unsigned char *)s, n, NULL);

	return len != 0 ? len : 1;
}

static size_t
count_chars(const char *s, size_t n)
{
	size_t count = 0, step;

	while (n > 0) {
		step = char_length(s, n);
		s += step;
		n -= step;
		count++;
	}
	return count;
}

/* The byte offset just past the first k characters of s (n bytes). */
static size_t
skip_chars(const char *s, size_t n, size_t k)
{
	size_t off = 0;

	while (k-- > 0 && off < n)
		off += char_length(s + off, n - off);
	return off;
}

static void
add_stars(struct zf_buf *b, size_t n)
{
	size_t chunk;

	while (n > 0) {
		chunk = n < sizeof(stars) - 1 ? n : sizeof(stars) - 1;
		zf_buf_add(b, stars, chunk);
		n -= chunk;
	}
}

/* Copies s[0..keep) and masks every character after it. */
static char *
keep_then_mask(const char *s, size_t n, size_t keep)
{
	struct zf_buf b;

	zf_buf_init(&b);
	zf_buf_add(&b, s, keep);
	add_stars(&b, count_chars(s + keep, n - keep));
	return zf_buf_detach(&b, NULL);
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_ascii_alnum(int c)
{
	return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Whether the character s (len bytes) is one of set. */
static int
char_in(const char *s, size_t len, const char *const *set)
{
	for (; *set != NULL; set++)
		if (strlen(*set) == len && memcmp(s, *set, len) == 0)
			return 1;
	return 0;
}

/* Whether the text from start to end ends with one of set. */
static int
ends_with_word(const char *start, const char *end, const char *const *set)
{
	size_t len;

	for (; *set != NULL; set++) {
		len = strlen(*set);
		if ((size_t)(end - start) >= len &&
		    memcmp(end - len, *set, len) == 0)
			return 1;
	}
	return 0;
}

static int
is_number_char(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (len == 1)
		return is_digit(u[0]);
	/* Fullwidth ０-９ are U+FF10-U+FF19. */
	return len == 3 && u[0] == 0xef && u[1] == 0xbc && u[2] >= 0x90 &&
	    u[2] <= 0x99;
}

/*
 * What ends the public part of an address: a digit, a Chinese numeral or
 * a Latin letter (the building, unit and room: 3幢, 三幢二零一室, B座) —
 * what comes after it may be anyone's home.
 */
static const char *const numerals[] = { "一", "二", "三", "四", "五", "六",
	"七", "八", "九", "十", "零", "〇", "百", "千", "两", NULL };

static int
numeral_or_letter(const char *s, size_t len)
{
	return (len == 1 && is_ascii_alnum((unsigned char)s[0])) ||
	    char_in(s, len, numerals);
}

/* Any numeral, digit or letter: districts hold none. */
static int
stops_district(const char *s, size_t len)
{
	return is_number_char(s, len) || numeral_or_letter(s, len);
}

/*
 * Where a house number starts at s (n bytes): a digit, or numerals or
 * letters followed by a building, unit or room word (三幢, 二零一室,
 * B座), but not the numeral in a street's name (文三路).
 */
static int
stops_address(const char *s, size_t n, size_t len)
{
	static const char *const units[] = { "幢", "栋", "号", "室", "单",
		"层", "楼", "座", "组", "弄", "户", "排", "门", NULL };
	size_t off = 0, l = len;

	if (is_number_char(s, len))
		return 1;
	while (off < n && numeral_or_letter(s + off, l)) {
		off += l;
		l = off < n ? char_length(s + off, n - off) : 0;
	}
	return off > 0 && off < n && char_in(s + off, l, units);
}

/* The street marker starting at s (n bytes), or 0. */
static size_t
marker_at(const char *s, size_t n)
{
	const char *const *m;
	size_t len;

	for (m = street_markers; *m != NULL; m++) {
		len = strlen(*m);
		if (len <= n && memcmp(s, *m, len) == 0)
			return len;
	}
	return 0;
}

/* Bytes to keep by a street marker (see above), or 0 when none. */
static size_t
street_end(const char *s, size_t n)
{
	size_t off = 0, prev = 0, len, mark, next, next_len;

	while (off < n) {
		len = char_length(s + off, n - off);
		if (stops_address(s + off, n - off, len))
			return 0;
		if (off > 0 && (mark = marker_at(s + off, n - off)) != 0 &&
		    !char_in(s + prev, off - prev, region_suffixes)) {
			next = off + mark;
			if (next == n)
				return next;
			next_len = char_length(s + next, n - next);
			if (!char_in(s + next, next_len, region_suffixes))
				return next;
		}
		prev = off;
		off += len;
	}
	return 0;
}

/* Bytes to keep by a district in the first characters, or 0. */
static size_t
district_end(const char *s, size_t n)
{
	size_t off = 0, len, keep = 0, i;

	for (i = 0; i < DISTRICT_WINDOW && off < n; i++) {
		len = char_length(s + off, n - off);
		if (stops_district(s + off, len))
			break;
		off += len;
		if (char_in(s + off - len, len, district_suffixes) &&
		    !ends_with_word(s, s + off, not_districts))
			keep = off;
	}
	return keep;
}

static char *
mask_address(const char *value)
{
	size_t n = strlen(value), keep;

	if ((keep = street_end(value, n)) == 0)
		keep = district_end(value, n);
	return keep_then_mask(value, n, keep);
}

/*
 * The first head and last tail characters; a value of at most head +
 * tail characters is masked whole, since showing its ends would show it
 * all.
 */
static char *
mask_ends(const char *value, size_t head, size_t tail)
{
	struct zf_buf b;
	size_t n = strlen(value), count, start, end;

	count = count_chars(value, n);
	if (count <= head + tail)
		return keep_then_mask(value, n, 0);
	start = skip_chars(value, n, head);
	end = start + skip_chars(value + start, n - start, count - head - tail);
	zf_buf_init(&b);
	zf_buf_add(&b, value, start);
	add_stars(&b, count - head - tail);
	zf_buf_add(&b, value + end, n - end);
	return zf_buf_detach(&b, NULL);
}

static char *
mask_name(const char *value)
{
	return mask_ends(value, 1, 0);
}

/*
 * Only digits count (0-9 and fullwidth ０-９): the first PHONE_HEAD and
 * last PHONE_TAIL are kept, every other digit is '*', and anything else
 * (separators, brackets, a leading '+') stays as it is.  A number of too
 * few digits has all its digits masked.
 */
static char *
mask_phone(const char *value)
{
	struct zf_buf b;
	size_t n = strlen(value), digits = 0, seen = 0, off, len;

	for (off = 0; off < n; off += len) {
		len = char_length(value + off, n - off);
		if (is_number_char(value + off, len))
			digits++;
	}
	zf_buf_init(&b);
	for (off = 0; off < n; off += len) {
		len = char_length(value + off, n - off);
		if (!is_number_char(value + off, len) ||
		    (digits > PHONE_HEAD + PHONE_TAIL &&
			(seen < PHONE_HEAD || seen >= digits - PHONE_TAIL)))
			zf_buf_add(&b, value + off, len);
		else
			zf_buf_addch(&b, '*');
		if (is_number_char(value + off, len))
			seen++;
	}
	return zf_buf_detach(&b, NULL);
}

static char *
mask_keep(const char *value)
{
	return xstrdup(value);
}

static char *
mask_drop(const char *value)
{
	(void)value;
	return NULL;
}

/*
 * A certificate number: a citizen ID number (GB 11643, check digit
 * right) as its first 6 and last 4; anything else, such as an
 * organisation's public credit code, as it is.
 */
static char *
mask_id(const char *value)
{
	char norm[19];
	const char *why;
	size_t i;

	if (zf_ident_citizen(value, norm, &why) != 0)
		return xstrdup(value);
	for (i = 6; i < 14; i++)
		norm[i] = '*';
	return xstrdup(norm);
}

static const struct mask_form {
	const char *name;
	char *(*apply)(const char *value);
} mask_forms[] = { { "keep", mask_keep }, { "drop", mask_drop },
	{ "name", mask_name }, { "address", mask_address },
	{ "phone", mask_phone }, { "id", mask_id }, { NULL, NULL } };

/* One or two digits, at most ENDS_MAX; returns the rest, or NULL. */
static const char *
parse_count(const char *s, size_t *out)
{
	size_t v = 0;
	int i;

	for (i = 0; i < 2 && is_digit((unsigned char)s[i]); i++)
		v = v * 10 + (size_t)(s[i] - '0');
	if (i == 0 || v > ENDS_MAX)
		return NULL;
	*out = v;
	return s + i;
}

/* "ends:H:T" with H and T in 0..ENDS_MAX; 0 when it is one. */
static int
parse_ends(const char *mask, size_t *head, size_t *tail)
{
	const char *p;

	if (strncmp(mask, ENDS_PREFIX, strlen(ENDS_PREFIX)) != 0)
		return -1;
	p = parse_count(mask + strlen(ENDS_PREFIX), head);
	if (p == NULL || *p++ != ':')
		return -1;
	p = parse_count(p, tail);
	if (p == NULL || *p != '\0')
		return -1;
	return 0;
}

static const struct mask_form *
find_form(const char *mask)
{
	const struct mask_form *f;

	for (f = mask_forms; f->name != NULL; f++)
		if (strcmp(f->name, mask) == 0)
			return f;
	return NULL;
}

int
zf_redact_mask_valid(const char *mask)
{
	size_t head, tail;

	if (mask == NULL)
		return -1;
	if (find_form(mask) != NULL || parse_ends(mask, &head, &tail) == 0)
		return 0;
	return -1;
}

/*
 * An invalid mask gives NULL, as "drop" does: a rule that slipped past
 * zf_redact_mask_valid publishes nothing rather than everything.  A
 * NULL value is the empty string.
 */
char *
zf_redact_mask(const char *mask, const char *value)
{
	const struct mask_form *f;
	size_t head, tail;

	if (mask == NULL)
		return NULL;
	if (value == NULL)
		value = "";
	if ((f = find_form(mask)) != NULL)
		return f->apply(value);
	if (parse_ends(mask, &head, &tail) == 0)
		return mask_ends(value, head, tail);
	return NULL;
}

/* The end of the run of digits starting at i. */
static size_t
digit_run_end(const char *t, size_t len, size_t i)
{
	while (i < len && is_digit((unsigned char)t[i]))
		i++;
	return i;
}

/*
 * A citizen ID number at the run start i (run digits): 18 digits, or 17
 * and X, with no ASCII letter or digit on either side, and a valid check
 * digit and birth date.
 */
static int
citizen_at(const char *t, size_t len, size_t i, size_t run)
{
	char id[CITIZEN_LEN + 1];
	size_t end = i + CITIZEN_LEN;

	/* The check character X is no digit, so the run stops before it. */
	if (run == CITIZEN_LEN - 1 && end <= len &&
	    (t[end - 1] == 'X' || t[end - 1] == 'x'))
		run = CITIZEN_LEN;
	if (run != CITIZEN_LEN)
		return 0;
	if (i > 0 && is_ascii_alnum((unsigned char)t[i - 1]))
		return 0;
	if (end < len && is_ascii_alnum((unsigned char)t[end]))
		return 0;
	memcpy(id, t + i, CITIZEN_LEN);
	id[CITIZEN_LEN] = '\0';
	return zf_ident_citizen(id, NULL, NULL) == 0;
}

static int
mobile_lead(const char *t)
{
	return t[0] == '1' && t[1] >= '3' && t[1] <= '9';
}

static int
is_separator(int c)
{
	return c == '-' || c == ' ';
}

/* Whether exactly n digits, then no digit, follow a separator at i. */
static int
group_at(const char *t, size_t len, size_t i, size_t n)
{
	return i < len && is_separator((unsigned char)t[i]) &&
	    digit_run_end(t, len, i + 1) == i + 1 + n;
}

/*
 * A mobile number written 3-4-4 at the run start i: "138-0013-8000",
 * "138 0013 8000" (either separator at either place).
 */
static int
grouped_mobile_at(const char *t, size_t len, size_t i, size_t run)
{
	return run == 3 && mobile_lead(t + i) && group_at(t, len, i + 3, 4) &&
	    group_at(t, len, i + 8, 4);
}

/* International prefixes a mobile number may carry in its own run. */
static const char *const country_codes[] = { "86", "0086", NULL };

static int
is_country_code(const char *s, size_t n)
{
	const char *const *c;

	for (c = country_codes; *c != NULL; c++)
		if (strlen(*c) == n && memcmp(s, *c, n) == 0)
			return 1;
	return 0;
}

/*
 * Where a mobile number at the run start i really starts: a country code
 * ("86", "0086") and one separator before it, and a '+' before that,
 * belong to it.
 */
static size_t
country_code_start(const char *t, size_t i)
{
	size_t p = i, q;

	if (p > 0 && is_separator((unsigned char)t[p - 1]))
		p--;
	for (q = p; q > 0 && is_digit((unsigned char)t[q - 1]); q--)
		continue;
	if (q == p || !is_country_code(t + q, p - q))
		return i;
	return q > 0 && t[q - 1] == '+' ? q - 1 : q;
}

/*
 * A mobile number at the run start i (run digits), standing alone: 11
 * digits 1[3-9]... or the same grouped 3-4-4, either of them perhaps
 * after a country code, in the same run or not.  Gives where it starts
 * (country code and '+' included) in *start.
 */
static int
mobile_at(const char *t, size_t len, size_t i, size_t run, size_t *start)
{
	const char *const *c;
	size_t code, at;

	/* Most runs (dates, amounts, counts) are too short for any form. */
	if (run < 3)
		return 0;
	for (c = country_codes; *c != NULL; c++) {
		code = strlen(*c);
		if (run > code && memcmp(t + i, *c, code) == 0) {
			at = i + code;
			if ((run - code == MOBILE_LEN && mobile_lead(t + at)) ||
			    grouped_mobile_at(t, len, at, run - code)) {
				*start = i > 0 && t[i - 1] == '+' ? i - 1 : i;
				return 1;
			}
		}
	}
	if ((run == MOBILE_LEN && mobile_lead(t + i)) ||
	    grouped_mobile_at(t, len, i, run)) {
		*start = country_code_start(t, i);
		return 1;
	}
	return 0;
}

static int
found(size_t *offset, const char **kind, size_t at, const char *what)
{
	if (offset != NULL)
		*offset = at;
	if (kind != NULL)
		*kind = what;
	return 1;
}

/*
 * One pass over the text: each run of digits is looked at once, from
 * its first digit, so the scan is linear and a number inside a longer
 * run is never seen as standing alone.  Masked values ("138****8000")
 * break the run and match nothing.
 */
static int
scan_ascii(const char *text, size_t len, size_t *offset, const char **kind)
{
	size_t i = 0, end, start;

	while (i < len) {
		if (!is_digit((unsigned char)text[i])) {
			i++;
			continue;
		}
		end = digit_run_end(text, len, i);
		if (citizen_at(text, len, i, end - i))
			return found(offset, kind, i, "citizen id");
		if (mobile_at(text, len, i, end - i, &start))
			return found(offset, kind, start, "mobile");
		i = end;
	}
	return 0;
}

/* The full-width form of c (０-９, Ｘ, ｘ) as ASCII, or 0. */
static int
fullwidth(const unsigned char *u, size_t n)
{
	if (n < 3 || u[0] != 0xef)
		return 0;
	if (u[1] == 0xbc && u[2] >= 0x90 && u[2] <= 0x99)
		return '0' + (u[2] - 0x90);
	if ((u[1] == 0xbc && u[2] == 0xb8) || (u[1] == 0xbd && u[2] == 0x98))
		return 'X';
	return 0;
}

/* Bytes of a separator people write inside numbers at s, or 0. */
static size_t
number_separator(const char *s, size_t n)
{
	/* Spaces, invisible marks, dashes and the punctuation people put
	 * between groups of digits: all are folded away. */
	static const char *const wide[] = { "\u3000", "\uff0d", "\uff08",
		"\uff09", "\u2014", "\u2013", "\uff0e", "\u00a0", "\u00ad",
		"\u00b7", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004",
		"\u2005", "\u2006", "\u2007", "\u2008", "\u2009", "\u200a",
		"\u200b", "\u200c", "\u200d", "\u2010", "\u2011", "\u2012",
		"\u2015", "\u2027", "\u202f", "\u205f", "\u2060", "\u2212",
		"\u3001", "\u30fb", "\ufeff", "\uff5e", "\uff0c", "\uff0f",
		"\uff3f", "\u301c", NULL };
	size_t i;

	if (n > 0 && strchr(" -.()/,_~:;*\t\r\n", s[0]) != NULL &&
	    s[0] != '\0')
		return 1;
	for (i = 0; wide[i] != NULL; i++)
		if (strlen(wide[i]) <= n &&
		    memcmp(s, wide[i], strlen(wide[i])) == 0)
			return strlen(wide[i]);
	return 0;
}

static int
digit_at(const char *s, size_t n)
{
	return n > 0 && is_number_char(s, char_length(s, n));
}

/*
 * The text as the scan reads it a second time: full-width digits and X
 * folded to ASCII, and the separators written inside a number (spaces,
 * dashes, dots, brackets, the ideographic space) dropped where one or two
 * stand between digits — "１３８　1234.5678", "(138)1234-5678".
 */
static char *
fold(const char *t, size_t len, size_t *outlen)
{
	char *out = xmalloc(len + 1);	/* folding never lengthens */
	size_t i = 0, n, o = 0, sep, j, k;
	int last_digit = 0, c;

	while (i < len) {
		if ((unsigned char)t[i] == 0xef && (c = fullwidth((const
		    unsigned char *)t + i, len - i)) != 0) {
			out[o++] = (char)c;
			last_digit = c != 'X';
			i += 3;
			continue;
		}
		if (last_digit && (sep = number_separator(t + i,
		    len - i)) != 0) {
			/* At most two separators, then a digit: drop them. */
			j = i + sep;
			if ((k = number_separator(t + j, len - j)) != 0 &&
			    digit_at(t + j + k, len - j - k))
				j += k;
			if (digit_at(t + j, len - j)) {
				i = j;
				continue;
			}
		}
		n = (unsigned char)t[i] < 0x80 ? 1 :
		    char_length(t + i, len - i);
		memcpy(out + o, t + i, n);
		o += n;
		last_digit = n == 1 && is_digit((unsigned char)t[i]);
		i += n;
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/*
 * Whether the second reading could find anything the first did not: a
 * full-width digit or Ｘ, or 11 digits or more joined by separators.
 * Dates and amounts are shorter, so most text is read once.
 */
static int
foldable(const char *t, size_t len)
{
	size_t i = 0, n, digits = 0, gap = 0;
	int joined = 0;

	while (i < len) {
		if ((unsigned char)t[i] == 0xef &&
		    fullwidth((const unsigned char *)t + i, len - i))
			return 1;
		if (is_digit((unsigned char)t[i])) {
			gap = 0;
			if (++digits >= MOBILE_LEN && joined)
				return 1;
			i++;
			continue;
		}
		if (digits > 0 && gap < 2 &&
		    (n = number_separator(t + i, len - i)) != 0) {
			gap++;
			joined = 1;
			i += n;
			continue;
		}
		digits = gap = 0;
		joined = 0;
		i++;
	}
	return 0;
}

int
zf_redact_scan(const char *text, size_t len, size_t *offset, const char **kind)
{
	char *folded;
	size_t flen;
	int hit;

	if (scan_ascii(text, len, offset, kind))
		return 1;
	if (!foldable(text, len))
		return 0;
	folded = fold(text, len, &flen);
	hit = scan_ascii(folded, flen, offset, kind);
	free(folded);
	return hit;
}

/* The ASCII digit (or 'X') of the character at s, or 0. */
static int
digit_char(const char *s, size_t n, size_t *bytes)
{
	int c;

	if (n > 0 && is_digit((unsigned char)s[0])) {
		*bytes = 1;
		return s[0];
	}
	if (n >= 3 && (c = fullwidth((const unsigned char *)s, n)) != 0) {
		*bytes = 3;
		return c;
	}
	return 0;
}

/*
 * The number written at t (a digit there): its digits folded to ASCII
 * in d (at most cap - 1 of them), separators dropped where one or two
 * stand between digits, and an X or x closing it.  Returns the bytes it
 * spans.
 */
static size_t
number_token(const char *t, size_t len, char *d, size_t cap, size_t *nd)
{
	size_t i = 0, b, j, s1, s2, n = 0;
	int c;

	for (;;) {
		c = i < len ? digit_char(t + i, len - i, &b) : 0;
		if (c == 'X')
			c = 0;
		if (c == 0 && i < len && (t[i] == 'X' || t[i] == 'x') &&
		    n == CITIZEN_LEN - 1) {
			c = 'X';
			b = 1;
		}
		if (c == 0 && n > 0 && i + 3 <= len && (unsigned char)t[i] ==
		    0xef && fullwidth((const unsigned char *)t + i, len - i) ==
		    'X' && n == CITIZEN_LEN - 1) {
			c = 'X';
			b = 3;
		}
		if (c != 0) {
			if (n + 1 < cap)
				d[n] = (char)c;
			n++;
			i += b;
			if (c == 'X')
				break;
			continue;
		}
		/* One or two separators, then a digit: part of the number. */
		if (n == 0 || i >= len || (s1 = number_separator(t + i,
		    len - i)) == 0)
			break;
		j = i + s1;
		if ((s2 = number_separator(t + j, len - j)) != 0)
			j += s2;
		if (j >= len || digit_char(t + j, len - j, &b) == 0 ||
		    digit_char(t + j, len - j, &b) == 'X')
			break;
		i = j;
	}
	d[n < cap ? n : cap - 1] = '\0';
	*nd = n;
	return i;
}

/* The masked form of the number's digits d (n of them), or NULL. */
static char *
mask_number(const char *d, size_t n)
{
	const char *m = d;

	if (n == CITIZEN_LEN && zf_ident_citizen(d, NULL, NULL) == 0)
		return xasprintf("%.6s********%.4s", d, d + 14);
	if (n == MOBILE_LEN + 2 && strncmp(d, "86", 2) == 0)
		m = d + 2, n -= 2;
	else if (n == MOBILE_LEN + 4 && strncmp(d, "0086", 4) == 0)
		m = d + 4, n -= 4;
	if (n == MOBILE_LEN && mobile_lead(m))
		return xasprintf("%.3s****%.4s", m, m + 7);
	/* A landline with its area code: 0 and 9 to 11 more digits. */
	if (m == d && d[0] == '0' && n >= 10 && n <= 12)
		return xasprintf("%.4s%.*s%.2s", d, (int)(n - 6), stars,
		    d + n - 2);
	return NULL;
}

char *
zf_redact_text(const char *text)
{
	struct zf_buf b;
	size_t len = strlen(text), i = 0, span, nd, cb;
	char d[24], *masked;

	zf_buf_init(&b);
	while (i < len) {
		if (digit_char(text + i, len - i, &cb) == 0 ||
		    digit_char(text + i, len - i, &cb) == 'X' ||
		    (i > 0 && is_digit((unsigned char)text[i - 1]))) {
			cb = (unsigned char)text[i] < 0x80 ? 1 :
			    char_length(text + i, len - i);
			zf_buf_add(&b, text + i, cb);
			i += cb;
			continue;
		}
		span = number_token(text + i, len - i, d, sizeof(d), &nd);
		masked = nd < sizeof(d) ? mask_number(d, nd) : NULL;
		if (masked != NULL) {
			zf_buf_addstr(&b, masked);
			free(masked);
		} else {
			zf_buf_add(&b, text + i, span);
		}
		i += span;
	}
	return zf_buf_detach(&b, NULL);
}
