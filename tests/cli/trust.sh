#!/bin/sh
# Who and when, provably.  Forgeries an insider can make with sqlite3,
# each reported by archive-verify with the event and the reason: an event
# appended (before and after the next signed command), an approval's
# actor changed, every checkpoint deleted, the journal cut back with the
# older checkpoint file restored (caught with --witness of a bundle
# published in between).  Acting as a person needs their registered key;
# a revoked key signs nothing more.  A drill takes a set clock and says
# so; --at may not go before the case's previous act.
. "$(dirname "$0")/lib.sh"
plan 93

F="python3 $ZHIFA_SRC/tests/cli/forge.py"
KEYS=$HOME/.config/zhifa/keys

# verify_says DIR CODE TEXT: archive-verify of DIR exits 1 with a problem
# CODE whose line holds TEXT.
verify_says() {
	archive-verify -A "$1" -o tsv >"$T/v" 2>"$T/verr"
	expect_equal "$?" 1 "archive-verify of $1 finds the forgery"
	if grep -F "$3" "$T/v" | grep -q "^$2	"; then ok; else
		not_ok "$1: no $2 saying '$3': $(head -c 600 "$T/v")"; fi
}

checkpoints() {
	sqlite3 "$1/zhifa.db" 'SELECT count(*) FROM checkpoints'
}

# A major case approved by the legal reviewer; its events signed.
new_archive
at 2026-11-17
printf '案件调查终结报告\n' >"$T/report.txt"
printf '行政处罚决定书（代拟稿）\n' >"$T/draft.txt"
c=$(case_for_review 甲建筑公司) &&
    review-submit "$c" --statement "$T/report.txt" --draft "$T/draft.txt" \
    --fine 60000 >/dev/null 2>&1 &&
    review-decide "$c" --as zhaomin --approve --all-pass --opinion 同意 >/dev/null 2>&1 ||
    { echo "$TEST_NAME: cannot make the case" >&2; exit 1; }
x=$(new_case 戊建筑公司 2>/dev/null) || exit 1
approval=$(sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" \
    "SELECT seq FROM journal WHERE actor = 'zhaomin' ORDER BY seq DESC LIMIT 1")
expect_exit 0 archive-verify
cp -a "$ZHIFA_ARCHIVE" "$T/clean"

# 1. An event appended with sqlite3: a copy of the approval, by the head.
cp -a "$T/clean" "$T/f1"
n=$($F "$T/f1/zhifa.db" append "$approval" chengang)
verify_says "$T/f1" E016 "event $n	is not signed by its actor's key"
# ... and after the next signed command, which will not sign over it.
before=$(checkpoints "$T/f1")
case-new -A "$T/f1" -t penalty --party 乙公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 某事 --officer zhangwei \
    --officer lina >"$T/out" 2>"$T/err"
expect_equal "$?" 0 "the next command records its own act: $(cat "$T/err")"
expect_in "$T/err" "the checkpoint was not signed: event $n (review.decided, by chengang) is not signed by its actor's key"
expect_equal "$(checkpoints "$T/f1")" "$before" "no checkpoint signed over the forgery"
verify_says "$T/f1" E016 "event $n	is not signed by its actor's key"
expect_in "$T/v" "W024"

# 2. The approval's actor changed, every later hash and the tree redone.
cp -a "$T/clean" "$T/f2"
$F "$T/f2/zhifa.db" actor "$approval" chengang >/dev/null
verify_says "$T/f2" E016 "event $approval	is not signed by its actor's key (review.decided, by chengang)"

# 2b. The table of who holds which key, changed behind the journal: the
# replay disagrees.
cp -a "$T/clean" "$T/f2b"
sqlite3 "$T/f2b/zhifa.db" "UPDATE person_keys SET vkey = 'x' WHERE person = 'lina'"
verify_says "$T/f2b" E040 "person_keys	differs from a replay"

# 2c. An officer with file access and his own key forges what only the
# head records: a key registration, signed by himself.
cp -a "$T/clean" "$T/f2c"
person-key new --as wangqiang --out "$T/wq.pem" >"$T/wq.vkey" 2>/dev/null
person-key register -A "$T/f2c" wangqiang "$T/wq.vkey" --as chengang \
    >/dev/null 2>&1
reg=$(sqlite3 "$T/f2c/zhifa.db" 'SELECT max(seq) FROM journal')
n=$($F "$T/f2c/zhifa.db" signed "$reg" zhangwei "$KEYS"/*/zhangwei.pem)
verify_says "$T/f2c" E029 "event $n	recorded by someone who may not (person.key_registered, by zhangwei)"
forget_signed
case-new -A "$T/f2c" -t penalty --party 乙公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 某事 --officer zhangwei \
    --officer lina >/dev/null 2>"$T/err"
expect_in "$T/err" "the checkpoint was not signed: event $n (person.key_registered, by zhangwei) is not the head's"

# ... nor a second archive.created, which would give keys to anyone.
cp -a "$T/clean" "$T/f2d"
n=$($F "$T/f2d/zhifa.db" signed 0 zhangwei "$KEYS"/*/zhangwei.pem)
verify_says "$T/f2d" E016 "event $n	an archive is created by event 0 alone"
forget_signed
case-new -A "$T/f2d" -t penalty --party 乙公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 某事 --officer zhangwei \
    --officer lina >/dev/null 2>"$T/err"
expect_in "$T/err" "the checkpoint was not signed: event $n (archive.created): an archive is created by event 0 alone"

# 3. Every checkpoint deleted, the file too: an error, never ok.
cp -a "$T/clean" "$T/f3"
sqlite3 "$T/f3/zhifa.db" 'DELETE FROM checkpoints'
rm -f "$T/f3/checkpoint"
verify_says "$T/f3" E027 "no signed checkpoint at all"

# 4. Cut back to an older copy, its checkpoint file and all: it verifies
# on its own, but not against a bundle published in between.
cp -a "$ZHIFA_ARCHIVE" "$T/older"
size_older=$(sqlite3 "$T/older/zhifa.db" 'SELECT count(*) FROM journal')
at 2026-11-18
case-new -t penalty --party 丙公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 某事 --officer zhangwei \
    --officer lina >/dev/null 2>&1
expect_exit 0 publish-export --as liuyang --out "$T/bundle"
check "the bundle carries the journal's checkpoint" \
    test -f "$T/bundle/data/log/journal-checkpoint"
expect_exit 0 publish-verify "$T/bundle"
expect_exit 0 archive-verify --witness "$T/bundle"
rm -rf "$ZHIFA_ARCHIVE"
cp -a "$T/older" "$ZHIFA_ARCHIVE"
expect_exit 0 archive-verify
expect_exit 1 archive-verify --witness "$T/bundle" -o tsv
expect_in "$T/out" "E023	$T/bundle	covers"
expect_in "$T/out" "but the journal holds $size_older: the journal was cut short or replaced with an older copy"
# The signer, who keeps what it last signed outside the archive, will
# not sign the older copy's next events.
case-step "$x" investigate --note 补充说明 >"$T/out" 2>"$T/err"
expect_equal "$?" 0 "a command on the older copy: $(cat "$T/err")"
expect_in "$T/err" "the checkpoint was not signed: the journal has"
expect_in "$T/err" "the journal was cut back"
# Restoring a backup is the head's journaled account, not a silent
# rewind: the signer signs again, and the bundle's checkpoint is told as
# lost (W019), no longer as a cut (E023).
mark
expect_fail 77 "only the head (负责人) records that a backup was restored" \
    archive-backup --restored --reason 服务器硬盘损坏，从备份恢复 \
    --person-key "$KEYS"/*/zhangwei.pem
unchanged "a restore told by someone else than the head"
expect_exit 0 archive-backup --restored --reason 服务器硬盘损坏，从备份恢复 \
    --as chengang
expect_exit 0 case-step "$x" investigate --note 恢复后继续办理
expect_equal "$(grep -c 'was not signed' "$T/err")" 0 "the signer signs after the head's account"
expect_exit 0 archive-verify --witness "$T/bundle" -o tsv
expect_in "$T/out" "W019	$T/bundle	covers"
rm -rf "$ZHIFA_ARCHIVE"
cp -a "$T/clean" "$ZHIFA_ARCHIVE"
forget_signed
mark
expect_fail 66 "cannot read the checkpoint that was lost" \
    archive-backup --restored --reason 误操作 --as chengang
expect_fail 65 "nothing it signed was lost" \
    archive-backup --restored --reason 误操作 --as chengang \
    --lost "$ZHIFA_ARCHIVE/checkpoint"
unchanged "a restore that lost nothing"

# 5. Acting as a person needs their registered key.
at 2026-11-19
mv "$KEYS"/*/zhangwei.pem "$T/zhangwei.pem"
mark
expect_fail 77 "acting as zhangwei needs zhangwei's private key" \
    case-new -t penalty --party 丁公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 某事 --officer zhangwei \
    --officer lina
expect_in "$T/err" "person-key new"
expect_fail 77 "is not the one registered for zhangwei" \
    case-step "$x" investigate --note 说明 --person-key "$KEYS"/*/lina.pem
unchanged "acts without the actor's registered key"
expect_exit 0 case-step "$x" investigate --note 说明 --person-key "$T/zhangwei.pem"
ZHIFA_PERSON_KEY=$T/zhangwei.pem case-step "$x" investigate --note 又说明 \
    >/dev/null 2>"$T/err"
expect_equal "$?" 0 "ZHIFA_PERSON_KEY names the key: $(cat "$T/err")"
expect_exit 0 archive-verify

# Registering and revoking keys is the head's.
mark
expect_fail 77 "only the head (负责人) registers and revokes personal keys" \
    person-key revoke zhangwei --as lina --reason 遗失
expect_fail 77 "the head does not revoke their own key" \
    person-key revoke chengang --as chengang --reason 遗失
person-key new --as lina --out "$T/lina2.pem" >"$T/lina2.vkey" 2>/dev/null
person-key new --as zhangwei --out "$T/zw-other.pem" >"$T/zhangwei.vkey" \
    2>/dev/null
expect_fail 77 "only the head (负责人) registers and revokes personal keys" \
    person-key register lina "$T/lina2.vkey" --as zhangwei \
    --person-key "$T/zhangwei.pem"
expect_fail 65 "not lina's" \
    person-key register lina "$T/zhangwei.vkey" --as chengang
unchanged "key acts by the wrong person"
expect_exit 0 person-key revoke zhangwei --as chengang --reason 执法证件及密钥遗失
rev=$(sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" 'SELECT max(seq) FROM journal')
mark
expect_fail 77 "was revoked at event $rev" \
    case-step "$x" investigate --note 说明 --person-key "$T/zhangwei.pem"
unchanged "a revoked key signs nothing more"
person-key new --as zhangwei --out "$T/zhangwei2.pem" \
    >"$T/zhangwei2.vkey" 2>/dev/null
expect_exit 0 person-key register zhangwei "$T/zhangwei2.vkey" --as chengang
expect_exit 0 case-step "$x" investigate --note 新密钥 --person-key "$T/zhangwei2.pem"
expect_exit 0 person-key list -o tsv
expect_equal "$(grep -c '^zhangwei	' "$T/out")" 2 "zhangwei's keys, old and new"
expect_in "$T/out" "revoked"
expect_exit 0 archive-verify
expect_in "$T/err" "ok (0 errors, 0 warnings)"

# A key file others may read proves nothing: refused.
chmod 644 "$T/zhangwei2.pem"
mark
expect_fail 77 "may be read by others (mode 0644)" \
    case-step "$x" investigate --note 说明 --person-key "$T/zhangwei2.pem"
unchanged "a key others may read"
chmod 600 "$T/zhangwei2.pem"

# 6. The sample is a drill: a set clock is honoured and said; --at may
# not go before the case's previous act.
at 2026-11-20
expect_exit 0 case-step "$x" investigate --note 演练 --person-key "$T/zhangwei2.pem"
expect_in "$T/err" "warning: drill: '$ZHIFA_ARCHIVE' is a drill archive"
expect_equal "$(sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" \
    'SELECT time FROM journal ORDER BY seq DESC LIMIT 1')" \
    2026-11-20T10:00:00+08:00 "the drill's event at the set clock"
mark
expect_fail 65 "" case-step "$x" investigate --note 补录 \
    --at 2026-11-16T09:00:00+08:00 --person-key "$T/zhangwei2.pem"
unchanged "an act before the case's previous act"
expect_exit 0 case-list
expect_equal "$(grep -c drill "$T/err")" 0 "a reader does not mark the drill"
# An act recorded late: at most recording.late_entry_max_days (30 by
# default) before, and case-show marks it 补录.
at 2026-12-25
mark
expect_fail 65 "more than 30 days before today" \
    case-step "$x" investigate --note 补录 \
    --at 2026-11-21T09:00:00+08:00 --person-key "$T/zhangwei2.pem"
unchanged "an act recorded too late"
printf 'recording:\n  late_entry_max_days: 60\n' >>"$ZHIFA_ARCHIVE/zhifa.yaml"
apply_config
expect_exit 0 case-step "$x" investigate --note 补录 \
    --at 2026-11-21T09:00:00+08:00 --person-key "$T/zhangwei2.pem"
expect_exit 0 case-show "$x"
expect_in "$T/out" "2026-11-21T09:00:00+08:00 补录（记录于 2026-12-25T10:00:00+08:00）"
expect_exit 0 case-show -o json "$x"
expect_in "$T/out" '"late": true'

finish
