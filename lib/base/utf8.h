/*
 * utf8: the one UTF-8 decoder and encoder.  Valid means RFC 3629:
 * no stray continuation bytes, no truncated or overlong sequences, no
 * encoded surrogates, nothing above U+10FFFF.
 */
#ifndef ZF_UTF8_H
#define ZF_UTF8_H

#include <stddef.h>
#include <stdint.h>

struct zf_buf;

/* The longest sequence, in bytes. */
#define ZF_UTF8_MAX 4

/*
 * Decodes the sequence at s[0..len), len > 0: returns its length (1 to
 * 4) and sets *cp (when cp is not NULL), or returns 0 when it is not
 * valid.  Never reads past s[len - 1], nor past a NUL inside a sequence
 * (a NUL is no continuation byte), so NUL-terminated text may pass
 * ZF_UTF8_MAX as len.
 */
size_t zf_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* 1 when all of s[0..len) is valid UTF-8, else 0. */
int zf_utf8_valid(const char *s, size_t len);

/* Appends the encoding of cp (at most U+10FFFF, no surrogate). */
void zf_utf8_encode(struct zf_buf *b, uint32_t cp);

#endif
