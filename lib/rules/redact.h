/*
 * redact: what the public may see of a record, as rules that are data.
 *
 * No national masking pattern exists (LAW.md): 政府信息公开条例 Art 15 and
 * 个人信息保护法 forbid publishing personal privacy and trade secrets, while
 * government data sharing carries full values.  So each rule names a
 * field, the audience it applies to (public site, or sharing), the kinds
 * of party it applies to, and how to mask:
 *
 *   keep            the value as it is
 *   drop            nothing at all
 *   ends:H:T        the first H and last T characters, the rest as '*'
 *                   (an 18-digit ID number as ends:6:4 → 110105********002X)
 *   name            a person's name as its first character and '*'s (张**)
 *   address         an address up to and including the street level
 *                   (街道, 乡, 镇, 路, 街, 道, 巷, 村), the rest '*'
 *   phone           a mobile or fixed number as its first 3 and last 4
 *   id              a citizen ID number (valid GB 11643) as ends:6:4;
 *                   any other number (a credit code) as it is
 *
 * Characters are counted as UTF-8 characters, never bytes.  A final scan
 * (zf_redact_scan) looks through any text for what must never reach the
 * public unmasked: an 18-character citizen ID number with a valid GB 11643
 * check digit, and a mainland mobile number (1[3-9] and 9 more digits),
 * each standing alone (not inside a longer run of digits).  The text is
 * read twice: as it is, and with full-width digits and Ｘ folded to
 * ASCII and the separators people write, or tools leave, inside numbers
 * (spaces of every width and the invisible ones, dashes, hyphens, dots,
 * commas, underscores, colons, brackets, 、·～, tabs and line breaks)
 * dropped between digits, so that
 * "１３８　1234.5678" and "(138)1234-5678" are found too.
 */
#ifndef ZF_REDACT_H
#define ZF_REDACT_H

#include <stddef.h>

struct zf_buf;

enum zf_audience { ZF_AUDIENCE_PUBLIC, ZF_AUDIENCE_SHARING };

/* Applies a mask ("keep", "ends:6:4", ...) to value; NULL for "drop". */
char *zf_redact_mask(const char *mask, const char *value);
/* 0 when mask is one of the forms above; -1 otherwise. */
int zf_redact_mask_valid(const char *mask);

/*
 * Scans text (len bytes) for an unmasked ID number or mobile number.
 * Returns 1 and the byte offset and kind ("citizen id" / "mobile") of the
 * first found (for one found only in the folded text, the offset is in
 * that text), 0 when none.
 */
int zf_redact_scan(const char *text, size_t len, size_t *offset,
    const char **kind);

/*
 * Free text as the public may read it (malloc'd): each number standing
 * alone that is a citizen ID number (as ends:6:4), a mobile number, with
 * or without its country code (first 3 and last 4 digits), or a landline
 * with its area code (first 4 and last 2) is masked, in whatever form
 * zf_redact_scan would find it; everything else is kept as it is.
 */
char *zf_redact_text(const char *text);

#endif
