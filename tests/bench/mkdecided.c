/*
 * mkdecided: fills an archive with N decided cases for the publication
 * benchmark — every third on a natural person with an ID number, phone
 * and address, the rest on organisations; kinds in turn — in one write
 * transaction, through the same library calls as case-new and
 * decision-issue (without a decision document).
 * Usage: mkdecided N   (the archive from $ZHIFA_ARCHIVE)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/archive.h"
#include "cases/case.h"
#include "rules/config.h"
#include "cases/decision.h"
#include "cases/step.h"
#include "publication/events.h"

static void
citizen(long i, char out[19])
{
	static const int w[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5,
		8, 4, 2 };
	int s = 0, k;

	snprintf(out, 19, "33032719800101%03ld", i % 1000);
	for (k = 0; k < 17; k++)
		s += (out[k] - '0') * w[k];
	out[17] = "10X98765432"[s % 11];
	out[18] = '\0';
}

int
main(int argc, char **argv)
{
	static const char *const kinds[] = { "penalty", "licensing",
		"compulsion", "inspection", "levy" };
	static const char *const outcomes[] = { "罚款", "准予许可",
		"责令限期改正", "责令改正", "征收" };
	static const char *const measures[] = { "fine", "grant",
		"correct", "correct", "levy" };
	struct zf_archive *a;
	struct zf_err e;
	const char *dir;
	char **ids = NULL;
	long n, i;

	if (argc != 2 || (n = atol(argv[1])) <= 0) {
		fprintf(stderr, "usage: mkdecided N\n");
		return 64;
	}
	zf_publication_register();
	if (zf_archive_locate(NULL, &dir, &e) != 0 ||
	    zf_archive_open(dir, ZF_OPEN_WRITE, &a, &e) != 0) {
		fprintf(stderr, "mkdecided: %s\n", e.msg);
		return 1;
	}
	ids = calloc((size_t)n, sizeof(*ids));
	if (ids == NULL || zf_archive_begin(a) != 0)
		goto fail;
	/*
	 * Filed by the clerk, noticed by an officer and decided by the head,
	 * each acting in turn over all the cases, so that each one's key is
	 * loaded once.  Filed, noticed and decided now: a real archive
	 * records acts within its window of late entries only.
	 */
	if (zf_archive_actor(a, "liuyang") != 0 ||
	    zf_archive_actor_key(a, NULL) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		struct zf_case_input in;
		char party[64], id[19];
		int k = (int)(i % 5), person = i % 3 == 0;

		memset(&in, 0, sizeof(in));
		snprintf(party, sizeof(party), person ? "当事人%ld" :
		    "示例建设有限公司%ld", i);
		citizen(i, id);
		in.kind = kinds[k];
		in.party = party;
		in.party_kind = person ? "person" : "org";
		in.party_id = person ? id : "91350100M000100Y43";
		in.party_phone = person ? "13812345678" : NULL;
		in.party_address = person ?
		    "浙江省示例县城关镇人民路18号" : NULL;
		in.cause = "未取得施工许可证擅自施工";
		in.officers[0] = "zhangwei";
		in.officers[1] = "lina";
		in.nofficers = 2;
		if (zf_case_file(a, &in, &ids[i]) != 0)
			goto fail;
	}
	/* The notice a penalty needs, and the party waiving its period to
	 * state its case. */
	if (zf_archive_actor(a, "zhangwei") != 0 ||
	    zf_archive_actor_key(a, NULL) != 0)
		goto fail;
	for (i = 0; i < n; i += 5) {
		struct zf_step_input s;

		memset(&s, 0, sizeof(s));
		s.step = "notify";
		if (zf_step_record(a, ids[i], &s) != 0)
			goto fail;
		s.step = "waive";
		if (zf_step_record(a, ids[i], &s) != 0)
			goto fail;
	}
	if (zf_archive_actor(a, "chengang") != 0 ||
	    zf_archive_actor_key(a, NULL) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		struct zf_decision_input d;
		char *number;
		int k = (int)(i % 5);

		memset(&d, 0, sizeof(d));
		d.outcome = outcomes[k];
		d.measures[0] = measures[k];
		d.nmeasures = 1;
		d.fine = k == 0 ? "5000" : NULL;
		d.basis = "《中华人民共和国建筑法》";
		if (zf_decision_record(a, ids[i], &d, &number) != 0)
			goto fail;
		free(number);
	}
	if (zf_archive_commit(a) != 0)
		goto fail;
	zf_archive_close(a);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	return 0;
fail:
	fprintf(stderr, "mkdecided: %s\n", zf_archive_err(a)->msg);
	zf_archive_abort(a);
	zf_archive_close(a);
	return 1;
}
