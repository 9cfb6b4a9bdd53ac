/*
 * events: the apply functions of the events of publication
 * (record/apply.h), registered with those of cases.
 */
#ifndef ZF_PUBLICATION_EVENTS_H
#define ZF_PUBLICATION_EVENTS_H

/* Registers every event type above the record layer; idempotent. */
void zf_publication_register(void);

#endif
