/*
 * The 双随机 draw's inputs from outside: a directory of targets (the
 * first byte picks CSV, YAML or JSON) and a value.  A directory read has
 * targets with names and fields, trimmed, and codes not repeated; its
 * canonical form, read back as JSON, is the same directory (same hash).
 * The value used holds only [0-9a-z] and is its own value used.
 */
#include "fuzz.h"

#include "base/err.h"
#include "cases/draw.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "t.csv", "t.yaml", "t.json" };
	struct zf_draw_target *t = NULL, *u = NULL;
	char sha[65], sha2[65], *canon, *value, *again;
	size_t n = 0, m = 0, i, j;
	struct zf_err e;

	if (size == 0)
		return 0;
	value = fuzz_cstr(data + 1, size - 1);
	if ((again = zf_draw_value_canonical(value)) != NULL) {
		static const char alnum[] = "0123456789"
		    "abcdefghijklmnopqrstuvwxyz";
		char *twice = zf_draw_value_canonical(again);

		FUZZ_ASSERT(strspn(again, alnum) == strlen(again));
		FUZZ_ASSERT(twice != NULL && strcmp(twice, again) == 0);
		free(twice);
		free(again);
	}
	free(value);
	if (zf_draw_targets_parse(names[data[0] % 3], (const char *)data + 1,
	    size - 1, &t, &n, &e) != 0)
		return 0;
	FUZZ_ASSERT(n > 0);
	for (i = 0; i < n; i++) {
		size_t len = strlen(t[i].name);

		FUZZ_ASSERT(len > 0 && t[i].field[0] != '\0');
		FUZZ_ASSERT(t[i].name[0] != ' ' && t[i].name[len - 1] != ' ');
		for (j = 0; j < i && n < 200; j++)
			FUZZ_ASSERT(strcmp(t[i].code, t[j].code) != 0);
	}
	canon = zf_draw_targets_canonical(t, n, sha);
	FUZZ_ASSERT(zf_draw_targets_parse("again.json", canon, strlen(canon),
	    &u, &m, &e) == 0);
	FUZZ_ASSERT(m == n);
	free(zf_draw_targets_canonical(u, m, sha2));
	FUZZ_ASSERT(strcmp(sha, sha2) == 0);
	free(canon);
	zf_draw_targets_free(t, n);
	zf_draw_targets_free(u, m);
	return 0;
}
