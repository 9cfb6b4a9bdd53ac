/* t-io: whole reads and writes, and the one whole-file reader. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "helpers.h"
#include "base/buf.h"
#include "base/io.h"

static char dir[] = "/tmp/t-io-XXXXXX";

static char *
scratch(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static void
read_file(void)
{
	static const char text[] = "第一行\nsecond line\n";
	char *path = scratch("file"), *big;
	struct zf_buf b;
	size_t n = 200000, i;
	int dirfd;

	zf_buf_init(&b);
	CHECK(write_scratch(path, text, sizeof(text) - 1) == 0);
	CHECK_INT(zf_read_file(AT_FDCWD, path, 1024, &b), 0);
	CHECK_INT(b.len, sizeof(text) - 1);
	CHECK_STR(b.data, text);

	/* It appends, and a name is taken relative to dirfd. */
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	CHECK(dirfd >= 0);
	CHECK_INT(zf_read_file(dirfd, "file", 1024, &b), 0);
	CHECK_INT(b.len, 2 * (sizeof(text) - 1));
	CHECK(memcmp(b.data + sizeof(text) - 1, text, sizeof(text) - 1) == 0);
	CHECK_INT(b.data[b.len], '\0');
	/* The limit counts what this read adds, not what was there. */
	zf_buf_reset(&b);
	zf_buf_addstr(&b, "before:");
	CHECK_INT(zf_read_file(dirfd, "file", sizeof(text) - 1, &b), 0);
	CHECK_INT(b.len, 7 + sizeof(text) - 1);
	close(dirfd);

	/* An empty file reads as nothing. */
	CHECK(write_scratch(path, "", 0) == 0);
	zf_buf_reset(&b);
	CHECK_INT(zf_read_file(AT_FDCWD, path, 0, &b), 0);
	CHECK_INT(b.len, 0);

	/* Larger than one read: every byte, in order. */
	big = xmalloc(n);
	for (i = 0; i < n; i++)
		big[i] = (char)('a' + i % 23);
	CHECK(write_scratch(path, big, n) == 0);
	zf_buf_reset(&b);
	CHECK_INT(zf_read_file(AT_FDCWD, path, n, &b), 0);
	CHECK(b.len == n && memcmp(b.data, big, n) == 0);

	/* One byte over the limit: EFBIG, b keeps what was read. */
	zf_buf_reset(&b);
	errno = 0;
	CHECK_INT(zf_read_file(AT_FDCWD, path, n - 1, &b), -1);
	CHECK_INT(errno, EFBIG);
	CHECK(b.len >= n - 1 && memcmp(b.data, big, n - 1) == 0);
	zf_buf_reset(&b);
	errno = 0;
	CHECK_INT(zf_read_file(AT_FDCWD, path, 10, &b), -1);
	CHECK_INT(errno, EFBIG);
	free(big);
	unlink(path);
	free(path);
	zf_buf_release(&b);
}

static void
read_file_fails(void)
{
	char *path = scratch("missing");
	struct zf_buf b;

	zf_buf_init(&b);
	errno = 0;
	CHECK_INT(zf_read_file(AT_FDCWD, path, 1024, &b), -1);
	CHECK_INT(errno, ENOENT);
	CHECK_INT(b.len, 0);
	/* A folder opens, but cannot be read. */
	errno = 0;
	CHECK_INT(zf_read_file(AT_FDCWD, dir, 1024, &b), -1);
	CHECK_INT(errno, EISDIR);
	errno = 0;
	CHECK_INT(zf_read_fd(-1, 1024, &b), -1);
	CHECK_INT(errno, EBADF);
	zf_buf_release(&b);
	free(path);
}

/*
 * A pipe delivers in pieces, with pauses: the reader goes on to the end.
 * A signal caught meanwhile interrupts the read (no SA_RESTART), which
 * the reader takes up again.
 */
static volatile sig_atomic_t alarms;

static void
on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void
read_pipe(void)
{
	struct itimerval tick;
	struct sigaction sa;
	struct zf_buf b;
	int fds[2], status, i;
	pid_t pid;

	memset(&tick, 0, sizeof(tick));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	zf_buf_init(&b);
	CHECK_INT(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		for (i = 0; i < 5; i++) {
			if (write(fds[1], "0123456789", 10) != 10)
				_exit(1);
			usleep(20000);
		}
		_exit(0);
	}
	close(fds[1]);
	tick.it_interval.tv_usec = tick.it_value.tv_usec = 5000;
	setitimer(ITIMER_REAL, &tick, NULL);
	CHECK_INT(zf_read_fd(fds[0], 1024, &b), 0);
	memset(&tick, 0, sizeof(tick));
	setitimer(ITIMER_REAL, &tick, NULL);
	CHECK_INT(b.len, 50);
	CHECK(alarms > 0);
	CHECK(strncmp(b.data, "0123456789012345678901234567890123456789", 40)
	    == 0);
	close(fds[0]);
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0);

	/* Over the limit on a pipe: EFBIG, without reading to the end. */
	CHECK_INT(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		static char block[4096];

		close(fds[0]);
		memset(block, 'z', sizeof(block));
		for (;;)
			if (write(fds[1], block, sizeof(block)) < 0)
				_exit(0);
	}
	close(fds[1]);
	zf_buf_reset(&b);
	errno = 0;
	CHECK_INT(zf_read_fd(fds[0], 100000, &b), -1);
	CHECK_INT(errno, EFBIG);
	CHECK(b.len > 100000);
	close(fds[0]);
	CHECK(waitpid(pid, &status, 0) == pid);
	zf_buf_release(&b);
}

static void
read_write_full(void)
{
	char *path = scratch("full"), got[64];
	int fd;

	fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	CHECK(fd >= 0);
	CHECK_INT(zf_write_full(fd, "hello, 世界", 13), 0);
	CHECK_INT(zf_write_full(fd, "", 0), 0);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	/* Up to cap, then the rest, then nothing: the end is no error. */
	CHECK_INT(zf_read_full(fd, got, 5), 5);
	CHECK(memcmp(got, "hello", 5) == 0);
	CHECK_INT(zf_read_full(fd, got, sizeof(got)), 8);
	CHECK(memcmp(got, ", 世界", 8) == 0);
	CHECK_INT(zf_read_full(fd, got, sizeof(got)), 0);
	close(fd);
	errno = 0;
	CHECK_INT(zf_read_full(-1, got, 1), -1);
	CHECK_INT(errno, EBADF);
	CHECK_INT(zf_write_full(-1, "x", 1), -1);
	unlink(path);
	free(path);
}

int
main(void)
{
	CHECK_PLAN(52);
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	read_file();
	read_file_fails();
	read_pipe();
	read_write_full();
	rmdir(dir);
	return check_report("t-io");
}
