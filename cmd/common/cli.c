/* cli: common options, messages, output and exit status. */
#include "common/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record/archive.h"
#include "base/buf.h"
#include "rules/calendar.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/json.h"
#include "base/text.h"
#include "base/when.h"
#include "rules/schema.h"
#include "documents/events.h"

const char *zf_progname = "zhifa";

/* "PROGRAM: [kind]message" on stderr. */
static void __attribute__((format(printf, 2, 0)))
say(const char *kind, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: %s", zf_progname, kind);
	vfprintf(stderr, _(fmt), ap);
	fputc('\n', stderr);
}

void
zf_cli_init(struct zf_cli *cli, char **argv, const char *usage,
    const char *about)
{
	const char *slash = strrchr(argv[0], '/');

	zf_i18n_init();
	memset(cli, 0, sizeof(*cli));
	zf_progname = slash ? slash + 1 : argv[0];
	cli->usage = usage;
	cli->about = about;
	cli->format = ZF_FORMAT_TEXT;
	/* Every event type, before any archive is written or replayed. */
	zf_documents_register();
}

void
zf_cli_usage(struct zf_cli *cli, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("", fmt, ap);
	va_end(ap);
	fprintf(stderr, _("usage: %s %s\n"), zf_progname, cli->usage);
	exit(EX_USAGE);
}

int
zf_cli_option(struct zf_cli *cli, int c, const char *arg)
{
	switch (c) {
	case 'A':
		cli->archive = arg;
		return 1;
	case ZF_OPT_AS:
		cli->as = arg;
		return 1;
	case ZF_OPT_PERSON_KEY:
		cli->person_key = arg;
		return 1;
	case 'o':
		if (strcmp(arg, "text") == 0)
			cli->format = ZF_FORMAT_TEXT;
		else if (strcmp(arg, "json") == 0)
			cli->format = ZF_FORMAT_JSON;
		else if (strcmp(arg, "tsv") == 0)
			cli->format = ZF_FORMAT_TSV;
		else
			zf_cli_usage(cli, "output format '%s' is not text, "
			    "json or tsv", arg);
		return 1;
	case 'q':
		cli->quiet = 1;
		return 1;
	case 'h':
		printf(_("usage: %s %s\n"), zf_progname, cli->usage);
		printf("%s\n", _(cli->about));
		printf(_("common options: -A DIR (the archive; $ZHIFA_ARCHIVE "
		    "if not given), --as PERSON, --person-key FILE, "
		    "-o text|json|tsv, -q, --version\nsee %s(1)\n"),
		    zf_progname);
		exit(zf_cli_exit(0));
	case ZF_OPT_VERSION:
		printf("%s (zhifa) %s\n", zf_progname, ZHIFA_VERSION);
		exit(zf_cli_exit(0));
	case '?':
		fprintf(stderr, _("usage: %s %s\n"), zf_progname, cli->usage);
		exit(EX_USAGE);
	default:
		return 0;
	}
}

/* getopt_long's tables: the common options, then the program's own. */
static void
build(struct zf_cli *cli, const struct zf_cli_opt *opts)
{
	static const struct option common[] = { ZF_CLI_LONG };
	size_t n = 0, len, i;

	len = strlen(ZF_CLI_SHORT);
	memcpy(cli->shortopts, ZF_CLI_SHORT, len);
	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		cli->longopts[n++] = common[i];
	for (i = 0; opts[i].name != NULL; i++) {
		struct option *o = &cli->longopts[n];
		int bare = opts[i].arg == ZF_ARG_FLAG ||
		    opts[i].arg == ZF_ARG_OWN_FLAG;

		if (++n > ZF_CLI_MAX_OPTIONS)
			abort();
		o->name = opts[i].name;
		o->has_arg = bare ? no_argument : required_argument;
		o->flag = NULL;
		o->val = opts[i].key ? opts[i].key : ZF_OPT_TABLE + (int)i;
		if (opts[i].key > 0 && opts[i].key < 128) {
			cli->shortopts[len++] = (char)opts[i].key;
			if (!bare)
				cli->shortopts[len++] = ':';
		}
	}
	memset(&cli->longopts[n], 0, sizeof(cli->longopts[n]));
	cli->shortopts[len] = '\0';
	cli->opts = opts;
}

int
zf_cli_next(struct zf_cli *cli, int argc, char **argv,
    const struct zf_cli_opt *opts)
{
	const struct zf_cli_opt *o;
	const char **list;
	size_t *n;
	char *end;
	long v;
	int c;

	if (cli->opts != opts)
		build(cli, opts);
	while ((c = getopt_long(argc, argv, cli->shortopts, cli->longopts,
	    NULL)) != -1) {
		if (zf_cli_option(cli, c, optarg))
			continue;
		for (o = opts; o->name != NULL; o++)
			if (c == (o->key ? o->key : ZF_OPT_TABLE +
			    (int)(o - opts)))
				break;
		if (o->name == NULL)
			continue;
		switch (o->arg) {
		case ZF_ARG_TEXT:
			*(const char **)o->to = optarg;
			break;
		case ZF_ARG_FLAG:
			*(int *)o->to = 1;
			break;
		case ZF_ARG_LIST:
			n = o->more;
			if (*n == (size_t)o->max)
				zf_cli_usage(cli, "at most %ld %s", o->max,
				    _(o->many));
			list = o->to;
			list[(*n)++] = optarg;
			break;
		case ZF_ARG_DATE:
			if (zf_date_parse(optarg, o->more) != 0) {
				if (zf_when_refusal(optarg, 0) == EX_USAGE)
					zf_cli_usage(cli, "--%s '%s' is not a "
					    "date YYYY-MM-DD", o->name, optarg);
				exit(zf_cli_error(EX_DATAERR, "--%s '%s' is "
				    "not a date YYYY-MM-DD", o->name, optarg));
			}
			*(const char **)o->to = optarg;
			break;
		case ZF_ARG_NUMBER:
			v = strtol(optarg, &end, 10);
			if (*end != '\0' || v < o->min || v > o->max)
				zf_cli_usage(cli, "--%s '%s' is not a number "
				    "of %s", o->name, optarg, _(o->many));
			*(int *)o->to = (int)v;
			break;
		default:
			return c;
		}
	}
	return -1;
}

void
zf_cli_options(struct zf_cli *cli, int argc, char **argv,
    const struct zf_cli_opt *opts)
{
	while (zf_cli_next(cli, argc, argv, opts) != -1)
		;
}

void
zf_cli_no_operands(struct zf_cli *cli, int argc, char **argv)
{
	if (optind != argc)
		zf_cli_usage(cli, "unexpected argument '%s'", argv[optind]);
}

void
zf_cli_options_only(struct zf_cli *cli, int argc, char **argv,
    const struct zf_cli_opt *opts)
{
	zf_cli_options(cli, argc, argv, opts);
	zf_cli_no_operands(cli, argc, argv);
}

const char *
zf_cli_one_case(struct zf_cli *cli, int argc, char **argv,
    const struct zf_cli_opt *opts)
{
	zf_cli_options(cli, argc, argv, opts);
	if (argc - optind != 1)
		zf_cli_usage(cli, "give one case");
	return argv[optind];
}

int
zf_cli_error(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say("", fmt, ap);
	va_end(ap);
	return code;
}

void
zf_cli_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(_("warning: "), fmt, ap);
	va_end(ap);
}

int
zf_cli_fail(const struct zf_err *e)
{
	return zf_cli_error(e->code ? e->code : EX_SOFTWARE, "%s", e->msg);
}

int
zf_cli_open(struct zf_cli *cli, int flags, struct zf_archive **a)
{
	struct zf_err e;
	const char *dir;
	int rc;

	*a = NULL;
	if (zf_archive_locate(cli->archive, &dir, &e) != 0)
		zf_cli_usage(cli, "%s", e.msg);
	if ((rc = zf_archive_open(dir, flags, a, &e)) != 0)
		return zf_cli_fail(&e);
	if (flags & ZF_OPEN_ANYONE)
		return 0;
	if ((rc = zf_archive_actor(*a, cli->as)) != 0)
		goto fail;
	if (!(flags & ZF_OPEN_WRITE))
		return 0;
	/* A write: the configuration in force, the actor's own key. */
	if (zf_archive_config_problem(*a) != NULL) {
		rc = zf_fail(zf_archive_err(*a), EX_CONFIG, "%s; nothing is "
		    "recorded until zhifa.yaml is mended (the configuration "
		    "in force is unchanged)", zf_archive_config_problem(*a));
		goto fail;
	}
	if (zf_archive_pending(*a) != NULL && !(flags & ZF_OPEN_PENDING)) {
		rc = zf_fail(zf_archive_err(*a), EX_CONFIG, "zhifa.yaml was "
		    "changed and is not in force: nothing is recorded until "
		    "the head applies it (archive-config apply) or it is put "
		    "back; archive-config show prints the one in force");
		goto fail;
	}
	if (!(flags & ZF_OPEN_NOKEY) &&
	    (rc = zf_archive_actor_key(*a, cli->person_key)) != 0)
		goto fail;
	if (zf_archive_drill(*a))
		zf_cli_warn("drill: '%s' is a drill archive (演练): what it "
		    "records is practice, not an act of the agency", dir);
	return 0;
fail:
	zf_cli_fail(zf_archive_err(*a));
	zf_archive_close(*a);
	*a = NULL;
	return rc;
}

void
zf_cli_close(struct zf_archive *a)
{
	if (a != NULL && zf_archive_warning(a) != NULL)
		zf_cli_warn("%s", zf_archive_warning(a));
	zf_archive_close(a);
}

int
zf_cli_done(struct zf_archive *a, int rc)
{
	if (rc != 0)
		zf_cli_fail(zf_archive_err(a));
	zf_cli_close(a);
	return zf_cli_exit(rc);
}

char **
zf_cli_ids(int argc, char **argv, size_t *n)
{
	char **ids = NULL, *line = NULL;
	size_t cap = 0, linecap = 0;
	ssize_t len;
	int i;

	*n = 0;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") != 0) {
			if (*n + 2 > cap) {
				cap = cap ? 2 * cap : 16;
				ids = xrealloc(ids, cap * sizeof(*ids));
			}
			ids[(*n)++] = xstrdup(argv[i]);
			continue;
		}
		while ((len = getline(&line, &linecap, stdin)) > 0) {
			while (len > 0 && (line[len - 1] == '\n' ||
			    line[len - 1] == '\r' || line[len - 1] == ' '))
				line[--len] = '\0';
			if (len == 0)
				continue;
			if (*n + 2 > cap) {
				cap = cap ? 2 * cap : 16;
				ids = xrealloc(ids, cap * sizeof(*ids));
			}
			ids[(*n)++] = xstrdup(line);
		}
	}
	free(line);
	if (ids == NULL)
		ids = xcalloc(1, sizeof(*ids));
	ids[*n] = NULL;
	return ids;
}

/* A NULL-terminated list of strings, as the schema's lists are. */
void
zf_cli_ids_free(char **ids)
{
	zf_schema_free_list(ids);
}

int
zf_cli_each_case(struct zf_cli *cli, int argc, char **argv,
    zf_cli_case_fn *one, zf_cli_end_fn *end)
{
	static const struct zf_cli_opt none[] = { ZF_OPT_END };
	struct zf_archive *a;
	struct zf_json *all;
	char **ids;
	size_t n, i;
	int rc, worst = 0, single;

	zf_cli_options(cli, argc, argv, none);
	if (optind == argc)
		zf_cli_usage(cli, "which case?");
	if ((rc = zf_cli_open(cli, 0, &a)) != 0)
		return zf_cli_exit(rc);
	single = argc - optind == 1 && strcmp(argv[optind], "-") != 0;
	ids = zf_cli_ids(argc - optind, argv + optind, &n);
	all = zf_json_array();
	for (i = 0; i < n; i++) {
		if ((rc = one(cli, a, ids[i], i, all)) != 0) {
			zf_cli_fail(zf_archive_err(a));
			if (rc > worst)
				worst = rc;
		}
	}
	end(cli, all, single);
	zf_json_free(all);
	zf_cli_ids_free(ids);
	zf_archive_close(a);
	return zf_cli_exit(worst);
}

/* The value at key ("a.b" reaches into a member object) as text. */
static void
cell(const struct zf_json *item, const char *key, struct zf_buf *out)
{
	const struct zf_json *v = item;
	char part[64];
	const char *dot;
	size_t i;

	while (v != NULL && (dot = strchr(key, '.')) != NULL &&
	    (size_t)(dot - key) < sizeof(part)) {
		memcpy(part, key, (size_t)(dot - key));
		part[dot - key] = '\0';
		v = zf_json_get(v, part);
		key = dot + 1;
	}
	v = v ? zf_json_get(v, key) : NULL;
	zf_buf_reset(out);
	if (v == NULL)
		return;
	switch (zf_json_type(v)) {
	case ZF_JSON_STRING:
		zf_text_escape(out, zf_json_str(v));
		break;
	case ZF_JSON_INT:
		zf_buf_printf(out, "%lld", (long long)zf_json_int_value(v));
		break;
	case ZF_JSON_BOOL:
		zf_buf_addstr(out, zf_json_bool_value(v) ? "yes" : "no");
		break;
	case ZF_JSON_ARRAY:
		for (i = 0; i < zf_json_len(v); i++) {
			const struct zf_json *x = zf_json_at(v, i);

			if (i > 0)
				zf_buf_addch(out, ',');
			if (zf_json_type(x) == ZF_JSON_STRING)
				zf_text_escape(out, zf_json_str(x));
		}
		break;
	default:
		break;
	}
}

/* Cuts s to at most max columns, marking the cut with "…". */
static void
cut(struct zf_buf *b, size_t max)
{
	size_t len;

	if (max == 0)
		return;
	if (zf_text_prefix(b->data, max, NULL) == b->len)
		return;
	len = zf_text_prefix(b->data, max - 1, NULL);
	b->len = len;
	b->data[len] = '\0';
	zf_buf_addstr(b, "…");
}

int
zf_cli_print_list(struct zf_cli *cli, const struct zf_json *list,
    const struct zf_column *cols)
{
	size_t ncols, nitems = zf_json_len(list), i, j;
	size_t *width;
	char ***cells;
	struct zf_buf b;

	if (cli->format == ZF_FORMAT_JSON && !cli->quiet)
		return zf_cli_print_json(list);
	zf_buf_init(&b);
	if (cli->quiet) {
		for (i = 0; i < nitems; i++) {
			cell(zf_json_at(list, i), cols[0].key, &b);
			printf("%s\n", b.data);
		}
		zf_buf_release(&b);
		return 0;
	}
	for (ncols = 0; cols[ncols].header != NULL; ncols++)
		;
	width = xcalloc(ncols, sizeof(*width));
	cells = xcalloc(nitems ? nitems : 1, sizeof(*cells));
	for (j = 0; j < ncols; j++)
		width[j] = zf_text_width(cols[j].header);
	for (i = 0; i < nitems; i++) {
		cells[i] = xcalloc(ncols, sizeof(char *));
		for (j = 0; j < ncols; j++) {
			cell(zf_json_at(list, i), cols[j].key, &b);
			if (cli->format == ZF_FORMAT_TEXT) {
				cut(&b, (size_t)cols[j].max_width);
				/* An empty cell would shift the eye. */
				if (b.len == 0)
					zf_buf_addch(&b, '-');
			}
			cells[i][j] = xstrdup(b.data);
			if (zf_text_width(cells[i][j]) > width[j])
				width[j] = zf_text_width(cells[i][j]);
		}
	}
	for (i = 0; i <= nitems; i++) {
		for (j = 0; j < ncols; j++) {
			const char *s = i == 0 ? cols[j].header :
			    cells[i - 1][j];

			if (cli->format == ZF_FORMAT_TSV) {
				/*
				 * Programs get field names: party.name ->
				 * party_name.
				 */
				if (i == 0) {
					const char *k;

					printf("%s", j ? "\t" : "");
					for (k = cols[j].key; *k != '\0'; k++)
						putchar(*k == '.' ? '_' : *k);
					continue;
				}
				printf("%s%s", j ? "\t" : "", s);
				continue;
			}
			printf("%s%s", j ? "  " : "", s);
			if (j + 1 < ncols) {
				size_t pad = width[j] - zf_text_width(s);

				while (pad-- > 0)
					putchar(' ');
			}
		}
		putchar('\n');
	}
	for (i = 0; i < nitems; i++) {
		for (j = 0; j < ncols; j++)
			free(cells[i][j]);
		free(cells[i]);
	}
	free(cells);
	free(width);
	zf_buf_release(&b);
	return 0;
}

int
zf_cli_print_json(const struct zf_json *v)
{
	return zf_json_write(stdout, v, 1);
}

/* What this run committed, named when its output then fails. */
static struct zf_buf recorded;

void
zf_cli_recorded(const char *id)
{
	if (recorded.data == NULL)
		zf_buf_init(&recorded);
	zf_buf_printf(&recorded, "%s%s", recorded.len ? " " : "", id);
}

/* The output failed: says so, and what was recorded all the same. */
static int
output_failed(int rc, int saved)
{
	if (recorded.len > 0)
		zf_cli_error(EX_IOERR, "cannot write output: %s; recorded all "
		    "the same: %s (do not record it again)", strerror(saved),
		    recorded.data);
	else if (saved != EPIPE)
		zf_cli_error(EX_IOERR, "cannot write output: %s",
		    strerror(saved));
	return rc ? rc : EX_IOERR;
}

int
zf_cli_exit(int rc)
{
	int failed = fflush(stdout) != 0 || ferror(stdout);

	if (!failed && fclose(stdout) != 0)
		failed = 1;
	if (failed)
		rc = output_failed(rc, errno);
	if (recorded.data != NULL)
		zf_buf_release(&recorded);
	return rc;
}

int
zf_cli_progress_wanted(void)
{
	return isatty(STDERR_FILENO);
}

void
zf_cli_warn_calendar(struct zf_archive *a)
{
	if ((*zf_archive_beyond(a)))
		zf_cli_warn("the working-day calendar ends with %d: later "
		    "dates are counted Monday to Friday (marked estimated)",
		    zf_calendar_last_year(zf_archive_calendar(a)));
}

void
zf_cli_stream_begin(struct zf_cli_stream *s, struct zf_cli *cli,
    const struct zf_column *cols)
{
	s->cli = cli;
	s->cols = cols;
	s->rows = 0;
}

static void
print_padded(const char *text, size_t width, int last)
{
	size_t w = zf_text_width(text);

	fputs(text, stdout);
	if (last)
		return;
	while (w++ < width)
		putchar(' ');
	fputs("  ", stdout);
}

static void
stream_header(struct zf_cli_stream *s)
{
	const struct zf_column *c;
	const char *k;

	for (c = s->cols; c->header != NULL; c++) {
		int last = c[1].header == NULL;

		if (s->cli->format == ZF_FORMAT_TEXT) {
			print_padded(c->header, (size_t)c->max_width, last);
			continue;
		}
		if (c != s->cols)
			putchar('\t');
		for (k = c->key; *k != '\0'; k++)
			putchar(*k == '.' ? '_' : *k);
	}
	putchar('\n');
}

void
zf_cli_stream_row(struct zf_cli_stream *s, const struct zf_json *row)
{
	const struct zf_column *c;
	struct zf_buf b;

	if (s->cli->format == ZF_FORMAT_JSON && !s->cli->quiet) {
		fputs(s->rows == 0 ? "[\n" : ",\n", stdout);
		s->rows++;
		/* As zf_cli_print_json writes it, less its final newline. */
		{
			char *text = NULL;
			size_t len = 0;
			FILE *m = open_memstream(&text, &len);

			if (m == NULL)
				abort();
			zf_json_write(m, row, 1);
			fclose(m);
			if (len > 0 && text[len - 1] == '\n')
				text[--len] = '\0';
			fputs(text, stdout);
			free(text);
		}
		return;
	}
	zf_buf_init(&b);
	if (s->cli->quiet) {
		cell(row, s->cols[0].key, &b);
		printf("%s\n", b.data);
		zf_buf_release(&b);
		s->rows++;
		return;
	}
	if (s->rows++ == 0)
		stream_header(s);
	for (c = s->cols; c->header != NULL; c++) {
		int last = c[1].header == NULL;

		cell(row, c->key, &b);
		if (s->cli->format == ZF_FORMAT_TSV) {
			printf("%s%s", c == s->cols ? "" : "\t", b.data);
			continue;
		}
		cut(&b, (size_t)c->max_width);
		if (b.len == 0)
			zf_buf_addch(&b, '-');
		print_padded(b.data, (size_t)c->max_width, last);
	}
	putchar('\n');
	zf_buf_release(&b);
}

void
zf_cli_stream_end(struct zf_cli_stream *s)
{
	if (s->cli->format == ZF_FORMAT_JSON && !s->cli->quiet)
		fputs(s->rows == 0 ? "[]\n" : "\n]\n", stdout);
	/* Programs reading tsv always get its header. */
	if (s->cli->format == ZF_FORMAT_TSV && !s->cli->quiet && s->rows == 0)
		stream_header(s);
}
