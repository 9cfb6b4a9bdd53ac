/*
 * events: the apply functions of the events of cases, and of the clocks
 * any event of a case carries (record/apply.h).
 */
#ifndef ZF_CASES_EVENTS_H
#define ZF_CASES_EVENTS_H

/* Registers them with the record layer; calling it again does nothing. */
void zf_cases_register(void);

#endif
