/* i18n: the catalogue of messages. */
#include "base/i18n.h"

#include <locale.h>
#include <stdlib.h>

void
zf_i18n_init(void)
{
	const char *dir = getenv("ZHIFA_LOCALEDIR");

	if (dir == NULL || *dir == '\0')
		dir = ZHIFA_LOCALEDIR;
	setlocale(LC_MESSAGES, "");
	bindtextdomain(ZF_TEXTDOMAIN, dir);
	/* The catalogue is UTF-8 and so is every other text of zhifa. */
	bind_textdomain_codeset(ZF_TEXTDOMAIN, "UTF-8");
}
