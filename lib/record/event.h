/*
 * event: one event of the journal as the appliers see it, decoded from
 * its stored canonical JSON (zhifa-journal(5)); the journal module
 * writes events, the apply module applies them, and both read this.
 */
#ifndef ZF_EVENT_H
#define ZF_EVENT_H

#include <stddef.h>
#include <stdint.h>

struct zf_err;
struct zf_json;

#define ZF_EVENT_VERSION 1

struct zf_event {
	int64_t seq;
	const char *time;
	const char *actor;
	const char *case_id;	/* NULL when none */
	const char *type;
	const struct zf_json *data;
};

/* Decodes a stored event body into ev (pointers into *tree). */
int zf_event_decode(const char *body, size_t len, struct zf_json **tree,
    struct zf_event *ev, struct zf_err *e);

#endif
