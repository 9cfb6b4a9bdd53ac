/*
 * buf: memory helpers every module shares.
 *
 * Allocation failure aborts (as git's xmalloc does): no caller has a
 * better answer to it, and it keeps every other error path honest.
 * struct zf_buf is a growable byte string, always NUL-terminated.
 */
#ifndef ZF_BUF_H
#define ZF_BUF_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

struct zf_buf {
	char *data;	/* NUL-terminated; never NULL after zf_buf_init */
	size_t len;
	size_t cap;
};

void zf_buf_init(struct zf_buf *b);
void zf_buf_release(struct zf_buf *b);
void zf_buf_reset(struct zf_buf *b);
void zf_buf_add(struct zf_buf *b, const void *data, size_t len);
void zf_buf_addstr(struct zf_buf *b, const char *s);
void zf_buf_addch(struct zf_buf *b, int c);
void zf_buf_printf(struct zf_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void zf_buf_vprintf(struct zf_buf *b, const char *fmt, va_list ap);
/* Hands the string to the caller and leaves b empty. */
char *zf_buf_detach(struct zf_buf *b, size_t *len);

#endif
