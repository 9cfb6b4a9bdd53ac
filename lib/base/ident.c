/* ident: GB 11643 citizen identity numbers and GB 32100 credit codes. */
#include "base/ident.h"

/*
 * GB 32100 registering authorities: 1 机构编制 2 外交 3 司法行政 4 文化
 * 5 民政 6 旅游 7 宗教 8 工会 9 市场监管 A 中央军委改革和编制办公室
 * N 农业农村 Y 其他.
 */
#define USCC_AUTHORITIES "123456789ANY"

#include <stdio.h>
#include <string.h>

#define IDENT_LEN	18

static const int citizen_weight[IDENT_LEN - 1] = {
	7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
};
static const char citizen_check[] = "10X98765432";

static const int uscc_weight[IDENT_LEN - 1] = {
	1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
};
static const char uscc_charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/*
 * Reasons that name a character or a date are built here; each stays
 * valid until the next refusal in the same thread.
 */
static _Thread_local char reason[80];

static int
refuse(const char **why, const char *text)
{
	if (why != NULL)
		*why = text;
	return -1;
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
digits_value(const char *s, int n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

static int
is_calendar_date(int year, int month, int day)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int last;

	if (month < 1 || month > 12 || day < 1)
		return 0;
	last = mdays[month - 1];
	if (month == 2 && year % 4 == 0 &&
	    (year % 100 != 0 || year % 400 == 0))
		last = 29;
	return day <= last;
}

static int
has_length(const char *s, size_t want)
{
	size_t n = 0;

	/* Bounded, so that a long string is not walked to its end. */
	while (n <= want && s[n] != '\0')
		n++;
	return n == want;
}

int
zf_ident_citizen(const char *s, char out[19], const char **why)
{
	char id[IDENT_LEN + 1], date[9];
	int i, sum, check;

	if (s == NULL || !has_length(s, IDENT_LEN))
		return refuse(why, "must be 18 characters");
	for (i = 0; i < IDENT_LEN - 1; i++) {
		if (!is_digit((unsigned char)s[i])) {
			snprintf(reason, sizeof(reason),
			    "character %d must be a digit", i + 1);
			return refuse(why, reason);
		}
		id[i] = s[i];
	}
	id[i] = s[i] == 'x' ? 'X' : s[i];
	if (!is_digit((unsigned char)id[i]) && id[i] != 'X')
		return refuse(why, "character 18 must be a digit or X");
	id[IDENT_LEN] = '\0';

	memcpy(date, id + 6, 8);
	date[8] = '\0';
	if (!is_calendar_date(digits_value(date, 4), digits_value(date + 4, 2),
	    digits_value(date + 6, 2))) {
		snprintf(reason, sizeof(reason), "birth date %s is not a date",
		    date);
		return refuse(why, reason);
	}

	sum = 0;
	for (i = 0; i < IDENT_LEN - 1; i++)
		sum += (id[i] - '0') * citizen_weight[i];
	check = citizen_check[sum % 11];
	if (id[IDENT_LEN - 1] != check) {
		snprintf(reason, sizeof(reason), "check digit should be %c",
		    check);
		return refuse(why, reason);
	}

	if (out != NULL)
		memcpy(out, id, sizeof(id));
	return 0;
}

static int
uscc_value(int c)
{
	const char *p;

	if (c == '\0' || (p = strchr(uscc_charset, c)) == NULL)
		return -1;
	return (int)(p - uscc_charset);
}

int
zf_ident_uscc(const char *s, char out[19], const char **why)
{
	char code[IDENT_LEN + 1];
	int i, c, v, sum, check;

	if (s == NULL || !has_length(s, IDENT_LEN))
		return refuse(why, "must be 18 characters");
	sum = 0;
	for (i = 0; i < IDENT_LEN; i++) {
		c = (unsigned char)s[i];
		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if ((v = uscc_value(c)) < 0) {
			snprintf(reason, sizeof(reason), "character %d must "
			    "be 0-9 or A-Z except I O S V Z", i + 1);
			return refuse(why, reason);
		}
		if (i < IDENT_LEN - 1)
			sum += v * uscc_weight[i];
		code[i] = (char)c;
	}
	code[IDENT_LEN] = '\0';

	if (strchr(USCC_AUTHORITIES, code[0]) == NULL)
		return refuse(why, "registering authority (character 1) "
		    "must be one of 1-9, A, N or Y");
	for (i = 2; i < 8; i++)
		if (!is_digit((unsigned char)code[i]))
			return refuse(why, "region code (characters 3-8) "
			    "must be digits");
	check = uscc_charset[(31 - sum % 31) % 31];
	if (code[IDENT_LEN - 1] != check) {
		snprintf(reason, sizeof(reason),
		    "check character should be %c", check);
		return refuse(why, reason);
	}

	if (out != NULL)
		memcpy(out, code, sizeof(code));
	return 0;
}
