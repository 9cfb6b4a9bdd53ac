/* zf_ident_citizen and zf_ident_uscc: a number accepted is accepted
 * again in its normalised form, unchanged. */
#include "fuzz.h"

#include "base/ident.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	char out[19], again[19];
	const char *why = NULL;

	if (zf_ident_citizen(s, out, &why) == 0) {
		FUZZ_ASSERT(strlen(out) == 18);
		FUZZ_ASSERT(zf_ident_citizen(out, again, &why) == 0);
		FUZZ_ASSERT(strcmp(out, again) == 0);
	} else {
		FUZZ_ASSERT(why != NULL);
	}
	why = NULL;
	if (zf_ident_uscc(s, out, &why) == 0) {
		FUZZ_ASSERT(strlen(out) == 18);
		FUZZ_ASSERT(zf_ident_uscc(out, again, &why) == 0);
		FUZZ_ASSERT(strcmp(out, again) == 0);
	} else {
		FUZZ_ASSERT(why != NULL);
	}
	free(s);
	return 0;
}
