/*
 * transfer: the archival transfer package of a closed case (归档移交,
 * case-step CASE archive --out), in the BagIt layout of zhifa-bundle(5):
 *
 *   data/archive.json     the file's description, in the items of the
 *                         electronic-records rules (DA/T 46, GB/T
 *                         18894): 全宗 (the agency), 题名, 责任者, dates,
 *                         保管期限 (retention.h), 密级, 件数, 归档日期,
 *                         移交人; the case; the agency and its key
 *   data/toc.json         卷内目录: an item per document or piece of
 *                         evidence, in the order recorded: 顺序号, 文号,
 *                         题名, date, kind, 责任者, count, its file, its
 *                         SHA-256 and the event that recorded it
 *   data/卷内目录.csv     the same for people (UTF-8 with a BOM)
 *   data/objects/NNNN-TITLE.EXT
 *                         each document and piece of evidence
 *   data/journal/events.jsonl
 *                         every event of the case as the journal holds it
 *                         (exchange.h), signatures and all
 *   data/journal/proofs.jsonl
 *                         {"seq", "proof": [hex...]} per event: its
 *                         inclusion in the tree of the checkpoint
 *   data/journal/checkpoint
 *                         the journal's latest signed checkpoint, which
 *                         covers every event of the case
 *   data/journal/agency.vkey   the agency's verifier key
 *   data/keys.json        the personal keys the events are signed with
 *
 * bag-info.txt says Zhifa-Package: archival.
 */
#ifndef ZF_TRANSFER_H
#define ZF_TRANSFER_H

struct zf_archive;
struct zf_json;
struct zf_step_input;

/*
 * Takes the archive step of a closed case with its package: checks it
 * (the step's rules, and who may: a clerk or the head), writes the
 * package at in->out (format by its ending) under a temporary name,
 * journals the step with the SHA-256 of the package's
 * manifest-sha256.txt and its retention, then puts the package in
 * place.  A path inside the archive is refused (EX_USAGE).  *summary
 * gets {case, package, manifest_sha256, retention, objects, events}.
 */
int zf_transfer_take(struct zf_archive *a, const char *case_id,
    const struct zf_step_input *in, struct zf_json **summary);

#endif
