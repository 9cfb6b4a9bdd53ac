/* i18n: the catalogue of messages. */
#include "base/i18n.h"

#include <stdlib.h>

void
zf_i18n_init(void)
{
	const char *dir = getenv("ZHIFA_LOCALEDIR");

	if (dir == NULL || *dir == '\0')
		dir = ZHIFA_LOCALEDIR;
	setlocale(LC_MESSAGES, "");
	bindtextdomain(ZF_TEXTDOMAIN, dir);
	/*
	 * The catalogue is UTF-8 and so is every other text of zhifa; so
	 * are the C library's own messages put into ours (strerror,
	 * getopt), which would otherwise be cut down to the C locale's
	 * ASCII, every Chinese character a '?'.
	 */
	bind_textdomain_codeset(ZF_TEXTDOMAIN, "UTF-8");
	bind_textdomain_codeset("libc", "UTF-8");
}

locale_t
zf_i18n_utf8_locale(void)
{
	locale_t base = duplocale(LC_GLOBAL_LOCALE), utf8;

	if (base == (locale_t)0)
		return (locale_t)0;
	if ((utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", base)) == (locale_t)0)
		freelocale(base);
	return utf8;
}
