/*
 * config-read: what the readers of zhifa.yaml's sections share, for
 * config.c, config-agency.c, config-rules.c and config-publication.c
 * alone.
 *
 * Each section reader takes the document's root mapping, fills its part
 * of c and returns 0, or EX_CONFIG with the message placed at the node
 * (schema.h).  What a reader allocated before a refusal stays in c for
 * zf_config_free.  The rules, the catalog, the periods and the redaction
 * an agency leaves out are the shipped ones, taken by config.c.
 */
#ifndef ZF_CONFIG_READ_H
#define ZF_CONFIG_READ_H

#include "base/yaml.h"
#include "rules/config.h"
#include "rules/schema.h"

/* config-agency.c: agency, numbering, people, calendar. */
int zf_config_read_agency(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root);
int zf_config_read_numbering(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root);
int zf_config_read_people(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root);
int zf_config_read_calendar(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root);

/* config-rules.c: deadlines, and the catalog with review. */
int zf_config_read_rules(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root);
int zf_config_read_catalog(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root);

/* config-steps.c: what steps need (steps:), and summary:. */
int zf_config_read_steps(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root);
/* config-steps.c: the checklist of case-audit (audit:). */
int zf_config_read_audit(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root);

/* config-publication.c: publication and redaction. */
int zf_config_read_publication(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root);

/* config-retention.c: retention (保管期限). */
int zf_config_read_retention(struct zf_schema *r, struct zf_config *c,
    const struct zf_yaml_node *root);

/*
 * The lists the sections of rules and of publication share, each read
 * from the member of that name in n (kinds, party, measures):
 *   zf_config_kinds: as ZF_KIND_* bits, all of them when none is given;
 *   zf_config_parties: each one of person, org, business;
 *   zf_config_measures: each a measure, renamed to its canonical name.
 */
int zf_config_kinds(struct zf_schema *r, const struct zf_yaml_node *n,
    char **kinds, unsigned *bits);
int zf_config_parties(struct zf_schema *r, const struct zf_yaml_node *n,
    char **list);
int zf_config_measures(struct zf_schema *r, const struct zf_yaml_node *n,
    char **list);

#endif
