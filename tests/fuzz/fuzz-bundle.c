/*
 * zf_pubcheck_bundle: the bundle reader (a .tar.gz or a .zip) and every
 * check made on what it reads.  The input is written to a temporary
 * file made once per process.
 */
#include "fuzz.h"

#include <fcntl.h>
#include <unistd.h>

#include "base/err.h"
#include "base/json.h"
#include "publication/pubcheck.h"

static char path[] = "/tmp/zhifa-fuzz-bundle.XXXXXX";

static void
cleanup(void)
{
	unlink(path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int fd = mkstemp(path);

	if (fd < 0)
		abort();
	close(fd);
	atexit(cleanup);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zf_pubcheck_options o = { NULL };
	struct zf_pubcheck c;
	struct zf_err e;
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);

	if (fd < 0 || write(fd, data, size) != (ssize_t)size || close(fd) != 0)
		abort();
	memset(&c, 0, sizeof(c));
	memset(&e, 0, sizeof(e));
	if (zf_pubcheck_bundle(path, &o, &c, &e) == 0)
		FUZZ_ASSERT(c.problems != NULL);
	zf_pubcheck_release(&c);
	return 0;
}
