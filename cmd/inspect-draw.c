/*
 * inspect-draw: the 双随机 draw.  --commit journals a commitment to the
 * directory of targets, the officers qualified today and randomness that
 * does not exist yet; --draw takes that randomness and draws, filing an
 * inspection case for each target drawn; --verify computes a published
 * draw again from its record and the directory, with no archive.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/io.h"
#include "base/json.h"
#include "cases/draw.h"
#include "common/cli.h"
#include "record/archive.h"
#include "base/i18n.h"

static const char usage[] = "--commit --targets FILE --count N "
    "--inspectors M --randomness TEXT [--out FILE] | --draw COMMITMENT "
    "--value V [--targets FILE] [--out FILE] | --verify --record FILE "
    "--targets FILE";

static const struct zf_column columns[] = {
	{ "案件", "case", 0 },
	{ "检查对象", "name", 0 },
	{ "统一社会信用代码", "code", 0 },
	{ "领域", "field", 0 },
	{ "检查人员", "who", 0 },
	ZF_COLUMN_END
};

/*
 * The file --out names, made before anything is recorded, so that an
 * act is never journaled when its record cannot be kept: refused when it
 * exists (EX_CANTCREAT).
 */
static FILE *
open_out(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	FILE *f;

	if (fd < 0) {
		zf_cli_error(EX_CANTCREAT, "cannot make '%s': %s", path,
		    errno == EEXIST ? "it exists (give another name)" :
		    strerror(errno));
		return NULL;
	}
	if ((f = fdopen(fd, "w")) == NULL)
		close(fd);
	return f;
}

/* Writes v, pretty, to f and closes it; 0 or EX_IOERR. */
static int
write_json(FILE *f, const char *path, const struct zf_json *v)
{
	int bad = zf_json_write(f, v, 1) != 0;

	bad |= fputc('\n', f) == EOF;
	bad |= fflush(f) != 0;
	bad |= fsync(fileno(f)) != 0;
	bad |= fclose(f) != 0;
	if (bad)
		return zf_cli_error(EX_IOERR, "cannot write '%s': %s", path,
		    strerror(errno));
	return 0;
}

static int
read_input(const char *path, struct zf_buf *b)
{
	if (zf_read_file(AT_FDCWD, path, 64u << 20, b) == 0)
		return 0;
	return zf_cli_error(errno == ENOENT ? EX_NOINPUT : errno == EFBIG ||
	    errno == EISDIR ? EX_DATAERR : EX_IOERR, "cannot read '%s': %s",
	    path, errno == EFBIG ? "larger than 64 MiB" : strerror(errno));
}

static int
verify(struct zf_cli *cli, const char *record_path, const char *targets)
{
	struct zf_buf rb, tb;
	struct zf_json *record, *out;
	struct zf_err e;
	char why[512], err[256];
	const char *base = strrchr(targets, '/');
	int rc;

	zf_buf_init(&rb);
	zf_buf_init(&tb);
	if ((rc = read_input(record_path, &rb)) != 0 ||
	    (rc = read_input(targets, &tb)) != 0)
		goto out;
	if ((record = zf_json_parse(rb.data, rb.len, err,
	    sizeof(err))) == NULL) {
		rc = zf_cli_error(EX_DATAERR, "%s: not JSON: %s", record_path,
		    err);
		goto out;
	}
	why[0] = '\0';
	rc = zf_draw_verify(record, base ? base + 1 : targets, tb.data ?
	    tb.data : "", tb.len, why, sizeof(why), &e);
	zf_json_free(record);
	if (rc != 0 && rc != 1) {
		zf_cli_fail(&e);
	} else if (cli->format == ZF_FORMAT_JSON) {
		out = zf_json_object();
		zf_json_set_bool(out, "same", rc == 0);
		if (rc == 1)
			zf_json_set_str(out, "why", why);
		zf_cli_print_json(out);
		zf_json_free(out);
	} else if (rc == 0 && !cli->quiet) {
		printf("ok: the draw is the one its commitment, its value and "
		    "the directory give\n");
	} else if (rc == 1) {
		printf("DIFFERENT: %s\n", why);
	}
out:
	zf_buf_release(&rb);
	zf_buf_release(&tb);
	return zf_cli_exit(rc);
}

int
main(int argc, char **argv)
{
	const char *targets = NULL, *randomness = NULL, *value = NULL;
	const char *draw = NULL, *out = NULL, *record_path = NULL;
	int commit = 0, check = 0, count = 0, inspectors = 2, rc;
	struct zf_json *record = NULL;
	struct zf_archive *a;
	FILE *outf = NULL;
	struct zf_cli cli;
	int64_t seq = 0;
	char *end;
	const struct zf_cli_opt opts[] = {
		ZF_FLAG("commit", &commit),
		ZF_TEXT("draw", 0, &draw),
		ZF_FLAG("verify", &check),
		ZF_TEXT("targets", 0, &targets),
		ZF_NUMBER("count", &count, 1, 100000, "targets"),
		ZF_NUMBER("inspectors", &inspectors, 2, 16, "inspectors"),
		ZF_TEXT("randomness", 0, &randomness),
		ZF_TEXT("value", 0, &value),
		ZF_TEXT("record", 0, &record_path),
		ZF_TEXT("out", 0, &out),
		ZF_OPT_END
	};

	zf_cli_init(&cli, argv, usage,
	    N_("The 双随机 draw: inspection targets and inspectors drawn so "
	    "that nobody can rig it and anybody can compute it again."));
	zf_cli_options_only(&cli, argc, argv, opts);
	if (commit + check + (draw != NULL) != 1)
		zf_cli_usage(&cli, "give one of --commit, --draw COMMITMENT "
		    "and --verify");
	if (targets == NULL && draw == NULL)
		zf_cli_usage(&cli, "--targets FILE is required: the directory "
		    "of targets (检查对象名录库)");
	if (check) {
		if (record_path == NULL)
			zf_cli_usage(&cli, "--verify needs --record FILE, the "
			    "published record of the draw");
		if (value || randomness || out || count)
			zf_cli_usage(&cli, "--verify takes --record and "
			    "--targets only");
		return verify(&cli, record_path, targets);
	}
	if (commit && (count == 0 || randomness == NULL))
		zf_cli_usage(&cli, "--commit needs --count N and --randomness "
		    "TEXT");
	if (commit && (value || record_path))
		zf_cli_usage(&cli, "--commit takes no --value nor --record: "
		    "the value is not known yet");
	if (draw != NULL) {
		errno = 0;
		seq = strtoll(draw, &end, 10);
		if (*draw == '\0' || *end != '\0' || seq < 1 || errno != 0)
			zf_cli_usage(&cli, "--draw '%s' is not a commitment "
			    "(the number --commit printed)", draw);
		if (value == NULL || *value == '\0')
			zf_cli_usage(&cli, "--draw needs --value V, the public "
			    "randomness the commitment names");
		if (randomness || record_path || count)
			zf_cli_usage(&cli, "--draw takes the commitment's "
			    "randomness, count and directory: give --value, "
			    "and --targets to check the directory");
	}
	if ((rc = zf_cli_open(&cli, ZF_OPEN_WRITE, &a)) != 0)
		return zf_cli_exit(rc);
	if (out != NULL && (rc = zf_archive_outside(a, out, 0)) != 0)
		return zf_cli_done(a, rc);
	if (out != NULL && (outf = open_out(out)) == NULL) {
		zf_cli_close(a);
		return zf_cli_exit(EX_CANTCREAT);
	}
	if (commit)
		rc = zf_draw_commit(a, targets, count, inspectors, randomness,
		    &seq, &record);
	else
		rc = zf_draw_make(a, seq, targets, value, &record);
	if (rc != 0) {
		if (outf != NULL) {
			fclose(outf);
			unlink(out);
		}
		return zf_cli_done(a, rc);
	}
	if (outf != NULL)
		rc = write_json(outf, out, record);
	if (cli.format == ZF_FORMAT_JSON) {
		zf_cli_print_json(record);
	} else if (commit) {
		printf("%lld\t%s\n", (long long)seq, zf_json_get_str(record,
		    "sha256"));
	} else {
		struct zf_json *rows = zf_json_get(record, "result");
		size_t i, j;

		for (i = 0; i < zf_json_len(rows); i++) {
			struct zf_json *r = zf_json_at(rows, i);
			const struct zf_json *ids = zf_json_get(r,
			    "inspectors");
			struct zf_buf b;

			zf_buf_init(&b);
			for (j = 0; j < zf_json_len(ids); j++)
				zf_buf_printf(&b, "%s%s", j ? " " : "",
				    zf_json_str(zf_json_at(ids, j)));
			zf_json_set_str(r, "who", b.data ? b.data : "");
			zf_buf_release(&b);
		}
		zf_cli_print_list(&cli, rows, columns);
	}
	zf_json_free(record);
	zf_cli_close(a);
	return zf_cli_exit(rc);
}
