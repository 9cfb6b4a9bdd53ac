/* zf_date_parse and zf_time_parse: a parsed value formats back to one
 * that parses to the same value. */
#include "fuzz.h"

#include "base/when.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	char out[26];
	int32_t days, again;
	struct zf_time t, t2;

	if (zf_date_parse(s, &days) == 0) {
		zf_date_format(days, out);
		FUZZ_ASSERT(strcmp(out, s) == 0);
		FUZZ_ASSERT(zf_date_parse(out, &again) == 0 && again == days);
	}
	if (zf_time_parse(s, &t) == 0) {
		zf_time_format(&t, out);
		FUZZ_ASSERT(zf_time_parse(out, &t2) == 0);
		FUZZ_ASSERT(t2.unix == t.unix);
		(void)zf_time_date(&t);
	}
	free(s);
	return 0;
}
