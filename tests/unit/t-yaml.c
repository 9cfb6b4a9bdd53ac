/*
 * t-yaml: the YAML loader's tree, places and refusals, including the
 * hostile inputs (alias bombs, deep nesting, huge scalars, bad bytes).
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "check.h"
#include "base/yaml.h"

static char err[512];

static struct zf_yaml_doc *
parse(const char *text)
{
	return zf_yaml_parse("t.yaml", text, strlen(text), err, sizeof(err));
}

/* Parses bytes that must be refused; returns the message. */
static const char *
refusal(const char *bytes, size_t len)
{
	struct zf_yaml_doc *doc;

	err[0] = '\0';
	doc = zf_yaml_parse("t.yaml", bytes, len, err, sizeof(err));
	CHECK(doc == NULL);
	zf_yaml_free(doc);
	return err;
}

static const char *
refusal_str(const char *text)
{
	return refusal(text, strlen(text));
}

static void
check_place(const struct zf_yaml_node *n, unsigned line, unsigned column)
{
	CHECK(n != NULL);
	if (n == NULL)
		return;
	CHECK_INT(n->line, line);
	CHECK_INT(n->column, column);
}

static void
test_config(void)
{
	static const char text[] =
	    "# 案件配置\n"
	    "agency: 某市市场监督管理局\n"
	    "case:\n"
	    "  title: \"关于某公司销售过期食品案\"  # 案由\n"
	    "  parties:\n"
	    "    - name: 张三\n"
	    "      role: party\n"
	    "    - name: '李四'\n"
	    "      role: witness\n"
	    "  fine: 60000\n"
	    "  notes: |\n"
	    "    第一行\n"
	    "    第二行\n"
	    "  empty:\n"
	    "  tilde: ~\n"
	    "  quoted_null: \"null\"\n"
	    "  tags: [甲, \"乙\", 'c d']\n";
	struct zf_yaml_doc *doc = parse(text);
	struct zf_yaml_node *root, *c, *parties, *p, *n, *tags;

	CHECK(doc != NULL);
	if (doc == NULL) {
		fprintf(stderr, "%s\n", err);
		return;
	}
	CHECK_STR(doc->file, "t.yaml");
	CHECK_INT(doc->ndocs, 1);
	root = doc->docs[0];
	CHECK_INT(root->kind, ZF_YAML_MAPPING);
	check_place(root, 2, 1);
	CHECK_INT(root->count, 2);
	CHECK_STR(root->keys[0]->text, "agency");

	n = zf_yaml_get(root, "agency");
	CHECK(n != NULL && n->kind == ZF_YAML_SCALAR);
	CHECK_STR(n->text, "某市市场监督管理局");
	CHECK_INT(n->len, strlen("某市市场监督管理局"));
	CHECK(n->plain);
	check_place(n, 2, 9);

	c = zf_yaml_get(root, "case");
	CHECK(c != NULL && c->kind == ZF_YAML_MAPPING);
	check_place(c, 4, 3);
	CHECK_INT(c->count, 8);

	n = zf_yaml_get(c, "title");
	CHECK_STR(n->text, "关于某公司销售过期食品案");
	CHECK(!n->plain);
	check_place(n, 4, 10);

	parties = zf_yaml_get(c, "parties");
	CHECK(parties != NULL && parties->kind == ZF_YAML_SEQUENCE);
	CHECK(parties->keys == NULL);
	CHECK_INT(parties->count, 2);
	check_place(parties, 6, 5);
	p = parties->items[0];
	CHECK_INT(p->kind, ZF_YAML_MAPPING);
	check_place(p, 6, 7);
	CHECK_STR(zf_yaml_get(p, "name")->text, "张三");
	check_place(zf_yaml_get(p, "name"), 6, 13);
	CHECK_STR(zf_yaml_get(p, "role")->text, "party");
	check_place(p->keys[1], 7, 7);
	p = parties->items[1];
	n = zf_yaml_get(p, "name");
	CHECK_STR(n->text, "李四");
	CHECK(!n->plain);
	check_place(n, 8, 13);
	CHECK_STR(zf_yaml_get(p, "role")->text, "witness");

	n = zf_yaml_get(c, "fine");
	CHECK_STR(n->text, "60000");
	check_place(n, 10, 9);

	n = zf_yaml_get(c, "notes");
	CHECK_STR(n->text, "第一行\n第二行\n");
	CHECK(!n->plain);
	check_place(n, 11, 10);

	CHECK(zf_yaml_is_null(zf_yaml_get(c, "empty")));
	CHECK_STR(zf_yaml_get(c, "empty")->text, "");
	CHECK(zf_yaml_is_null(zf_yaml_get(c, "tilde")));
	CHECK(!zf_yaml_is_null(zf_yaml_get(c, "quoted_null")));
	CHECK(!zf_yaml_is_null(zf_yaml_get(c, "fine")));
	CHECK(!zf_yaml_is_null(c));
	CHECK(!zf_yaml_is_null(NULL));

	tags = zf_yaml_get(c, "tags");
	CHECK(tags != NULL && tags->kind == ZF_YAML_SEQUENCE);
	CHECK_INT(tags->count, 3);
	check_place(tags, 17, 9);
	CHECK_STR(tags->items[0]->text, "甲");
	check_place(tags->items[0], 17, 10);
	CHECK_STR(tags->items[1]->text, "乙");
	check_place(tags->items[1], 17, 13);
	CHECK_STR(tags->items[2]->text, "c d");
	check_place(tags->items[2], 17, 18);

	CHECK(zf_yaml_get(c, "missing") == NULL);
	CHECK(zf_yaml_get(tags, "甲") == NULL);
	CHECK(zf_yaml_get(NULL, "x") == NULL);
	zf_yaml_free(doc);
}

static void
test_nulls(void)
{
	static const char text[] =
	    "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: nULL\ng: ''\n"
	    "h: \"~\"\ni: nil\n";
	struct zf_yaml_doc *doc = parse(text);
	struct zf_yaml_node *root;

	CHECK(doc != NULL);
	if (doc == NULL)
		return;
	root = doc->docs[0];
	CHECK(zf_yaml_is_null(zf_yaml_get(root, "a")));
	CHECK(zf_yaml_is_null(zf_yaml_get(root, "b")));
	CHECK(zf_yaml_is_null(zf_yaml_get(root, "c")));
	CHECK(zf_yaml_is_null(zf_yaml_get(root, "d")));
	CHECK(zf_yaml_is_null(zf_yaml_get(root, "e")));
	CHECK(!zf_yaml_is_null(zf_yaml_get(root, "f")));
	CHECK(!zf_yaml_is_null(zf_yaml_get(root, "g")));
	CHECK(!zf_yaml_is_null(zf_yaml_get(root, "h")));
	CHECK(!zf_yaml_is_null(zf_yaml_get(root, "i")));
	zf_yaml_free(doc);
}

static void
test_documents(void)
{
	struct zf_yaml_doc *doc;

	doc = zf_yaml_parse("empty.yaml", "", 0, err, sizeof(err));
	CHECK(doc != NULL);
	CHECK_INT(doc->ndocs, 0);
	zf_yaml_free(doc);

	doc = parse("# nothing but a comment\n\n");
	CHECK(doc != NULL);
	CHECK_INT(doc->ndocs, 0);
	zf_yaml_free(doc);

	doc = parse("title: 案一\n---\ntitle: 案二\n...\n--- [x]\n---\n");
	CHECK(doc != NULL);
	if (doc == NULL)
		return;
	CHECK_INT(doc->ndocs, 4);
	CHECK_STR(zf_yaml_get(doc->docs[0], "title")->text, "案一");
	check_place(doc->docs[0], 1, 1);
	CHECK_STR(zf_yaml_get(doc->docs[1], "title")->text, "案二");
	check_place(doc->docs[1], 3, 1);
	CHECK_INT(doc->docs[2]->kind, ZF_YAML_SEQUENCE);
	check_place(doc->docs[2], 5, 5);
	/* An explicit but empty document holds one null. */
	CHECK(zf_yaml_is_null(doc->docs[3]));
	zf_yaml_free(doc);

	/* A refusal in a later document is placed in the whole stream. */
	CHECK_STR(refusal_str("a: 1\n---\na: 1\na: 2\n"),
	    "t.yaml:4:1: duplicate key 'a' (first at 3:1)");
}

static void
test_encoding(void)
{
	struct zf_yaml_doc *doc;

	/* A leading BOM is skipped and not counted as a column. */
	doc = parse("\xef\xbb\xbf" "a: 1\n");
	CHECK(doc != NULL);
	if (doc != NULL) {
		check_place(doc->docs[0]->keys[0], 1, 1);
		check_place(doc->docs[0]->items[0], 1, 4);
	}
	zf_yaml_free(doc);

	/* CR LF is one line break. */
	doc = parse("a: 1\r\nb: 2\r\n");
	CHECK(doc != NULL);
	if (doc != NULL)
		check_place(zf_yaml_get(doc->docs[0], "b"), 2, 4);
	zf_yaml_free(doc);

	CHECK_STR(refusal_str("name: 张三\nnote: ok\n  x: \xff\n"),
	    "t.yaml:3:6: invalid UTF-8 (byte 0xff)");
	CHECK_STR(refusal_str("\xef\xbb\xbf" "名字: 张\xe4\xb8\n"),
	    "t.yaml:1:6: invalid UTF-8 (byte 0xe4)");
	CHECK_STR(refusal_str("a: \xc0\x80\n"),
	    "t.yaml:1:4: invalid UTF-8 (byte 0xc0)");
	CHECK_STR(refusal_str("a: b\r\nc: \xed\xa0\x80\r\n"),
	    "t.yaml:2:4: invalid UTF-8 (byte 0xed)");
	CHECK_STR(refusal_str("a: \xf4\x90\x80\x80\n"),
	    "t.yaml:1:4: invalid UTF-8 (byte 0xf4)");
	/* A UTF-16 byte order mark is not UTF-8 either. */
	CHECK_STR(refusal("\xff\xfe" "a\0:\0", 6),
	    "t.yaml:1:1: invalid UTF-8 (byte 0xff)");
	CHECK_STR(refusal("a: 1\nb: x\0y\n", 12),
	    "t.yaml:2:5: NUL byte in input");
	/* libyaml's own check, placed from its byte offset. */
	CHECK_STR(refusal_str("名字: 张\r\n备注: x\x01\r\n"),
	    "t.yaml:2:6: control characters are not allowed");
	/* A "\0" escape would cut the text short as a C string. */
	CHECK_STR(refusal_str("a: \"x\\0y\"\n"),
	    "t.yaml:1:4: scalar contains a NUL character");
}

static void
test_anchors_tags(void)
{
	static const char laughs[] =
	    "lol: lol\n"
	    "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
	    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n";

	CHECK_STR(refusal_str(laughs), "t.yaml:2:4: anchors are not allowed");
	CHECK_STR(refusal_str("x: 1\ny: &anchor\n  z: 2\n"),
	    "t.yaml:2:4: anchors are not allowed");
	CHECK_STR(refusal_str("- a\n- &k b\n"),
	    "t.yaml:2:3: anchors are not allowed");
	CHECK_STR(refusal_str("a: 1\nb: *a\n"),
	    "t.yaml:2:4: aliases are not allowed");
	CHECK_STR(refusal_str("case:\n  fine: !custom 100\n"),
	    "t.yaml:2:9: tags are not allowed");
	CHECK_STR(refusal_str("a: !!str 1\n"),
	    "t.yaml:1:4: tags are not allowed");
	CHECK_STR(refusal_str("a: ! 1\n"), "t.yaml:1:4: tags are not allowed");
	CHECK_STR(refusal_str("a: !!map {b: 1}\n"),
	    "t.yaml:1:4: tags are not allowed");
}

static void
test_keys(void)
{
	static const char deep[] =
	    "case:\n"
	    "  party:\n"
	    "    name: 张三\n"
	    "    id: 1\n"
	    "    name: 李四\n";

	CHECK_STR(refusal_str(deep),
	    "t.yaml:5:5: duplicate key 'name' (first at 3:5)");
	/* Quoting does not make a key different. */
	CHECK_STR(refusal_str("a: 1\nb: 2\n'a': 3\n"),
	    "t.yaml:3:1: duplicate key 'a' (first at 1:1)");
	CHECK_STR(refusal_str("{x: 1, y: 2, \"x\": 3}\n"),
	    "t.yaml:1:14: duplicate key 'x' (first at 1:2)");
	/* The earliest repeat in the stream is the one reported. */
	CHECK_STR(refusal_str("b: 1\na: 1\nb: 2\na: 2\n"),
	    "t.yaml:3:1: duplicate key 'b' (first at 1:1)");
	CHECK_STR(refusal_str("{a: 1}: x\n"),
	    "t.yaml:1:1: a mapping key must be a scalar, not a mapping");
	CHECK_STR(refusal_str("k: v\n? [a, b]\n: c\n"),
	    "t.yaml:2:3: a mapping key must be a scalar, not a sequence");
	CHECK_STR(refusal_str("? |\n  x\n: 1\n"),
	    "t.yaml:1:3: a mapping key must not be a block scalar");
}

static char *
nested(size_t levels)
{
	char *s = xmalloc(2 * levels + 2);
	size_t i;

	for (i = 0; i < levels; i++) {
		s[i] = '[';
		s[levels + i] = ']';
	}
	s[2 * levels] = '\n';
	s[2 * levels + 1] = '\0';
	return s;
}

static void
test_limits(void)
{
	struct zf_yaml_doc *doc;
	struct zf_buf b;
	char *s;
	size_t i;

	s = nested(ZF_YAML_MAX_DEPTH);
	doc = parse(s);
	CHECK(doc != NULL);
	zf_yaml_free(doc);
	free(s);
	s = nested(ZF_YAML_MAX_DEPTH + 1);
	CHECK_STR(refusal_str(s), "t.yaml:1:33: nested deeper than 32 levels");
	free(s);
	s = nested(100000);
	CHECK_STR(refusal_str(s), "t.yaml:1:33: nested deeper than 32 levels");
	free(s);

	/* Block style: the 33rd mapping starts on line 33. */
	zf_buf_init(&b);
	for (i = 0; i < 33; i++)
		zf_buf_printf(&b, "%*sk:\n", (int)(2 * i), "");
	zf_buf_printf(&b, "%*sv: 1\n", 66, "");
	CHECK_STR(refusal_str(b.data),
	    "t.yaml:33:65: nested deeper than 32 levels");
	zf_buf_release(&b);

	zf_buf_init(&b);
	zf_buf_addstr(&b, "a: 1\nbig: ");
	for (i = 0; i < ZF_YAML_MAX_SCALAR; i++)
		zf_buf_addch(&b, 'x');
	zf_buf_addch(&b, '\n');
	doc = parse(b.data);
	CHECK(doc != NULL);
	if (doc != NULL)
		CHECK_INT(zf_yaml_get(doc->docs[0], "big")->len,
		    ZF_YAML_MAX_SCALAR);
	zf_yaml_free(doc);
	b.len--;
	zf_buf_addstr(&b, "x\n");
	CHECK_STR(refusal_str(b.data),
	    "t.yaml:2:6: scalar is longer than 65536 bytes");
	zf_buf_release(&b);

	/* One sequence and 999999 items: exactly the cap. */
	zf_buf_init(&b);
	zf_buf_addch(&b, '[');
	for (i = 1; i < ZF_YAML_MAX_NODES - 1; i++)
		zf_buf_addstr(&b, "0,");
	zf_buf_addstr(&b, "0]\n");
	doc = parse(b.data);
	CHECK(doc != NULL);
	if (doc != NULL)
		CHECK_INT(doc->docs[0]->count, ZF_YAML_MAX_NODES - 1);
	zf_yaml_free(doc);
	/* The cap is for the whole stream, not per document. */
	zf_buf_addstr(&b, "--- 0\n");
	CHECK_STR(refusal_str(b.data), "t.yaml:2:5: more than 1000000 nodes");
	zf_buf_release(&b);
}

static void
test_syntax(void)
{
	CHECK_STR(refusal_str("name: \"abc\nnext: 1\n"),
	    "t.yaml:3:1: found unexpected end of stream "
	    "(while scanning a quoted scalar at 1:7)");
	CHECK_STR(refusal_str("a: 1\n b: 2\n"),
	    "t.yaml:2:3: mapping values are not allowed in this context");
	CHECK_STR(refusal_str("a: [1, 2\n"),
	    "t.yaml:2:1: did not find expected ',' or ']' "
	    "(while parsing a flow sequence at 1:4)");
}

static void
test_messages(void)
{
	struct zf_yaml_doc *doc;
	char small[12];

	/* A short buffer gets a cut message; no buffer at all is allowed. */
	doc = zf_yaml_parse("t.yaml", "a: *x\n", 6, small, sizeof(small));
	CHECK(doc == NULL);
	CHECK_STR(small, "t.yaml:1:4:");
	doc = zf_yaml_parse("t.yaml", "a: *x\n", 6, NULL, 0);
	CHECK(doc == NULL);

	/* Long keys and control characters are tamed in the message. */
	CHECK_STR(refusal_str("\"a\\tb'c\": 1\n\"a\\tb'c\": 2\n"),
	    "t.yaml:2:1: duplicate key 'a?b?c' (first at 1:1)");
	CHECK_STR(refusal_str(
	    "一二三四五六七八九十一二三四五六七八九十一二三: 1\n"
	    "一二三四五六七八九十一二三四五六七八九十一二三: 2\n"),
	    "t.yaml:2:1: duplicate key "
	    "'一二三四五六七八九十一二三四五六七八九十一...' "
	    "(first at 1:1)");
}

int
main(void)
{
	CHECK_PLAN(204);
	test_config();
	test_nulls();
	test_documents();
	test_encoding();
	test_anchors_tags();
	test_keys();
	test_limits();
	test_syntax();
	test_messages();
	return check_report("t-yaml");
}
