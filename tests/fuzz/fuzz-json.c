/* zf_json_parse: whatever parses has a canonical form, which parses
 * again to the same canonical form. */
#include "fuzz.h"

#include "base/json.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	struct zf_json *v, *w;
	char *c1, *c2;
	size_t n1, n2;

	v = zf_json_parse((const char *)data, size, err, sizeof(err));
	if (v == NULL)
		return 0;
	c1 = zf_json_canonical(v, &n1);
	FUZZ_ASSERT(c1 != NULL);
	w = zf_json_parse(c1, n1, err, sizeof(err));
	FUZZ_ASSERT(w != NULL);
	c2 = zf_json_canonical(w, &n2);
	FUZZ_ASSERT(c2 != NULL && n1 == n2 && memcmp(c1, c2, n1) == 0);
	free(c1);
	free(c2);
	zf_json_free(w);
	zf_json_free(v);
	return 0;
}
