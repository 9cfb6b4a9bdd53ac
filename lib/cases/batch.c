/* batch: filing many cases in one transaction. */
#include "cases/batch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record/archive.h"
#include "base/buf.h"
#include "base/io.h"
#include "cases/case.h"
#include "base/yaml.h"
#include "base/i18n.h"

#define BATCH_MAX_BYTES ((size_t)1 << 30)
#define BATCH_MAX_ERRORS 20

struct record {
	struct zf_case_input in;
	unsigned line;
	char *officers;		/* storage for split officer names */
};

struct batch {
	struct record *recs;
	size_t n, cap;
	struct zf_buf bytes;
	struct zf_yaml_doc *doc;
};

static struct record *
add_record(struct batch *b, unsigned line)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 64;
		b->recs = xrealloc(b->recs, b->cap * sizeof(*b->recs));
	}
	memset(&b->recs[b->n], 0, sizeof(b->recs[0]));
	b->recs[b->n].line = line;
	return &b->recs[b->n++];
}

/* Splits "a,b, c" in place into the record's officers. */
static int
split_officers(struct record *r, char *s)
{
	char *tok, *save = NULL;

	for (tok = strtok_r(s, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		if (*tok == '\0')
			continue;
		if (r->in.nofficers == ZF_CASE_MAX_OFFICERS)
			return -1;
		r->in.officers[r->in.nofficers++] = tok;
	}
	return 0;
}

/* Points the right field of in at value; -1 for an unknown name. */
static int
set_field(struct record *r, const char *name, char *value)
{
	struct zf_case_input *in = &r->in;

	if (strcmp(name, "kind") == 0)
		in->kind = value;
	else if (strcmp(name, "party") == 0)
		in->party = value;
	else if (strcmp(name, "party-kind") == 0 ||
	    strcmp(name, "party_kind") == 0)
		in->party_kind = value;
	else if (strcmp(name, "party-id") == 0 ||
	    strcmp(name, "party_id") == 0)
		in->party_id = value;
	else if (strcmp(name, "party-rep") == 0 ||
	    strcmp(name, "party_rep") == 0)
		in->party_rep = value;
	else if (strcmp(name, "party-address") == 0 ||
	    strcmp(name, "party_address") == 0)
		in->party_address = value;
	else if (strcmp(name, "party-phone") == 0 ||
	    strcmp(name, "party_phone") == 0)
		in->party_phone = value;
	else if (strcmp(name, "cause") == 0)
		in->cause = value;
	else if (strcmp(name, "filed") == 0)
		in->filed = value;
	else if (strcmp(name, "source") == 0)
		in->source = value;
	else if (strcmp(name, "field") == 0)
		in->field = value;
	else if (strcmp(name, "conduct") == 0)
		in->conduct = value;
	else if (strcmp(name, "officer") == 0 || strcmp(name, "officers") == 0)
		return split_officers(r, value) == 0 ? 0 : -2;
	else
		return -1;
	return 0;
}

/* A column's name in one spelling: '-' for '_', officer for officers. */
static void
column_key(const char *name, char key[32])
{
	size_t i;

	for (i = 0; name[i] != '\0' && i < 31; i++)
		key[i] = name[i] == '_' ? '-' : name[i];
	key[i] = '\0';
	if (strcmp(key, "officers") == 0)
		key[7] = '\0';
}

/* 1 when name is one of fields[0..n), in either spelling. */
static int
seen_column(char *const *fields, size_t n, const char *name)
{
	char want[32], key[32];
	size_t i;

	column_key(name, want);
	for (i = 0; i < n; i++) {
		column_key(fields[i], key);
		if (strcmp(key, want) == 0)
			return 1;
	}
	return 0;
}

static int
known_column(const char *name)
{
	static const char *const names[] = { "kind", "party", "party-kind",
	    "party_kind", "party-id", "party_id", "party-rep", "party_rep",
	    "party-address", "party_address", "party-phone", "party_phone",
	    "cause", "filed", "source",
	    "field", "officer", "officers", "conduct", NULL };
	size_t i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
}

static int
read_tsv(struct zf_archive *a, const char *name, struct batch *b)
{
	struct zf_err *e = zf_archive_err(a);
	char *p = b->bytes.data, *nl, *fields[32];
	size_t nfields = 0, i;
	unsigned line = 0;

	while (p != NULL && *p != '\0') {
		char *f, *save = NULL, *cur;
		size_t k = 0;
		struct record *r;

		line++;
		nl = strchr(p, '\n');
		if (nl != NULL)
			*nl = '\0';
		if (nl != NULL && nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		cur = p;
		p = nl ? nl + 1 : NULL;
		if (*cur == '\0')
			continue;
		if (nfields == 0) {
			for (f = strtok_r(cur, "\t", &save); f != NULL;
			    f = strtok_r(NULL, "\t", &save)) {
				if (nfields == 32)
					return zf_fail(e, EX_DATAERR,
					    "%s:1: too many columns", name);
				if (seen_column(fields, nfields, f))
					return zf_fail(e, EX_DATAERR,
					    "%s:1: the column '%s' is given "
					    "twice", name, f);
				fields[nfields++] = f;
			}
			continue;
		}
		r = add_record(b, line);
		/* Empty cells are allowed: split on every tab. */
		while (cur != NULL && k < nfields) {
			char *tab = strchr(cur, '\t');
			int rc;

			if (tab != NULL)
				*tab = '\0';
			if (*cur != '\0' &&
			    (rc = set_field(r, fields[k], cur)) != 0)
				return zf_fail(e, EX_DATAERR, "%s:%u: "
				    "%s '%s'", name, line, rc == -1 ?
				    _("unknown column") :
				    _("too many officers in"),
				    fields[k]);
			cur = tab ? tab + 1 : NULL;
			k++;
		}
		if (cur != NULL)
			return zf_fail(e, EX_DATAERR, "%s:%u: more "
			    "cells than the header's %zu columns", name, line,
			    nfields);
	}
	for (i = 0; i < nfields; i++)
		if (!known_column(fields[i]))
			return zf_fail(e, EX_DATAERR, "%s:1: unknown "
			    "column '%s'", name, fields[i]);
	return 0;
}

static int
read_yaml(struct zf_archive *a, const char *name, struct batch *b)
{
	struct zf_err *e = zf_archive_err(a);
	char msg[1024];
	size_t d, i, j;

	b->doc = zf_yaml_parse(name, b->bytes.data, b->bytes.len, msg,
	    sizeof(msg));
	if (b->doc == NULL)
		return zf_fail(e, EX_DATAERR, "%s", msg);
	for (d = 0; d < b->doc->ndocs; d++) {
		struct zf_yaml_node *m = b->doc->docs[d];
		struct record *r;

		if (m->kind != ZF_YAML_MAPPING)
			return zf_fail(e, EX_DATAERR, "%s:%u:%u: each "
			    "document must be a mapping of one case", name,
			    m->line, m->column);
		r = add_record(b, m->line);
		for (i = 0; i < m->count; i++) {
			struct zf_yaml_node *k = m->keys[i], *v = m->items[i];
			int rc = 0;

			if (v->kind == ZF_YAML_SEQUENCE &&
			    strncmp(k->text, "officer", 7) == 0) {
				for (j = 0; j < v->count && rc == 0; j++)
					rc = v->items[j]->kind == ZF_YAML_SCALAR
					    ? split_officers(r,
					    v->items[j]->text) : -3;
			} else if (v->kind != ZF_YAML_SCALAR) {
				rc = -3;
			} else {
				rc = set_field(r, k->text, v->text);
			}
			if (rc != 0)
				return zf_fail(e, EX_DATAERR, "%s:%u:%u: "
				    "%s '%s'", name, k->line, k->column,
				    rc == -1 ? _("unknown key") : rc == -2 ?
				    _("too many officers in") :
				    _("a single value is wanted for"), k->text);
		}
	}
	return 0;
}

static int
read_input(struct zf_archive *a, const char *path, struct zf_buf *b)
{
	struct zf_err *e = zf_archive_err(a);
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	int rc = 0;

	if (fd < 0)
		return zf_fail(e, errno == ENOENT ? EX_NOINPUT : EX_IOERR,
		    "cannot read '%s': %s", path, strerror(errno));
	if (zf_read_fd(fd, BATCH_MAX_BYTES, b) != 0)
		rc = zf_fail(e, errno == EFBIG ? EX_DATAERR : EX_IOERR,
		    "cannot read '%s': %s", path, errno == EFBIG ?
		    "larger than 1 GiB" : strerror(errno));
	if (fd != 0)
		close(fd);
	return rc;
}

int
zf_batch_cases(struct zf_archive *a, const char *path, char ***ids,
    size_t *n)
{
	struct zf_err *e = zf_archive_err(a);
	struct batch b;
	struct zf_buf errors;
	const char *name = strcmp(path, "-") == 0 ? "stdin" : path;
	const char *nl;
	size_t i, bad = 0;
	int rc, worst = 0;

	*ids = NULL;
	*n = 0;
	memset(&b, 0, sizeof(b));
	zf_buf_init(&b.bytes);
	zf_buf_init(&errors);
	if ((rc = read_input(a, path, &b.bytes)) != 0)
		goto out;
	if (memchr(b.bytes.data, '\0', b.bytes.len) != NULL) {
		rc = zf_fail(e, EX_DATAERR, "%s holds a NUL byte", name);
		goto out;
	}
	nl = strchr(b.bytes.data, '\n');
	if (memchr(b.bytes.data, '\t', nl ? (size_t)(nl - b.bytes.data) :
	    b.bytes.len) != NULL)
		rc = read_tsv(a, name, &b);
	else
		rc = read_yaml(a, name, &b);
	if (rc != 0)
		goto out;
	if (b.n == 0) {
		rc = zf_fail(e, EX_DATAERR, "%s holds no cases", name);
		goto out;
	}
	for (i = 0; i < b.n; i++) {
		if ((rc = zf_case_check(a, &b.recs[i].in)) == 0)
			continue;
		if (rc > worst)
			worst = rc;
		if (bad++ < BATCH_MAX_ERRORS)
			zf_buf_printf(&errors, "%s%s:%u: %s", bad > 1 ?
			    "\n" : "", name, b.recs[i].line, e->msg);
	}
	if (bad > 0) {
		if (bad > BATCH_MAX_ERRORS)
			zf_buf_printf(&errors, "\n... and %zu more",
			    bad - BATCH_MAX_ERRORS);
		rc = zf_fail(e, worst, "%s\nnothing filed: %zu of %zu "
		    "cases refused", errors.data, bad, b.n);
		goto out;
	}
	if ((rc = zf_archive_begin(a)) != 0)
		goto out;
	*ids = xcalloc(b.n + 1, sizeof(char *));
	for (i = 0; i < b.n; i++) {
		if ((rc = zf_case_file(a, &b.recs[i].in, &(*ids)[i])) != 0) {
			zf_err_prefix(e, "%s:%u", name, b.recs[i].line);
			zf_archive_abort(a);
			goto out;
		}
	}
	if ((rc = zf_archive_commit(a)) != 0)
		goto out;
	*n = b.n;
out:
	if (rc != 0 && *ids != NULL) {
		for (i = 0; i < b.n; i++)
			free((*ids)[i]);
		free(*ids);
		*ids = NULL;
	}
	zf_yaml_free(b.doc);
	free(b.recs);
	zf_buf_release(&b.bytes);
	zf_buf_release(&errors);
	return rc;
}
