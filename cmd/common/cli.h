/*
 * cli: what every program shares at the command line, and the one
 * library module that writes to stderr or decides exit codes.
 *
 * Common options (CLI.md): -A/--archive DIR, --as PERSON, --person-key
 * FILE, -o text|json|tsv, -q, -h/--help, --version.  Errors print as
 * "PROGRAM: message".  Output goes through zf_cli_print_list /
 * zf_cli_print_json, and zf_cli_exit checks that stdout really took it
 * (a full disk is an error).
 */
#ifndef ZF_CLI_H
#define ZF_CLI_H

#include <getopt.h>
#include <stddef.h>

struct zf_archive;
struct zf_err;
struct zf_json;

enum zf_format { ZF_FORMAT_TEXT, ZF_FORMAT_JSON, ZF_FORMAT_TSV };

#define ZF_CLI_MAX_OPTIONS 40

struct zf_cli {
	const char *archive;
	const char *as;
	const char *person_key;	/* --person-key: the actor's private key */
	enum zf_format format;
	int quiet;
	const char *usage;	/* the synopsis, without "usage: " */
	const char *about;	/* what the program does, for --help */
	/* getopt_long's tables, built from the program's zf_cli_opt. */
	const struct zf_cli_opt *opts;
	struct option longopts[ZF_CLI_MAX_OPTIONS + 1];
	char shortopts[2 * ZF_CLI_MAX_OPTIONS + 1];
};

extern const char *zf_progname;

enum { ZF_OPT_AS = 1000, ZF_OPT_VERSION, ZF_OPT_PERSON_KEY,
	ZF_OPT_FIRST_OWN = 1100,
	ZF_OPT_TABLE = 1200 };

#define ZF_CLI_SHORT "A:o:qh"
#define ZF_CLI_LONG \
	{ "archive", required_argument, NULL, 'A' }, \
	{ "as", required_argument, NULL, ZF_OPT_AS }, \
	{ "person-key", required_argument, NULL, ZF_OPT_PERSON_KEY }, \
	{ "output", required_argument, NULL, 'o' }, \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, ZF_OPT_VERSION }

/*
 * A program's own options, as a table that ZF_OPT_END closes: each
 * stores its argument (ZF_TEXT), sets a flag to 1 (ZF_FLAG), adds its
 * argument to a list, refusing more than max (ZF_LIST), stores a date
 * YYYY-MM-DD as given and as its day (ZF_DATE) or a whole number from
 * min to max (ZF_NUMBER); the program's loop handles those of ZF_OWN
 * (with an argument) and ZF_OWN_FLAG (without) itself, by their key.
 * key is also the option's letter when it is one (-t).
 */
enum zf_arg { ZF_ARG_TEXT, ZF_ARG_FLAG, ZF_ARG_LIST, ZF_ARG_DATE,
	ZF_ARG_NUMBER, ZF_ARG_OWN, ZF_ARG_OWN_FLAG };

struct zf_cli_opt {
	const char *name;	/* the long option, without "--" */
	int key;		/* its letter, the program's own number, or 0 */
	enum zf_arg arg;
	void *to;		/* const char **, int *, or const char *[max] */
	void *more;		/* ZF_LIST: size_t *, how many so far;
				   ZF_DATE: int32_t *, the day */
	long min, max;		/* ZF_LIST: at most max; ZF_NUMBER: range */
	const char *many;	/* ZF_LIST: what they are, for the refusal;
				   ZF_NUMBER: the unit */
};

#define ZF_TEXT(name, key, to) \
	{ name, key, ZF_ARG_TEXT, to, NULL, 0, 0, NULL }
#define ZF_FLAG(name, to)	{ name, 0, ZF_ARG_FLAG, to, NULL, 0, 0, NULL }
#define ZF_LIST(name, to, n, max, many) \
	{ name, 0, ZF_ARG_LIST, to, n, 0, max, many }
#define ZF_DATE(name, to, day) \
	{ name, 0, ZF_ARG_DATE, to, day, 0, 0, NULL }
#define ZF_NUMBER(name, to, min, max, unit) \
	{ name, 0, ZF_ARG_NUMBER, to, NULL, min, max, unit }
#define ZF_OWN(name, key) \
	{ name, key, ZF_ARG_OWN, NULL, NULL, 0, 0, NULL }
#define ZF_OWN_FLAG(name, key) \
	{ name, key, ZF_ARG_OWN_FLAG, NULL, NULL, 0, 0, NULL }
#define ZF_OPT_END		{ NULL, 0, ZF_ARG_TEXT, NULL, NULL, 0, 0, NULL }

/*
 * The rows of --fine YUAN and --measure M... (at most max), which a
 * decision and its proposal for review take alike, into in.fine and
 * in.measures.
 */
#define ZF_FINE_MEASURES(in, max) \
	ZF_TEXT("fine", 0, &(in).fine), \
	ZF_LIST("measure", (in).measures, &(in).nmeasures, max, "measures")
#define ZF_FINE_MEASURES_USAGE "[--fine YUAN] [--measure M]..."

/*
 * Reads the options (getopt_long) up to the next one of the program's
 * ZF_OWN or ZF_OWN_FLAG options and returns its key, with optarg set;
 * -1 after the last.  The common options (zf_cli_option) and the rest
 * of opts are dealt with on the way.
 */
int zf_cli_next(struct zf_cli *cli, int argc, char **argv,
    const struct zf_cli_opt *opts);
/* Reads all options, for a program that handles none itself. */
void zf_cli_options(struct zf_cli *cli, int argc, char **argv,
    const struct zf_cli_opt *opts);
/* The same, for a program that takes no operands: refuses any. */
void zf_cli_options_only(struct zf_cli *cli, int argc, char **argv,
    const struct zf_cli_opt *opts);
/*
 * The same, for a program that acts on one case: refuses any other
 * number of operands ("give one case") and returns the case.
 */
const char *zf_cli_one_case(struct zf_cli *cli, int argc, char **argv,
    const struct zf_cli_opt *opts);
/* Refuses the first operand left after the options, if any. */
void zf_cli_no_operands(struct zf_cli *cli, int argc, char **argv);

/*
 * Sets the program name from argv[0], the usage line and what the
 * program does (its man page's one line, which --help prints
 * translated), and the messages' language (zf_i18n_init).
 */
void zf_cli_init(struct zf_cli *cli, char **argv, const char *usage,
    const char *about);
/*
 * Handles a common option; returns 1 when it was one.  Exits 0 for
 * --help and --version, 64 for a bad -o or an unknown option ('?').
 */
int zf_cli_option(struct zf_cli *cli, int c, const char *arg);
/* Prints "PROGRAM: message" and the usage line; exits 64. */
void zf_cli_usage(struct zf_cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

/* Prints "PROGRAM: message" on stderr; returns code. */
int zf_cli_error(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void zf_cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the library's message; returns its code. */
int zf_cli_fail(const struct zf_err *e);

/* Tells the archive's warning (zf_archive_warning), if any, and closes. */
void zf_cli_close(struct zf_archive *a);

/* Locates and opens the archive and resolves who acts; prints failures. */
int zf_cli_open(struct zf_cli *cli, int flags, struct zf_archive **a);
/*
 * Ends a program that opened the archive: prints the library's message
 * when rc is not 0, closes the archive and returns zf_cli_exit(rc).
 */
int zf_cli_done(struct zf_archive *a, int rc);

/*
 * The ids to work on: the arguments, where "-" stands for the lines of
 * stdin.  Returns a NULL-terminated array (free with zf_cli_ids_free).
 */
char **zf_cli_ids(int argc, char **argv, size_t *n);
void zf_cli_ids_free(char **ids);

/*
 * For a program of "CASE..." that only reads and has no options of its
 * own: reads the common options, refuses no case ("which case?"), opens
 * the archive and calls one on each id (zf_cli_ids) with its place and
 * an array to gather into, printing the library's message for each that
 * fails; then end with the array and whether the command line named just
 * one case, before the archive is closed.  Returns the exit status: the
 * highest code of the ids (zf_cli_exit).
 */
typedef int zf_cli_case_fn(struct zf_cli *cli, struct zf_archive *a,
    const char *id, size_t i, struct zf_json *all);
typedef void zf_cli_end_fn(struct zf_cli *cli, struct zf_json *all,
    int single);
int zf_cli_each_case(struct zf_cli *cli, int argc, char **argv,
    zf_cli_case_fn *one, zf_cli_end_fn *end);

struct zf_column {
	const char *header;	/* for text and tsv */
	const char *key;	/* member of each item; "a.b" reaches inside */
	int max_width;		/* text only: cut longer values (0: no cut) */
};
/* A column headed by its key, uncut; the end of a table of columns. */
#define ZF_FIELD(key)		{ key, key, 0 }
#define ZF_COLUMN_END		{ NULL, NULL, 0 }
/*
 * Prints a JSON array of objects: text as aligned columns (display width),
 * tsv with a header line, json as the array itself; with -q only each
 * item's "id" (or the first column).
 */
int zf_cli_print_list(struct zf_cli *cli, const struct zf_json *list,
    const struct zf_column *cols);
/*
 * The same, one row at a time, for lists too long to hold: text pads
 * each column to its max_width (the last is not padded), json writes one
 * array, tsv a header; nothing at all is written for no rows, except the
 * empty array of json.
 */
struct zf_cli_stream {
	struct zf_cli *cli;
	const struct zf_column *cols;
	size_t rows;
};
void zf_cli_stream_begin(struct zf_cli_stream *s, struct zf_cli *cli,
    const struct zf_column *cols);
void zf_cli_stream_row(struct zf_cli_stream *s, const struct zf_json *row);
void zf_cli_stream_end(struct zf_cli_stream *s);

/* Pretty JSON of one document to stdout. */
int zf_cli_print_json(const struct zf_json *v);

/* Flushes and checks stdout; returns rc, or 74 when output failed. */
int zf_cli_exit(int rc);
/*
 * Notes that id was committed, so that zf_cli_exit names it when the
 * output then fails (74): a script must not record it again.
 */
void zf_cli_recorded(const char *id);

/* Warns once when a date was counted past the working-day calendar. */
void zf_cli_warn_calendar(struct zf_archive *a);

/* Whether stderr is a terminal (progress is shown only then). */
int zf_cli_progress_wanted(void);

#endif
