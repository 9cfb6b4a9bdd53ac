/* zf_config_parse: the zhifa.yaml reader, in both suites. */
#include "fuzz.h"

#include "base/crypto.h"
#include "base/err.h"
#include "rules/config.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zf_config *c = NULL;
	struct zf_err e;
	int suite = size > 0 && (data[size - 1] & 1) ? ZF_SUITE_SM3_SM2 :
	    ZF_SUITE_SHA256_ED25519;

	memset(&e, 0, sizeof(e));
	if (zf_config_parse("fuzz.yaml", (const char *)data, size, suite, &c,
	    &e) == 0) {
		FUZZ_ASSERT(c != NULL);
		zf_config_free(c);
	} else {
		FUZZ_ASSERT(e.code != 0 && e.msg[0] != '\0');
	}
	return 0;
}
