/*
 * case-show: everything about one case (or each id given, "-" for
 * stdin): text for people, -o json for programs.  Exits 66 when a case
 * does not exist.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/archive.h"
#include "cases/case.h"
#include "cases/review.h"
#include "common/cli.h"
#include "rules/config.h"
#include "base/buf.h"
#include "base/json.h"
#include "base/text.h"
#include "base/money.h"
#include "base/i18n.h"

static const char usage[] = "CASE...";

static const struct zf_column evidence_columns[] = {
	{ "证据", "id", 0 },
	{ "类别", "kind", 0 },
	{ "大小", "size", 0 },
	{ "名称", "title", 30 },
	ZF_COLUMN_END
};

static const struct zf_column step_columns[] = {
	{ "时间", "at", 0 },
	{ "步骤", "step_name", 0 },
	{ "办理人", "actor", 0 },
	{ "说明", "note", 30 },
	ZF_COLUMN_END
};

static const struct zf_column deadline_columns[] = {
	{ "期限事项", "what", 30 },
	{ "届满日", "due", 0 },
	{ "剩余", "left", 0 },
	{ "依据", "basis", 30 },
	ZF_COLUMN_END
};

/* Steps recorded after their day (补录) say so beside their time. */
static void
mark_late(struct zf_json *steps)
{
	size_t i;

	for (i = 0; i < zf_json_len(steps); i++) {
		struct zf_json *s = zf_json_at(steps, i);
		char *at;

		if (zf_json_get_bool(s, "late") != 1)
			continue;
		at = xasprintf("%s 补录（记录于 %s）", zf_json_get_str(s, "at"),
		    zf_json_get_str(s, "recorded"));
		zf_json_set_str(s, "at", at);
		free(at);
	}
}

/* A table after a blank line, under its title; nothing when empty. */
static void
section(struct zf_cli *cli, const char *title, const struct zf_json *list,
    const struct zf_column *cols)
{
	if (zf_json_len(list) == 0)
		return;
	printf("\n");
	if (title != NULL)
		printf("%s\n", title);
	zf_cli_print_list(cli, list, cols);
}

/* "法制审核  第2轮 已同意" */
static void
review_line(const struct zf_json *review)
{
	const char *said = zf_review_status_chinese(zf_json_get_str(review,
	    "status"));
	int64_t round = 0;

	zf_json_get_int(review, "round", &round);
	if (said != NULL)
		printf("法制审核  第%lld轮 %s\n", (long long)round, said);
}

/* Free text as one line: controls, breaks and bidi marks escaped. */
static void
say(const char *s)
{
	struct zf_buf b;

	zf_buf_init(&b);
	if (s != NULL)
		zf_text_escape(&b, s);
	fputs(b.data, stdout);
	zf_buf_release(&b);
}

static void
line(const char *label, const struct zf_json *c, const char *key)
{
	const char *v = zf_json_get_str(c, key);

	if (v == NULL || v[0] == '\0')
		return;
	printf("%s  ", label);
	say(v);
	printf("\n");
}

static void
show_text(struct zf_cli *cli, const struct zf_config *config,
    const struct zf_json *c)
{
	const struct zf_json *party = zf_json_get(c, "party");
	const struct zf_json *officers = zf_json_get(c, "officers");
	const struct zf_json *evidence = zf_json_get(c, "evidence");
	const struct zf_json *decision;
	struct zf_cli text = *cli;
	size_t i;

	printf("%s  %s\n", zf_json_get_str(c, "id"),
	    zf_json_get_str(c, "number"));
	line("类别    ", c, "kind_name");
	line("阶段    ", c, "stage_name");
	line("立案日期", c, "filed");
	printf("当事人    ");
	say(zf_json_get_str(party, "name"));
	if (zf_json_get_str(party, "id") != NULL) {
		printf("（");
		say(zf_json_get_str(party, "id"));
		printf("）");
	}
	printf("\n");
	line("案由    ", c, "cause");
	line("案件来源", c, "source");
	line("执法领域", c, "field");
	printf("承办人员  ");
	for (i = 0; i < zf_json_len(officers); i++) {
		const char *id = zf_json_str(zf_json_at(officers, i));
		const struct zf_person *p = zf_config_person(config, id);

		printf("%s%s（%s）", i ? "、" : "", p ? p->name : id, id);
	}
	printf("\n重大案件  %s\n", zf_json_get_bool(c, "major") == 1 ? "是" :
	    "否");
	review_line(zf_json_get(c, "review"));
	decision = zf_json_get(c, "decision");
	if (zf_json_type(decision) == ZF_JSON_OBJECT) {
		int64_t fen;

		printf("处理决定  ");
		say(zf_json_get_str(decision, "number"));
		printf("  ");
		say(zf_json_get_str(decision, "outcome"));
		if (zf_json_get_int(decision, "fine_fen", &fen) == 0) {
			char yuan[24];

			zf_money_format(fen, yuan);
			printf("（罚款 %s 元）", yuan);
		}
		printf("\n");
	}
	printf("证据      %zu 份\n", zf_json_len(evidence));
	text.format = ZF_FORMAT_TEXT;
	text.quiet = 0;
	mark_late(zf_json_get(c, "steps"));
	section(&text, "办理步骤", zf_json_get(c, "steps"), step_columns);
	section(&text, "期限", zf_json_get(c, "deadlines"), deadline_columns);
	section(&text, NULL, evidence, evidence_columns);
}

static int
show_one(struct zf_cli *cli, struct zf_archive *a, const char *id, size_t i,
    struct zf_json *all)
{
	struct zf_json *c;
	int rc;

	if ((rc = zf_case_show(a, id, &c)) != 0)
		return rc;
	if (cli->quiet)
		printf("%s\n", id);
	else if (cli->format == ZF_FORMAT_TEXT) {
		if (i > 0)
			printf("\n");
		show_text(cli, zf_archive_config(a), c);
	}
	zf_json_push(all, c);
	return 0;
}

/*
 * One JSON document: the case, or an array for several; one id on the
 * command line gives an object, "-" or more an array.
 */
static void
print_all(struct zf_cli *cli, struct zf_json *all, int single)
{
	if (cli->format == ZF_FORMAT_JSON && !cli->quiet)
		zf_cli_print_json(single && zf_json_len(all) == 1 ?
		    zf_json_at(all, 0) : all);
	else if (cli->format == ZF_FORMAT_TSV && !cli->quiet) {
		static const struct zf_column cols[] = {
			ZF_FIELD("id"), ZF_FIELD("number"), ZF_FIELD("kind"),
			ZF_FIELD("stage"), ZF_FIELD("filed"),
			{ "party", "party.name", 0 },
			{ "party_id", "party.id", 0 },
			ZF_FIELD("officers"), ZF_FIELD("cause"),
			ZF_COLUMN_END
		};

		zf_cli_print_list(cli, all, cols);
	}
}

int
main(int argc, char **argv)
{
	struct zf_cli cli;

	zf_cli_init(&cli, argv, usage,
	    N_("Show everything about a case."));
	return zf_cli_each_case(&cli, argc, argv, show_one, print_all);
}
