/*
 * doc-render: a case's enforcement document (行政执法文书) from its
 * template, filled from the record, stored as the case's evidence and
 * journaled with its 文号 and verification code (render.h); --out also
 * writes it as .docx, or as HTML for the screen when FILE ends in .html.
 * --list names the documents; --check CODE finds the document of a
 * verification code and, with --file, says whether a file is it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/io.h"
#include "base/json.h"
#include "base/text.h"
#include "common/cli.h"
#include "documents/render.h"
#include "record/archive.h"
#include "base/i18n.h"

#define SETS_MAX	32
#define FILE_MAX	(256u << 20)

static const char usage[] = "CASE DOCUMENT [--out FILE] [--set NAME=VALUE]"
    "... [--template FILE] | --list | --check CODE [--file FILE]";

static const struct zf_column list_columns[] = {
	{ "文书", "name", 0 }, { "名称", "title", 0 }, { "文号", "number", 0 },
	ZF_COLUMN_END
};

/*
 * Whether out can take the document, asked before it is made: a folder
 * or a folder that cannot be written to would refuse it only after the
 * record was made.
 */
static int
out_ready(const char *out, struct zf_err *e)
{
	struct stat st;
	char *dir, *slash;
	int rc = 0, there;

	if (*out == '\0')
		return zf_fail(e, EX_USAGE, "--out is empty");
	there = stat(out, &st) == 0;
	if (there && S_ISDIR(st.st_mode))
		return zf_fail(e, EX_USAGE, "--out '%s' is a folder", out);
	if (there && !S_ISREG(st.st_mode))
		return access(out, W_OK) == 0 ? 0 : zf_fail(e, EX_CANTCREAT,
		    "cannot write '%s': %s", out, strerror(errno));
	dir = xstrdup(out);
	if ((slash = strrchr(dir, '/')) != NULL)
		slash[slash == dir] = '\0';
	if (access(slash != NULL ? dir : ".", W_OK) != 0)
		rc = zf_fail(e, EX_CANTCREAT, "cannot write '%s': %s", out,
		    strerror(errno));
	free(dir);
	return rc;
}

static int
render(struct zf_cli *cli, int argc, char **argv, const char *out,
    const char *const *sets, size_t nsets, const char *tpl)
{
	struct zf_render_input in;
	struct zf_rendered r;
	const struct zf_buf *page;
	struct zf_archive *a;
	struct zf_json *o;
	int rc;

	if (argc - optind != 2)
		zf_cli_usage(cli, "give a case and a document (doc-render "
		    "--list names them)");
	memset(&in, 0, sizeof(in));
	in.case_id = argv[optind];
	in.type = argv[optind + 1];
	in.sets = sets;
	in.nsets = nsets;
	in.template_file = tpl;
	if ((rc = zf_cli_open(cli, ZF_OPEN_WRITE, &a)) != 0)
		return zf_cli_exit(rc);
	if (out != NULL && ((rc = zf_archive_outside(a, out, 0)) != 0 ||
	    (rc = out_ready(out, zf_archive_err(a))) != 0))
		return zf_cli_done(a, rc);
	if ((rc = zf_render(a, &in, &r)) != 0) {
		zf_rendered_release(&r);
		return zf_cli_done(a, rc);
	}
	zf_cli_recorded(r.evidence_id);
	page = zf_text_ends_with(out ? out : "", ".html", 1) ||
	    zf_text_ends_with(out ? out : "", ".htm", 1) ? &r.html : &r.docx;
	if (out != NULL && zf_file_write_whole(out, page->data,
	    page->len) != 0)
		rc = zf_fail(zf_archive_err(a), errno == EIO ||
		    errno == ENOSPC ? EX_IOERR : EX_CANTCREAT, "%s is "
		    "recorded as %s, but '%s' could not be written (%s): "
		    "evidence-get gives it", r.title, r.evidence_id, out,
		    strerror(errno));
	if (cli->format == ZF_FORMAT_JSON) {
		o = zf_json_object();
		zf_json_set_str(o, "evidence", r.evidence_id);
		zf_json_set_str(o, "document", in.type);
		zf_json_set_str(o, "title", r.title);
		zf_json_set_str(o, "number", r.number);
		zf_json_set_str(o, "code", r.code);
		zf_cli_print_json(o);
		zf_json_free(o);
	} else if (cli->quiet)
		printf("%s\n", r.evidence_id);
	else
		printf("%s\t%s\t%s\t%s\n", r.evidence_id, r.code,
		    r.number != NULL ? r.number : "-", r.title);
	zf_rendered_release(&r);
	return zf_cli_done(a, rc);
}

/* Whether the file at path is the document: its SHA-256 against want. */
static int
same_file(const char *path, const char *want, struct zf_err *e)
{
	uint8_t d[ZF_DIGEST_LEN];
	char hex[ZF_DIGEST_HEX];
	struct zf_buf b;

	zf_buf_init(&b);
	if (zf_read_file(AT_FDCWD, path, FILE_MAX, &b) != 0) {
		zf_buf_release(&b);
		return zf_fail(e, EX_NOINPUT, "cannot read '%s': %s", path,
		    strerror(errno));
	}
	zf_digest_buf(ZF_SUITE_SHA256_ED25519, b.data, b.len, d);
	zf_buf_release(&b);
	zf_hex(d, ZF_DIGEST_LEN, hex);
	if (want == NULL || strcmp(hex, want) != 0)
		return zf_fail(e, 1, "'%s' is not the document recorded: its "
		    "SHA-256 is %s, the record's %s", path, hex,
		    want ? want : _("none"));
	return 0;
}

static int
check(struct zf_cli *cli, const char *code, const char *file)
{
	struct zf_archive *a;
	struct zf_json *o;
	int rc;

	if ((rc = zf_cli_open(cli, ZF_OPEN_ANYONE, &a)) != 0)
		return zf_cli_exit(rc);
	if ((rc = zf_render_check(a, code, &o)) != 0)
		return zf_cli_done(a, rc);
	if (file != NULL)
		rc = same_file(file, zf_json_get_str(o, "sha256"),
		    zf_archive_err(a));
	if (cli->format == ZF_FORMAT_JSON)
		zf_cli_print_json(o);
	if (cli->format != ZF_FORMAT_JSON && !cli->quiet &&
	    zf_json_get_str(o, "superseded_by") != NULL)
		printf("已被同一案件的同类文书取代（更正）：校验码 %s\n",
		    zf_json_get_str(o, "superseded_by"));
	if (cli->format != ZF_FORMAT_JSON && !cli->quiet)
		printf("校验码 %s：%s %s\n案件 %s，%s 制作，制作人 %s（%s），"
		    "日志第 %lld 号事件\n证据 %s，SHA-256 %s\n%s\n",
		    zf_json_get_str(o, "code"), zf_json_get_str(o, "title"),
		    zf_json_get_str(o, "number") ? zf_json_get_str(o,
		    "number") : "", zf_json_get_str(o, "case"),
		    zf_json_get_str(o, "date"), zf_json_get_str(o,
		    "actor_name") ? zf_json_get_str(o, "actor_name") : "",
		    zf_json_get_str(o, "actor"), (long long)(zf_json_get(o,
		    "seq") ? zf_json_int_value(zf_json_get(o, "seq")) : 0),
		    zf_json_get_str(o, "evidence"), zf_json_get_str(o,
		    "sha256"), file == NULL ? "the record gives this code" :
		    rc == 0 ? "the file is this document" :
		    "the file is NOT this document");
	zf_json_free(o);
	return zf_cli_done(a, rc);
}

int
main(int argc, char **argv)
{
	const char *out = NULL, *tpl = NULL, *code = NULL, *file = NULL;
	const char *sets[SETS_MAX];
	struct zf_json *list;
	struct zf_cli cli;
	size_t nsets = 0;
	int list_only = 0, rc;
	const struct zf_cli_opt opts[] = {
		ZF_TEXT("out", 0, &out),
		ZF_LIST("set", sets, &nsets, SETS_MAX, "fields"),
		ZF_TEXT("template", 0, &tpl),
		ZF_FLAG("list", &list_only),
		ZF_TEXT("check", 0, &code),
		ZF_TEXT("file", 0, &file),
		ZF_OPT_END
	};

	zf_cli_init(&cli, argv, usage,
	    N_("Make a case's enforcement documents (.docx, HTML) from "
	    "templates."));
	zf_cli_options(&cli, argc, argv, opts);
	if (list_only && (code != NULL || argc > optind))
		zf_cli_usage(&cli, "--list takes nothing else");
	if (list_only) {
		if ((rc = zf_render_list(&list)) != 0)
			return zf_cli_exit(rc);
		rc = zf_cli_print_list(&cli, list, list_columns);
		zf_json_free(list);
		return zf_cli_exit(rc);
	}
	if (code != NULL && (nsets > 0 || out != NULL || tpl != NULL ||
	    argc > optind))
		zf_cli_usage(&cli, "--check CODE takes only --file");
	if (code != NULL)
		return check(&cli, code, file);
	if (file != NULL)
		zf_cli_usage(&cli, "--file goes with --check CODE");
	return render(&cli, argc, argv, out, sets, nsets, tpl);
}
