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
/*
 * The amount in Chinese capitals (大写金额) as the financial rules write
 * it: 12345.60 is 壹万贰仟叁佰肆拾伍元陆角整, 100500 壹拾万零伍佰元整,
 * 0.05 伍分.  out holds ZF_MONEY_WORDS bytes.
 */
#define ZF_MONEY_WORDS	256
void zf_money_words(int64_t fen, char out[ZF_MONEY_WORDS]);

#endif
