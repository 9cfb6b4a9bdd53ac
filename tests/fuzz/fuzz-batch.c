/*
 * zf_batch_cases: the batch reader (TSV and YAML) and the check of each
 * case it reads.  The input is written to a file beside a throwaway
 * archive made once per process; the archive is opened for reading
 * only, so a batch that passes every check is refused at its first
 * write and the archive never grows.
 */
#include "fuzz.h"

#include <fcntl.h>
#include <unistd.h>

#include "base/crypto.h"
#include "base/err.h"
#include "cases/batch.h"
#include "record/archive.h"

static char root[] = "/tmp/zhifa-fuzz-batch.XXXXXX";
static char input[64];
static struct zf_archive *archive;

static void
cleanup(void)
{
	char cmd[128];

	zf_archive_close(archive);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz-batch: cannot remove %s\n", root);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[64], key[64];
	char *used = NULL;
	struct zf_err e;

	memset(&e, 0, sizeof(e));
	setenv("ZHIFA_NOW", "2026-11-20T10:00:00+08:00", 1);
	if (mkdtemp(root) == NULL)
		abort();
	snprintf(dir, sizeof(dir), "%s/ar", root);
	snprintf(key, sizeof(key), "%s/key", root);
	snprintf(input, sizeof(input), "%s/batch", root);
	if (zf_archive_create(dir, NULL, ZF_SUITE_SHA256_ED25519, key, 1,
	    &used, &e) != 0 || zf_archive_open(dir, 0, &archive, &e) != 0 ||
	    zf_archive_actor(archive, "liuyang") != 0) {
		fprintf(stderr, "fuzz-batch: %s\n", e.msg);
		abort();
	}
	free(used);
	atexit(cleanup);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char **ids = NULL;
	size_t n = 0, i;
	int fd = open(input, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0 || write(fd, data, size) != (ssize_t)size || close(fd) != 0)
		abort();
	if (zf_batch_cases(archive, input, &ids, &n) == 0) {
		for (i = 0; i < n; i++)
			free(ids[i]);
		free(ids);
	} else {
		FUZZ_ASSERT(ids == NULL && n == 0);
	}
	zf_err_clear(zf_archive_err(archive));
	return 0;
}
