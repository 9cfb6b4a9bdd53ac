/* event: decoding a stored event. */
#include "record/event.h"

#include <string.h>

#include "base/err.h"
#include "base/json.h"

int
zf_event_decode(const char *body, size_t len, struct zf_json **tree,
    struct zf_event *ev, struct zf_err *e)
{
	char msg[256];
	struct zf_json *t;
	const struct zf_json *c;
	int64_t v;

	*tree = NULL;
	if ((t = zf_json_parse(body, len, msg, sizeof(msg))) == NULL)
		return zf_fail(e, EX_DATAERR, "not JSON: %s", msg);
	memset(ev, 0, sizeof(*ev));
	c = zf_json_get(t, "case");
	ev->time = zf_json_get_str(t, "time");
	ev->actor = zf_json_get_str(t, "actor");
	ev->type = zf_json_get_str(t, "type");
	ev->case_id = c != NULL && zf_json_type(c) == ZF_JSON_STRING ?
	    zf_json_str(c) : NULL;
	ev->data = zf_json_get(t, "data");
	if (zf_json_type(t) != ZF_JSON_OBJECT ||
	    zf_json_get_int(t, "seq", &ev->seq) != 0 ||
	    zf_json_get_int(t, "v", &v) != 0 || v != ZF_EVENT_VERSION ||
	    ev->time == NULL || ev->actor == NULL || ev->type == NULL ||
	    c == NULL || (zf_json_type(c) != ZF_JSON_NULL &&
	    zf_json_type(c) != ZF_JSON_STRING) ||
	    zf_json_get_str(t, "prev") == NULL ||
	    zf_json_get_str(t, "config") == NULL ||
	    ev->data == NULL || zf_json_type(ev->data) != ZF_JSON_OBJECT) {
		zf_json_free(t);
		return zf_fail(e, EX_DATAERR, "not a version %d event",
		    ZF_EVENT_VERSION);
	}
	*tree = t;
	return 0;
}
