/* buf: allocation that aborts on failure, and growable strings. */
#include "base/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
out_of_memory(size_t n)
{
	fprintf(stderr, "zhifa: out of memory (%zu bytes)\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		out_of_memory(n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory(n * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		out_of_memory(n);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct zf_buf b;
	va_list ap;

	zf_buf_init(&b);
	va_start(ap, fmt);
	zf_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return zf_buf_detach(&b, NULL);
}

void
zf_buf_init(struct zf_buf *b)
{
	b->cap = 64;
	b->len = 0;
	b->data = xmalloc(b->cap);
	b->data[0] = '\0';
}

void
zf_buf_release(struct zf_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
zf_buf_reset(struct zf_buf *b)
{
	b->len = 0;
	b->data[0] = '\0';
}

static void
grow(struct zf_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	while (b->cap < need)
		b->cap = b->cap < 1024 ? 1024 : b->cap * 2;
	b->data = xrealloc(b->data, b->cap);
}

void
zf_buf_add(struct zf_buf *b, const void *data, size_t len)
{
	grow(b, len);
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
zf_buf_addstr(struct zf_buf *b, const char *s)
{
	zf_buf_add(b, s, strlen(s));
}

void
zf_buf_addch(struct zf_buf *b, int c)
{
	char ch = (char)c;

	zf_buf_add(b, &ch, 1);
}

void
zf_buf_vprintf(struct zf_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		grow(b, (size_t)n);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void
zf_buf_printf(struct zf_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	zf_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
zf_buf_detach(struct zf_buf *b, size_t *len)
{
	char *s = b->data;

	if (len != NULL)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}
