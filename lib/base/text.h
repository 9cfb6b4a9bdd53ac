/*
 * text: free text (names, causes, titles — often Chinese) on its way in
 * and out.
 *
 * In: valid UTF-8, no control characters (newlines only where a field
 * allows several lines), bounded length.  Out: one writer escapes tab,
 * newline, backslash and other control characters, so that one record is
 * always one line; display width counts East Asian wide characters as
 * two columns, so text tables line up.
 */
#ifndef ZF_TEXT_H
#define ZF_TEXT_H

#include <stddef.h>

struct zf_buf;

/* 0 when s is acceptable; -1 with a reason in *why. */
int zf_text_check(const char *s, size_t max_bytes, int multiline,
    const char **why);
/* 1 when word is one of the space-separated words of list (NULL: 0). */
int zf_text_has_word(const char *list, const char *word);
/* Columns s takes on a terminal. */
size_t zf_text_width(const char *s);
/*
 * The length in bytes of the longest prefix of s that fits in
 * max_columns, never splitting a character; *columns gets its width.
 */
size_t zf_text_prefix(const char *s, size_t max_columns, size_t *columns);
/*
 * Appends s as one line: \t \n \r \\ as such, other controls and bytes
 * that are not UTF-8 as \xHH, and C1 controls and the marks that reorder
 * or hide text (U+202E, U+2066, U+200B ...) as \uHHHH.
 */
void zf_text_escape(struct zf_buf *b, const char *s);
/*
 * 1 when s ends with tail and holds more before it; fold: ASCII letters
 * in either case (a file name's ".HTML").
 */
int zf_text_ends_with(const char *s, const char *tail, int fold);

#endif
