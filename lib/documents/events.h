/* events: how the events of documents change the derived tables. */
#ifndef ZF_DOCUMENTS_EVENTS_H
#define ZF_DOCUMENTS_EVENTS_H

/* Registers every table's appliers: the record's, cases', publication's
 * and documents'.  Once, before an archive is opened. */
void zf_documents_register(void);

#endif
