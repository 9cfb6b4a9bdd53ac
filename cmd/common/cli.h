/*
 * cli: what every program shares at the command line, and the one
 * library module that writes to stderr or decides exit codes.
 *
 * Common options (CLI.md): -A/--archive DIR, --as PERSON, -o text|json|tsv,
 * -q, -h/--help, --version.  Errors print as "PROGRAM: message".  Output
 * goes through zf_cli_print_list / zf_cli_print_json, and zf_cli_exit
 * checks that stdout really took it (a full disk is an error).
 */
#ifndef ZF_CLI_H
#define ZF_CLI_H

#include <getopt.h>
#include <stddef.h>

struct zf_archive;
struct zf_err;
struct zf_json;

enum zf_format { ZF_FORMAT_TEXT, ZF_FORMAT_JSON, ZF_FORMAT_TSV };

struct zf_cli {
	const char *archive;
	const char *as;
	enum zf_format format;
	int quiet;
	const char *usage;	/* the synopsis, without "usage: " */
};

extern const char *zf_progname;

enum { ZF_OPT_AS = 1000, ZF_OPT_VERSION, ZF_OPT_FIRST_OWN = 1100 };

#define ZF_CLI_SHORT "A:o:qh"
#define ZF_CLI_LONG \
	{ "archive", required_argument, NULL, 'A' }, \
	{ "as", required_argument, NULL, ZF_OPT_AS }, \
	{ "output", required_argument, NULL, 'o' }, \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, ZF_OPT_VERSION }

/* Sets the program name from argv[0] and the usage line. */
void zf_cli_init(struct zf_cli *cli, char **argv, const char *usage);
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

struct zf_column {
	const char *header;	/* for text and tsv */
	const char *key;	/* member of each item; "a.b" reaches inside */
	int max_width;		/* text only: cut longer values (0: no cut) */
};
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

/* Warns once when a date was counted past the working-day calendar. */
void zf_cli_warn_calendar(struct zf_archive *a);

/* Whether stderr is a terminal (progress is shown only then). */
int zf_cli_progress_wanted(void);

#endif
