/* events: how the events of publication change the derived tables. */
#include "publication/events.h"

#include <stdlib.h>

#include "base/json.h"
#include "cases/events.h"
#include "publication/approve.h"
#include "publication/publish.h"
#include "record/apply.h"
#include "record/journal.h"

/* An export changes no table: the journal keeps who wrote which bundle. */
static int
apply_publication_exported(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	(void)db;
	if (zf_json_get_str(ev->data, "audience") == NULL)
		return zf_apply_bad(e, ev, "an export without its audience");
	return 0;
}

/* Cases shared with another agency: the journal keeps which, with whom. */
static int
apply_cases_exported(struct zf_db *db, const struct zf_event *ev,
    struct zf_err *e)
{
	(void)db;
	if (zf_json_get_str(ev->data, "to") == NULL ||
	    zf_json_get_str(ev->data, "sha256") == NULL ||
	    zf_json_get(ev->data, "cases") == NULL)
		return zf_apply_bad(e, ev, "an export of cases without its "
		    "agency, cases or digest");
	return 0;
}

static const struct zf_applier publication_types[] = {
	{ "cases.exported", apply_cases_exported },
	{ "publication.approved", zf_approve_apply },
	{ "publication.entry", zf_publish_apply },
	{ "publication.exported", apply_publication_exported },
};

static const struct zf_appliers publication_appliers = {
	publication_types,
	sizeof(publication_types) / sizeof(publication_types[0]), NULL
};

void
zf_publication_register(void)
{
	zf_cases_register();
	zf_apply_register(&publication_appliers);
}
