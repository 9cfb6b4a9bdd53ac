/* restore: the head's account of a restored backup (archive.restored). */
#include "record/archive.h"
#include "record/handle.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/io.h"
#include "base/json.h"
#include "base/merkle.h"
#include "base/text.h"
#include "record/checkpoint.h"
#include "record/journal.h"
#include "rules/permissions.h"
#include "base/i18n.h"

/* 1 when the journal's first size events hash to root. */
static int
extends(struct zf_archive *a, uint64_t size, int64_t n,
    const uint8_t root[ZF_DIGEST_LEN])
{
	uint8_t have[ZF_DIGEST_LEN];

	if (size > (uint64_t)n)
		return 0;
	return zf_merkle_root(a->suite, size, zf_journal_tree_read, a->db,
	    have) == 0 && memcmp(have, root, ZF_DIGEST_LEN) == 0;
}

int
zf_archive_restored(struct zf_archive *a, const char *lost,
    const char *reason, int64_t *seq)
{
	uint8_t root[ZF_DIGEST_LEN];
	struct zf_json *data;
	struct zf_buf b;
	struct zf_err e;
	char *path = NULL, *origin = NULL;
	const char *why;
	uint64_t size;
	int64_t n;
	int rc;

	zf_buf_init(&b);
	if ((rc = zf_may(a->config, a->actor, ZF_ACT_RESTORED, NULL,
	    &a->err)) != 0)
		goto out;
	if (reason == NULL || zf_text_check(reason, 1000, 0, &why) != 0) {
		rc = zf_fail(&a->err, EX_DATAERR, "the reason %s",
		    reason ? why : _("is missing (--reason TEXT)"));
		goto out;
	}
	if (lost == NULL) {
		char *key = zf_archive_key_path(a);

		path = xasprintf("%s.signed", key);
		free(key);
	} else {
		path = xstrdup(lost);
	}
	if (zf_read_file(AT_FDCWD, path, 1 << 16, &b) != 0) {
		rc = zf_fail(&a->err, errno == ENOENT ? EX_NOINPUT : EX_IOERR,
		    "cannot read the checkpoint that was lost, '%s': %s%s",
		    path, strerror(errno), lost == NULL ? " (the signer's "
		    "record beside the agency key; give --lost FILE)" : "");
		goto out;
	}
	if (zf_checkpoint_verify(b.data, b.len, a->suite, a->origin,
	    a->pubkey, a->pubkey_len, &origin, &size, root, &e) != 0) {
		rc = zf_fail(&a->err, EX_DATAERR, "'%s' is no checkpoint of "
		    "this archive signed by its agency key: %s", path, e.msg);
		goto out;
	}
	if ((rc = zf_journal_size(a, &n)) != 0)
		goto out;
	if (extends(a, size, n, root)) {
		rc = zf_fail(&a->err, EX_DATAERR, "the journal extends the "
		    "checkpoint of %llu events in '%s': nothing it signed was "
		    "lost", (unsigned long long)size, path);
		goto out;
	}
	if ((rc = zf_archive_begin(a)) != 0)
		goto out;
	data = zf_json_object();
	zf_json_set_str(data, "lost", b.data);
	zf_json_set_int(data, "lost_size", (int64_t)size);
	zf_json_set_str(data, "reason", reason);
	if ((rc = zf_journal_append(a, "archive.restored", NULL, data,
	    seq)) != 0 || (rc = zf_archive_commit(a)) != 0)
		zf_archive_abort(a);
out:
	free(origin);
	free(path);
	zf_buf_release(&b);
	return rc;
}
