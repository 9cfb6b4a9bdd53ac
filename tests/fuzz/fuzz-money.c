/* zf_money_parse: an amount parsed formats back to one that parses to
 * the same number of fen. */
#include "fuzz.h"

#include "base/money.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	char out[24];
	int64_t fen, again;

	if (zf_money_parse(s, &fen) == 0) {
		FUZZ_ASSERT(fen >= 0);
		zf_money_format(fen, out);
		FUZZ_ASSERT(zf_money_parse(out, &again) == 0 && again == fen);
	}
	free(s);
	return 0;
}
