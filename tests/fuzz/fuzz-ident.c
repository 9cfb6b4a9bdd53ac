/* zf_ident_citizen and zf_ident_uscc: a number accepted is accepted
 * again in its normalised form, unchanged. */
#include "fuzz.h"

#include "base/ident.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The citizen id and the unified social credit code. */
	static int (*const parsers[])(const char *, char[19],
	    const char **) = { zf_ident_citizen, zf_ident_uscc };
	char *s = fuzz_cstr(data, size);
	char out[19], again[19];
	const char *why = NULL;
	size_t i;

	for (i = 0; i < sizeof(parsers) / sizeof(parsers[0]); i++) {
		why = NULL;
		if (parsers[i](s, out, &why) == 0) {
			FUZZ_ASSERT(strlen(out) == 18);
			FUZZ_ASSERT(parsers[i](out, again, &why) == 0);
			FUZZ_ASSERT(strcmp(out, again) == 0);
		} else {
			FUZZ_ASSERT(why != NULL);
		}
	}
	free(s);
	return 0;
}
