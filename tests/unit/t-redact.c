/* t-redact: masks for published values, and the scan for leaks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#define LCG_SEED 20260611
#include "lcg.h"
#include "base/ident.h"
#include "rules/redact.h"

#define ADDRESS "浙江省杭州市西湖区文三路478号华星时代广场A座1201室"

static void
mask_is(const char *mask, const char *value, const char *want)
{
	char *got = zf_redact_mask(mask, value);

	CHECK_STR(got, want);
	free(got);
}

struct mask_case {
	const char *mask, *value, *want;
};

static void
masks_are(const struct mask_case *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		mask_is(t[i].mask, t[i].value, t[i].want);
}

/* A string of n copies of s. */
static char *
repeat(const char *s, size_t n)
{
	size_t len = strlen(s), i;
	char *r = malloc(len * n + 1);

	for (i = 0; i < n; i++)
		memcpy(r + i * len, s, len);
	r[len * n] = '\0';
	return r;
}

static char *
concat(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *r = malloc(la + lb + 1);

	memcpy(r, a, la);
	memcpy(r + la, b, lb + 1);
	return r;
}

/* A long value: kept, then n copies of unit, masked to kept and n stars. */
static void
mask_long(const char *mask, const char *kept, const char *unit, size_t n)
{
	char *tail = repeat(unit, n), *stars = repeat("*", n);
	char *value = concat(kept, tail), *want = concat(kept, stars);

	mask_is(mask, value, want);
	free(want);
	free(value);
	free(stars);
	free(tail);
}

static void
mask_keep_drop(void)
{
	char *got;

	mask_is("keep", "张三", "张三");
	mask_is("keep", "", "");
	mask_is("keep", "\xff\xfe", "\xff\xfe");
	CHECK(zf_redact_mask("drop", "张三") == NULL);
	CHECK(zf_redact_mask("drop", "") == NULL);
	/* A NULL value is empty; a NULL or unknown mask publishes nothing. */
	mask_is("keep", NULL, "");
	mask_is("name", NULL, "");
	CHECK(zf_redact_mask(NULL, "张三") == NULL);
	CHECK(zf_redact_mask("ends:65:0", "张三") == NULL);
	CHECK(zf_redact_mask("Keep", "张三") == NULL);
	got = zf_redact_mask("", "张三");
	CHECK(got == NULL);
	free(got);
}

static void
mask_ends(void)
{
	char *body, *value, *want, *stars;

	mask_is("ends:6:4", "11010519491231002X", "110105********002X");
	mask_is("ends:3:4", "13800138000", "138****8000");
	mask_is("ends:1:1", "张三丰", "张*丰");
	mask_is("ends:2:1", "杭州某某科技有限公司", "杭州*******司");
	mask_is("ends:0:2", "abcdef", "****ef");
	mask_is("ends:2:0", "abcdef", "ab****");
	mask_is("ends:06:04", "11010519491231002X", "110105********002X");
	/* Never shown whole: at most H+T characters are all masked. */
	mask_is("ends:1:1", "张三", "**");
	mask_is("ends:1:1", "张", "*");
	mask_is("ends:6:4", "1101051949", "**********");
	mask_is("ends:6:4", "11010519491", "110105*9491");
	mask_is("ends:0:0", "abc", "***");
	mask_is("ends:0:0", "", "");
	mask_is("ends:6:4", "", "");
	/* Invalid UTF-8: each bad byte is one character. */
	mask_is("ends:2:2", "\xff\xfe张三\x80", "\xff\xfe*三\x80");
	mask_is("ends:0:1", "张\xe4\xb8", "**\xb8");
	mask_is("ends:1:0", "\xc0\xaf", "\xc0*");
	mask_is("ends:0:0", "\xed\xa0\x80", "***");
	mask_is("ends:0:1", "a\xf4\x90\x80\x80", "****\x80");
	mask_is("ends:1:1", "\xf0\x9f\x98\x80中\xe4\xb8\xad",
	    "\xf0\x9f\x98\x80*\xe4\xb8\xad");
	/* Very long: 64 kept at each end. */
	body = repeat("字", 1000);
	stars = repeat("*", 1000 - 128);
	want = malloc(strlen(body) + 1);
	memcpy(want, body, 64 * 3);
	memcpy(want + 64 * 3, stars, strlen(stars));
	memcpy(want + 64 * 3 + strlen(stars), body, 64 * 3);
	want[64 * 6 + strlen(stars)] = '\0';
	mask_is("ends:64:64", body, want);
	free(want);
	free(stars);
	free(body);
	value = repeat("字", 128);
	stars = repeat("*", 128);
	mask_is("ends:64:64", value, stars);
	free(stars);
	free(value);
}

static void
mask_name(void)
{
	static const struct mask_case names[] = {
		{ "name", "张三", "张*" },
		{ "name", "欧阳娜娜", "欧***" },
		{ "name", "阿卜杜拉·买买提", "阿*******" },
		{ "name", "张", "*" },
		{ "name", "Zhang San", "Z********" },
		{ "name", "A", "*" },
		{ "name", "", "" },
		{ "name", "\xff张三", "\xff**" },
		{ "name", "张\xe4\xb8", "张**" },
	};

	masks_are(names, sizeof(names) / sizeof(names[0]));
	mask_long("name", "张", "张", 9999);
}

static void
mask_address(void)
{
	static const char *const addresses[][2] = {
		{ ADDRESS, "浙江省杭州市西湖区文三路*****************" },
		{ "北京市朝阳区建国门外大街1号", "北京市朝阳区建国门外大街**" },
		/* 街道 is taken whole, before 街. */
		{ "浙江省杭州市西湖区转塘街道双流村88号",
		    "浙江省杭州市西湖区转塘街道******" },
		{ "某某县城关镇东风村5组", "某某县城关镇*****" },
		{ "某某县某某乡某某村", "某某县某某乡***" },
		{ "苏州市姑苏区平江路某某巷12号", "苏州市姑苏区平江路******" },
		{ "上海市浦东新区世纪大道100号",
		    "上海市浦东新区世纪大道****" },
		/*
		 * Place names that begin or end with a marker are not
		 * streets.
		 */
		{ "江苏省镇江市京口区中山东路1号",
		    "江苏省镇江市京口区中山东路**" },
		{ "镇江市京口区中山东路1号", "镇江市京口区中山东路**" },
		{ "河南省新乡市红旗区人民路3号", "河南省新乡市红旗区人民路**" },
		{ "湖南省长沙市宁乡市玉潭街道1号",
		    "湖南省长沙市宁乡市玉潭街道**" },
		{ "浙江省台州市路桥区路桥街道银安街2号",
		    "浙江省台州市路桥区路桥街道*****" },
		{ "黑龙江省哈尔滨市道里区中央大街9号",
		    "黑龙江省哈尔滨市道里区中央大街**" },
		{ "广东省东莞市道滘镇南城路5号", "广东省东莞市道滘镇*****" },
		{ "南京市鼓楼区镇江路8号", "南京市鼓楼区镇江路**" },
		/*
		 * A marker after a number does not count: fall back to
		 * district.
		 */
		{ "杭州市西湖区某某小区3幢201室（近文三路）",
		    "杭州市西湖区****************" },
		{ "某某县城东１号（解放路口）", "某某县**********" },
		/*
		 * No marker: the last 区, 县 or 市 in the first 10
		 * characters.
		 */
		{ "北京市朝阳区某某大厦A座", "北京市朝阳区******" },
		{ "杭州市西湖区某某小区", "杭州市西湖区****" },
		{ "某某社区服务中心", "********" },
		{ "北京市", "北京市" },
		{ "新疆维吾尔自治区伊犁哈萨克自治州伊宁市某某小区",
		    "新疆维吾尔自治区***************" },
		{ "一二三四五六七八九十区", "***********" },
		/* Nothing to keep. */
		{ "某某花园5栋", "******" },
		/* A house number in Chinese numerals or letters ends it too. */
		{ "浙江省杭州市西湖区某某花园三幢二零一室（近文三路）",
		    "浙江省杭州市西湖区****************" },
		{ "某某花园B幢（近人民路）", "************" },
		{ "杭州市西湖区翠苑一区三幢", "杭州市西湖区******" },
		{ "路边摊", "***" },
		{ "221B Baker Street", "*****************" },
		{ "", "" },
		/* Invalid UTF-8 counts one character per bad byte. */
		{ "杭州市\xff西湖区文三路\xe4号", "杭州市\xff西湖区文三路**" },
		{ "\xff\xfe\xfd", "***" },
		{ "杭州市西湖区文三\xe8\xb7", "杭州市西湖区****" },
	};
	size_t i;

	for (i = 0; i < sizeof(addresses) / sizeof(addresses[0]); i++)
		mask_is("address", addresses[i][0], addresses[i][1]);
	/* Very long. */
	mask_long("address", "浙江省杭州市西湖区文三路", "A", 10000);
}

static void
mask_phone(void)
{
	static const struct mask_case phones[] = {
		{ "phone", "13800138000", "138****8000" },
		{ "id", "11010519491231002X", "110105********002X" },
		{ "id", "11010519491231002x", "110105********002X" },
		{ "id", "91330100MA2XXXXXX1", "91330100MA2XXXXXX1" },
		{ "id", "110105194912310021", "110105194912310021" },
		{ "phone", "138-0013-8000", "138-****-8000" },
		{ "phone", "138 0013 8000", "138 **** 8000" },
		{ "phone", "0571-88886666", "057*-****6666" },
		{ "phone", "(0571) 8888-6666", "(057*) ****-6666" },
		{ "phone", "+86 138 0013 8000", "+86 1** **** 8000" },
		{ "phone", "12345678", "123*5678" },
		/* Too few digits to show any. */
		{ "phone", "1234567", "*******" },
		{ "phone", "110", "***" },
		{ "phone", "", "" },
		{ "phone", "电话：13800138000转8", "电话：138*****000转8" },
		{ "phone", "\37713800138000", "\377138****8000" },
		{ "phone", "１３８00138000", "１３８****8000" },
	};

	masks_are(phones, sizeof(phones) / sizeof(phones[0]));
}

static void
mask_forms(void)
{
	static const char *const good[] = { "keep", "drop", "name", "address",
		"phone", "ends:6:4", "ends:0:0", "ends:64:64", "ends:06:04",
		"ends:1:0", NULL };
	static const char *const bad[] = { "", "Keep", "KEEP", " keep", "keep ",
		"mask", "ends", "ends:", "ends:6", "ends:6:", "ends::4",
		"ends:65:0", "ends:0:65", "ends:100:1", "ends:064:4",
		"ends:-1:4", "ends:+6:4", "ends:6:4:", "ends:6:4 ", "ends:6;4",
		"ends 6:4", "ends:a:4", "Ends:6:4", "namE", "name\n", NULL };
	const char *const *m;
	char *got;

	for (m = good; *m != NULL; m++)
		CHECK_INT(zf_redact_mask_valid(*m), 0);
	for (m = bad; *m != NULL; m++) {
		CHECK_INT(zf_redact_mask_valid(*m), -1);
		got = zf_redact_mask(*m, "13800138000");
		CHECK(got == NULL);
		free(got);
	}
	CHECK_INT(zf_redact_mask_valid(NULL), -1);
}

/* Scans the NUL-terminated text and checks what is reported. */
static void
scan_is(const char *text, int want, size_t want_offset, const char *kind)
{
	size_t offset = (size_t)-1;
	const char *got_kind = NULL;

	CHECK_INT(zf_redact_scan(text, strlen(text), &offset, &got_kind), want);
	if (want) {
		CHECK_INT(offset, want_offset);
		CHECK_STR(got_kind, kind);
	}
}

static void
scan_none(const char *text)
{
	scan_is(text, 0, 0, NULL);
}

static void
scan_citizen(void)
{
	scan_is("11010519491231002X", 1, 0, "citizen id");
	scan_is("11010519491231002x", 1, 0, "citizen id");
	scan_is("440524188001010014", 1, 0, "citizen id");
	/* 当事人身份证号 is 7 characters, 21 bytes. */
	scan_is("当事人身份证号330106199003071236，住杭州", 1, 21,
	    "citizen id");
	scan_is("证件号码：110101200002290018。", 1, 15, "citizen id");
	scan_is("{\"CF_XDR_ZJHM\":\"440304198511110077\"}", 1, 16,
	    "citizen id");
	scan_is("张三,01,440304198511110077,杭州\n", 1, 10, "citizen id");
	scan_is("id=(440524188001010014)", 1, 4, "citizen id");
	/* A wrong check digit or birth date is not an ID number. */
	scan_none("110105194912310021");
	scan_none("身份证号330106199003071235");
	scan_none("44030419851111007X");
	scan_none("110101200002300018");
	/* Not standing alone. */
	scan_none("ID11010519491231002X");
	scan_none("440524188001010014A");
	scan_none("x440524188001010014");
	scan_none("4405241880010100140");
	scan_none("9440524188001010014");
	scan_none("11010519491231002XY");
	/* Masked, or cut. */
	scan_none("110105********002X");
	/* Written with spaces, dashes or full-width digits: found too. */
	scan_is("110105 1949 1231 002X", 1, 0, "citizen id");
	scan_is("１１０１０５１９４９１２３１００２Ｘ", 1, 0, "citizen id");
	scan_is("电话１３８１２３４５６７８。", 1, 6, "mobile");
	scan_is("电话138.1234.5678", 1, 6, "mobile");
	scan_is("(138)1234-5678", 1, 1, "mobile");
	scan_is("138　1234　5678", 1, 0, "mobile");
	scan_is("138-12345678", 1, 0, "mobile");
	scan_none("2026-11-20 13:45");
	scan_none("2026.11.20");
	scan_none("11010519491231002");
}

static void
scan_mobile(void)
{
	char json[128];

	scan_is("13800138000", 1, 0, "mobile");
	scan_is("19912345678", 1, 0, "mobile");
	/* 联系电话 is 4 characters, 12 bytes. */
	scan_is("联系电话13800138000。", 1, 12, "mobile");
	scan_is("联系电话：138-0013-8000", 1, 15, "mobile");
	scan_is("联系电话：138 0013 8000，", 1, 15, "mobile");
	scan_is("电话138-0013 8000", 1, 6, "mobile");
	/* A country code belongs to the number. */
	scan_is("电话+86 138 0013 8000", 1, 6, "mobile");
	scan_is("电话+86-138-0013-8000", 1, 6, "mobile");
	scan_is("电话+8613800138000", 1, 6, "mobile");
	scan_is("电话8613800138000", 1, 6, "mobile");
	scan_is("电话86 13800138000", 1, 6, "mobile");
	scan_is("电话0086 13800138000", 1, 6, "mobile");
	scan_is("电话008613800138000", 1, 6, "mobile");
	scan_is("电话+86138-0013-8000", 1, 6, "mobile");
	/* Digits before "86" make it no country code. */
	scan_is("5586 13800138000", 1, 5, "mobile");
	/* Letters may touch it; only digits may not. */
	scan_is("tel13800138000abc", 1, 3, "mobile");
	snprintf(json, sizeof(json), "%s",
	    "{\"name\":\"张三\",\"phone\":\"13912345678\",\"n\":1}");
	scan_is(json, 1, (size_t)(strstr(json, "139") - json), "mobile");
	scan_is("序号,姓名,电话\n1,李四,15088886666\n", 1, 30, "mobile");
	/* Not a mobile number. */
	scan_none("12800138000");
	scan_none("10086");
	scan_none("1380013800");
	scan_none("138001380001");
	scan_none("0571-88886666");
	scan_is("1380-013-8000", 1, 0, "mobile");
	scan_none("138-0013-80001");
	scan_is("138-00138-000", 1, 0, "mobile");
	scan_is("138--0013-8000", 1, 0, "mobile");
	/* Every separator people type, or a tool leaves, between digits:
	 * the underscore, invisible spaces, line breaks. */
	scan_is("138_0013_8000", 1, 0, "mobile");
	scan_is("电话138\u200b1234\u200b5670", 1, 6, "mobile");
	scan_is("电话138\u00a01234\u00a05671", 1, 6, "mobile");
	scan_is("电话138\r\n1234\r\n5674", 1, 6, "mobile");
	scan_is("138\u20601234\u20605677", 1, 0, "mobile");
	scan_is("138\u00b71234\u00b75602", 1, 0, "mobile");
	scan_is("138\u30011234\u30015676", 1, 0, "mobile");
	/* Inside longer runs: a bank account, an order number. */
	scan_none("账号62220213800138000123");
	scan_none("订单号2026112713800138000，金额100元");
	scan_none("流水号 913800138000");
	scan_none("08613800138000");
	scan_none("98613800138000");
	/* Masked. */
	scan_none("138****8000");
	scan_none("联系电话138-****-8000");
	scan_none("+86 1** **** 8000");
}

static void
scan_text(void)
{
	const char *both = "电话13800138000，身份证11010519491231002X";
	size_t offset = 99, big, at;
	const char *kind = "unset";
	char *text;
	char *masked;

	scan_none("");
	scan_none(
	    "张三因无证经营被罚款5000元，决定书文号杭西市监罚〔2026〕12号。");
	/* The first by offset. */
	scan_is(both, 1, 6, "mobile");
	scan_is("身份证11010519491231002X，电话13800138000", 1, 9,
	    "citizen id");
	/* Only len bytes are looked at, NUL or not. */
	CHECK_INT(zf_redact_scan("13800138000", 10, &offset, &kind), 0);
	CHECK_INT(offset, 99);
	CHECK_STR(kind, "unset");
	CHECK_INT(zf_redact_scan("1380013800012", 11, &offset, &kind), 1);
	CHECK_INT(offset, 0);
	CHECK_INT(zf_redact_scan("a\0b 13800138000", 15, &offset, &kind), 1);
	CHECK_INT(offset, 4);
	CHECK_INT(zf_redact_scan("11010519491231002", 17, NULL, NULL), 0);
	CHECK_INT(zf_redact_scan("11010519491231002X", 17, NULL, NULL), 0);
	CHECK_INT(zf_redact_scan(both, strlen(both), NULL, NULL), 1);
	CHECK_INT(zf_redact_scan(NULL, 0, NULL, NULL), 0);
	/* What the masks publish passes the scan. */
	masked = zf_redact_mask("ends:6:4", "11010519491231002X");
	scan_none(masked);
	free(masked);
	masked = zf_redact_mask("phone", "+86 138-0013-8000");
	scan_none(masked);
	free(masked);
	/* A long text, found at its very end. */
	big = 8u << 20;
	text = malloc(big + 32);
	for (at = 0; at + 3 <= big; at += 3)
		memcpy(text + at, at % 30 == 0 ? " 1 " : "罚", 3);
	memcpy(text + at, "13800138000", 11);
	CHECK_INT(zf_redact_scan(text, at + 11, &offset, &kind), 1);
	CHECK_INT(offset, at);
	CHECK_STR(kind, "mobile");
	CHECK_INT(zf_redact_scan(text, at + 10, &offset, &kind), 0);
	free(text);
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alnum(int c)
{
	return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
is_mobile_separator(int c)
{
	return c == '-' || c == ' ';
}

/* Whether n digits start at t[i] (within len). */
static int
digits_at(const char *t, size_t len, size_t i, size_t n)
{
	while (n-- > 0)
		if (i >= len || !is_digit((unsigned char)t[i++]))
			return 0;
	return 1;
}

/* A mobile number's digits, plain or 3-4-4, at i; its end, or 0. */
static size_t
reference_core(const char *t, size_t len, size_t i)
{
	size_t end;

	if (!digits_at(t, len, i, 2) || t[i] != '1' || t[i + 1] < '3')
		return 0;
	if (digits_at(t, len, i, 11))
		end = i + 11;
	else if (digits_at(t, len, i, 3) && i + 3 < len &&
	    is_mobile_separator((unsigned char)t[i + 3]) &&
	    digits_at(t, len, i + 4, 4) && i + 8 < len &&
	    is_mobile_separator((unsigned char)t[i + 8]) &&
	    digits_at(t, len, i + 9, 4))
		end = i + 13;
	else
		return 0;
	return end < len && is_digit((unsigned char)t[end]) ? 0 : end;
}

/* Whether a mobile number, with whatever prefix, starts right at o. */
static int
reference_mobile(const char *t, size_t len, size_t o)
{
	static const char *const codes[] = { "0086", "86", NULL };
	const char *const *c;
	size_t p = o, n;

	/* A '+' is no digit: what must not touch a digit is what follows. */
	if (t[o] == '+')
		p++;
	else if (o > 0 && is_digit((unsigned char)t[o - 1]))
		return 0;
	else if (reference_core(t, len, o))
		return 1;
	for (c = codes; *c != NULL; c++) {
		n = strlen(*c);
		if (p + n > len || memcmp(t + p, *c, n) != 0)
			continue;
		if (reference_core(t, len, p + n))
			return 1;
		if (p + n < len &&
		    is_mobile_separator((unsigned char)t[p + n]) &&
		    reference_core(t, len, p + n + 1))
			return 1;
	}
	return 0;
}

static int
reference_citizen(const char *t, size_t len, size_t o)
{
	char id[19];

	if (o + 18 > len || !digits_at(t, len, o, 17))
		return 0;
	if (o > 0 && is_alnum((unsigned char)t[o - 1]))
		return 0;
	if (o + 18 < len && is_alnum((unsigned char)t[o + 18]))
		return 0;
	memcpy(id, t + o, 18);
	id[18] = '\0';
	return zf_ident_citizen(id, NULL, NULL) == 0;
}

/* The contract read literally: try every offset, in order. */
static int
reference_scan_once(const char *t, size_t len, size_t *offset,
    const char **kind)
{
	size_t o;

	for (o = 0; o < len; o++) {
		*offset = o;
		if (reference_citizen(t, len, o)) {
			*kind = "citizen id";
			return 1;
		}
		if (reference_mobile(t, len, o)) {
			*kind = "mobile";
			return 1;
		}
	}
	return 0;
}

/* Full-width ０-９ as '0'-'9', Ｘ ｘ as 'X'; 0 for anything else. */
static int
reference_wide(const char *t, size_t len, size_t o)
{
	static const char *const digits[] = { "０", "１", "２", "３", "４",
		"５", "６", "７", "８", "９" };
	int d;

	for (d = 0; d < 10; d++)
		if (o + 3 <= len && memcmp(t + o, digits[d], 3) == 0)
			return '0' + d;
	if (o + 3 <= len && (memcmp(t + o, "Ｘ", 3) == 0 ||
	    memcmp(t + o, "ｘ", 3) == 0))
		return 'X';
	return 0;
}

static size_t
reference_sep(const char *t, size_t len, size_t o)
{
	static const char *const seps[] = { " ", "-", ".", "(", ")", "/",
		",", "_", "~", ":", ";", "*", "\t", "\r", "\n",
		"\u3000", "\uff0d", "\uff08", "\uff09", "\u2014", "\u2013",
		"\uff0e", "\u00a0", "\u00ad", "\u00b7", "\u2000", "\u2001",
		"\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2007",
		"\u2008", "\u2009", "\u200a", "\u200b", "\u200c", "\u200d",
		"\u2010", "\u2011", "\u2012", "\u2015", "\u2027", "\u202f",
		"\u205f", "\u2060", "\u2212", "\u3001", "\u30fb", "\ufeff",
		"\uff5e", "\uff0c", "\uff0f", "\uff3f", "\u301c", NULL };
	size_t i;

	for (i = 0; seps[i] != NULL; i++)
		if (o + strlen(seps[i]) <= len &&
		    memcmp(t + o, seps[i], strlen(seps[i])) == 0)
			return strlen(seps[i]);
	return 0;
}

static int
reference_digit(const char *t, size_t len, size_t o)
{
	int w = reference_wide(t, len, o);

	return (o < len && t[o] >= '0' && t[o] <= '9') || (w >= '0' &&
	    w <= '9');
}

/* The second reading: wide forms folded, separators between digits gone. */
static size_t
reference_fold(const char *t, size_t len, char *out)
{
	size_t o = 0, n = 0, a, b;
	int prev_digit = 0, w;

	while (o < len) {
		if ((w = reference_wide(t, len, o)) != 0) {
			out[n++] = (char)w;
			prev_digit = w != 'X';
			o += 3;
			continue;
		}
		if (prev_digit && (a = reference_sep(t, len, o)) != 0) {
			b = reference_sep(t, len, o + a);
			if (reference_digit(t, len, o + a + b)) {
				o += a + b;
				continue;
			}
			if (b == 0 && reference_digit(t, len, o + a)) {
				o += a;
				continue;
			}
		}
		prev_digit = t[o] >= '0' && t[o] <= '9';
		out[n++] = t[o++];
	}
	return n;
}

static int
reference_scan(const char *t, size_t len, size_t *offset, const char **kind)
{
	char folded[1024];
	size_t n;

	if (reference_scan_once(t, len, offset, kind))
		return 1;
	n = reference_fold(t, len, folded);
	return reference_scan_once(folded, n, offset, kind);
}

static void
scan_random(void)
{
	static const char *const pieces[] = { "0", "1", "3", "8", "6", "9", "-",
		" ", "+", "X", "x", "a", "中", "*", ",", "86", "0086", "138",
		"0013", "8000", "13800138000", "11010519491231002",
		"11010519491231002X", "440524188001010014",
		"440524188001010015", "\xff", "８", "Ｘ", "\u3000", ".", "(" };
	char text[512];
	size_t len, n, i, k, want_offset, got_offset, agree = 0, found = 0;
	const char *want_kind, *got_kind;
	int want, got;

	for (i = 0; i < 20000; i++) {
		len = 0;
		for (n = next_random(24); n > 0; n--) {
			k = next_random(sizeof(pieces) / sizeof(pieces[0]));
			memcpy(text + len, pieces[k], strlen(pieces[k]));
			len += strlen(pieces[k]);
		}
		want_offset = got_offset = 0;
		want_kind = got_kind = "";
		want = reference_scan(text, len, &want_offset, &want_kind);
		got = zf_redact_scan(text, len, &got_offset, &got_kind);
		if (want == got &&
		    (!want ||
			(want_offset == got_offset &&
			    strcmp(want_kind, got_kind) == 0)))
			agree++;
		else
			fprintf(stderr, "scan differs on \"%.*s\"\n", (int)len,
			    text);
		found += want;
	}
	CHECK_INT(agree, 20000);
	/* The pieces make both answers common. */
	CHECK(found > 2000 && found < 18000);
}

/* The number of characters, as the masks count them. */
static size_t
characters(const char *value)
{
	char *all = zf_redact_mask("ends:0:0", value);
	size_t n = strlen(all);

	free(all);
	return n;
}

/* Random bytes: every mask gives one character for one character. */
static void
mask_random(void)
{
	static const char *const masks[] = { "name", "address", "phone",
		"ends:2:3", "ends:0:1", "keep", NULL };
	static const char *const pieces[] = { "a", "1", "-", "张", "路", "区",
		"市", "街道", "１", "\xe4", "\xb8", "\xff", "\xc0\xaf",
		"\xed\xa0\x80", "\xf0\x9f\x98\x80", "\xf4\x90\x80\x80" };
	const char *const *m;
	char value[256], *got;
	size_t len, n, i, k, agree = 0, tried = 0;

	for (i = 0; i < 3000; i++) {
		len = 0;
		for (n = next_random(30); n > 0; n--) {
			k = next_random(sizeof(pieces) / sizeof(pieces[0]));
			memcpy(value + len, pieces[k], strlen(pieces[k]));
			len += strlen(pieces[k]);
		}
		value[len] = '\0';
		for (m = masks; *m != NULL; m++) {
			got = zf_redact_mask(*m, value);
			tried++;
			if (got != NULL && characters(got) == characters(value))
				agree++;
			free(got);
		}
	}
	CHECK_INT(agree, tried);
}

static void
text_is(const char *in, const char *want)
{
	char *got = zf_redact_text(in);

	CHECK_STR(got, want);
	free(got);
}

/* Free text keeps its words and masks the numbers that identify. */
static void
mask_text(void)
{
	static const char *const found[] = {
		"当事人（联系电话13812345678）未取得施工许可证擅自施工",
		"电话 138-1234-5678，身份证11010519491231002X",
		"电话（138）1234 5678", "手机：１３８１２３４５６７８",
		"138\u00a01234\u00a05671", "138、1234、5676", "138,1234,5605",
		"13812345678x",
		"+8613812345678", "座机0570-1234567", NULL };
	const char *const *t;
	size_t off;
	const char *kind;
	char *got;

	text_is("当事人（联系电话13812345678）未取得施工许可证擅自施工",
	    "当事人（联系电话138****5678）未取得施工许可证擅自施工");
	text_is("身份证号11010519491231002x，罚款50000元",
	    "身份证号110105********002X，罚款50000元");
	text_is("座机0570-1234567", "座机0570*****67");
	text_is("电话138\u200b1234\u200b5670违法", "电话138****5670违法");
	text_is("Tel13812345601", "Tel138****5601");
	text_is("2026-09-10决定，罚款 1,234.50 元", "2026-09-10决定，罚款 "
	    "1,234.50 元");
	text_is("编号91350100M000100Y43", "编号91350100M000100Y43");
	text_is("第六十四条第1项", "第六十四条第1项");
	text_is("", "");
	for (t = found; *t != NULL; t++) {
		got = zf_redact_text(*t);
		CHECK_INT(zf_redact_scan(got, strlen(got), &off, &kind), 0);
		free(got);
	}
}

int
main(void)
{
	CHECK_PLAN(359);
	mask_text();
	mask_keep_drop();
	mask_ends();
	mask_name();
	mask_address();
	mask_phone();
	mask_forms();
	scan_citizen();
	scan_mobile();
	scan_text();
	scan_random();
	mask_random();
	return check_report("t-redact");
}
