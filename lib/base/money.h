/*
 * money: amounts are entered in yuan and kept as integer fen.
 *
 * Accepted: "50000", "1234.5", "1234.56", "0.01", optionally with ","
 * thousands separators ("50,000") and a leading "¥" or trailing "元".
 * Refused: negatives, more than two decimals, exponents, empty, spaces
 * inside, and anything above 10^15 fen.  No floating point is used.
 */
#ifndef ZF_MONEY_H
#define ZF_MONEY_H

#include <stdint.h>

int zf_money_parse(const char *s, int64_t *fen);
/* "50000", "1234.50": yuan with two decimals unless whole (24 bytes). */
void zf_money_format(int64_t fen, char out[24]);

#endif
