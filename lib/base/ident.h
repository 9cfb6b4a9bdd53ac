/*
 * ident: identity numbers of parties, checked before they are recorded.
 *
 * GB 11643-1999 citizen identity number: 17 digits and a check character
 * (0-9 or X), ISO 7064 MOD 11-2; digits 7-14 are a valid birth date
 * (YYYYMMDD, not in the future relative to no fixed clock: only calendar
 * validity is checked).  Lowercase x is accepted and normalised to X.
 *
 * GB 32100-2015 unified social credit code: 18 characters from
 * "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I O Z S V), the 18th a check
 * character computed MOD 31 with weights 1 3 9 27 19 26 16 17 20 29 25
 * 13 8 24 10 30 28; the first character (registering authority) is one of
 * 1-9, A, N or Y and the region part (chars 3-8) is digits.
 */
#ifndef ZF_IDENT_H
#define ZF_IDENT_H

#include <stddef.h>

/* 0 when valid (out gets the normalised form, 19 bytes); -1 and a reason. */
int zf_ident_citizen(const char *s, char out[19], const char **why);
int zf_ident_uscc(const char *s, char out[19], const char **why);

#endif
