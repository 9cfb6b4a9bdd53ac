/*
 * i18n: messages in the reader's language, through gettext.
 *
 * Every message is written in English in the source and looked up in
 * the catalogue "zhifa" (po/zh_CN.po), chosen by LC_ALL, LC_MESSAGES or
 * LANG as usual; the C locale, or a language with no catalogue, keeps
 * the English.  Only what people read is translated: messages,
 * refusals, warnings, problems found and --help.  What scripts read
 * (tables, JSON, ids, the record itself) is never translated.
 *
 * The message functions (zf_fail, zf_err_prefix, zf_cli_usage,
 * zf_cli_error, zf_cli_warn, zf_schema_fail, zf_pubcheck_problem)
 * translate their format themselves, and xgettext knows them by name
 * (po/update.sh), as it knows the words of the options' tables
 * (ZF_LIST, ZF_NUMBER) and of backup's io_fail; a text built elsewhere
 * is marked with _() where it is used, or N_() where it is written and
 * _() where it is used.
 */
#ifndef ZF_I18N_H
#define ZF_I18N_H

#include <libintl.h>
#include <locale.h>

#define ZF_TEXTDOMAIN "zhifa"

#define _(s) dgettext(ZF_TEXTDOMAIN, s)
#define N_(s) (s)

/*
 * Sets LC_MESSAGES from the environment and finds the catalogues in
 * $ZHIFA_LOCALEDIR, else where they are installed.  Only the messages'
 * locale is set: numbers, sorting and character classes stay C.
 */
void zf_i18n_init(void);

/*
 * The process's locale with a UTF-8 character type (C.UTF-8's), for a
 * thread's uselocale() around libarchive, which converts names from
 * the character type's encoding; the messages keep their language.
 * (locale_t)0 when it cannot be made; freelocale() it after.
 */
locale_t zf_i18n_utf8_locale(void);

#endif
