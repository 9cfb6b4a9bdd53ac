/* err: failure messages kept for the caller. */
#include "base/err.h"
#include "base/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int
zf_fail(struct zf_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), _(fmt), ap);
	va_end(ap);
	e->code = code;
	return code;
}

void
zf_err_prefix(struct zf_err *e, const char *fmt, ...)
{
	char head[512], old[sizeof(e->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(head, sizeof(head), _(fmt), ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof(old));
	/* Long messages are cut; the head matters most. */
	if (snprintf(e->msg, sizeof(e->msg), "%s: ", head) > 0) {
		size_t used = strlen(e->msg);

		memcpy(e->msg + used, old, sizeof(e->msg) - used - 1);
		e->msg[sizeof(e->msg) - 1] = '\0';
	}
}

void
zf_err_clear(struct zf_err *e)
{
	e->code = 0;
	e->msg[0] = '\0';
}
