#!/bin/sh
# The permissions table (lib/rules/permissions.c, zhifa(7)): for every
# row, the right person may and a wrong one may not, refused with 77, the
# rule named and the archive unchanged.  Recusal bars a person from a
# case: a standing conflict in zhifa.yaml, or one declared with
# case-step recuse.  The service account publishes and does nothing else.
. "$(dirname "$0")/lib.sh"
plan 183

# Every row of the table is tried here: a row added without its test
# fails.
rows=$(sed -n 's/^	{ ZF_ACT_[A-Z_]*, "\([a-z-]*\)",.*/\1/p' \
    "$ZHIFA_SRC/lib/rules/permissions.c" | sort | tr '\n' ' ')
tested="approve archive backup config correct decide decide-summary draw evidence export file import keys read-log read-public read-restricted read-secret reassign recuse render restored review revoke share step submit withdraw "
expect_equal "$rows" "$tested" "the rows of the permissions table, each tested below"

# may ROW COMMAND...: the right person may (exit 0).
may() {
	m_row=$1
	shift
	"$@" >"$T/out" 2>"$T/err"
	m_rc=$?
	expect_equal "$m_rc" 0 "$m_row: the right person: $* ($(grep -v 'warning: drill' "$T/err" | head -c 300))"
}

# may_not ROW TEXT COMMAND...: a wrong person is refused (77), the rule
# named, nothing changed.
may_not() {
	mn_row=$1
	mn_text=$2
	shift 2
	mark
	expect_refused 77 "$mn_text" "$@"
	unchanged "$mn_row: the wrong person, after the refusal"
}

printf '现场照片\n' >"$T/photo.jpg"
printf '询问笔录\n' >"$T/record.txt"
printf '案件调查终结报告\n' >"$T/report.txt"
printf '行政处罚决定书（代拟稿）\n' >"$T/draft.txt"
printf '行政处罚决定书\n' >"$T/decision.txt"

# The sample agency, with legal review: filing, evidence, steps, review.
new_archive
at 2026-11-17
may_not file "may not file this case: only one of its officers or a clerk may" \
    case-new -t penalty --party 甲建筑公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 未取得施工许可证擅自施工 \
    --officer zhangwei --officer lina --as zhaomin
may file case-new -t penalty --party 甲建筑公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 未取得施工许可证擅自施工 \
    --officer zhangwei --officer lina
c=$(cat "$T/out")

may_not evidence "may not add evidence to $c: only its officers, a clerk or the head may" \
    evidence-add "$c" "$T/photo.jpg" --as wangqiang
may_not evidence "may not add evidence to $c" \
    evidence-add "$c" "$T/photo.jpg" --as zhaomin --stage review-opinion
may evidence evidence-add "$c" "$T/photo.jpg" --as lina
restricted=$(cut -f1 "$T/out")
may evidence evidence-add "$c" "$T/record.txt" --as lina --access secret \
    --secret-kind privacy
secret=$(cut -f1 "$T/out")

may_not step "may not act on $c: only its officers or the head may" \
    case-step "$c" notify --as liuyang
may step case-step "$c" notify --as zhangwei
may step case-step "$c" defense --as zhangwei

may read-public evidence-add "$c" "$T/photo.jpg" --as lina --access public \
    --title 公开照片
public=$(cut -f1 "$T/out")
may_not read-public "may not read evidence of $c: the service account reads none" \
    evidence-get "$public" --reason 核查 --as publisher
may read-public evidence-get "$public" --reason 核查 --as wangqiang
may_not read-restricted "may not read restricted evidence of $c" \
    evidence-get "$restricted" --reason 核查 --as wangqiang
may read-restricted evidence-get "$restricted" --reason 审核 --as zhaomin
may_not read-secret "may not read secret evidence of $c: only its officers, the head and the reviewer while it is under review" \
    evidence-get "$secret" --reason 审核 --as zhaomin
may read-secret evidence-get "$secret" --reason 核对 --as lina

may_not submit "only an officer of $c submits it for legal review; 'liuyang' is not" \
    review-submit "$c" --statement "$T/report.txt" --draft "$T/draft.txt" \
    --fine 60000 --as liuyang
may submit review-submit "$c" --statement "$T/report.txt" \
    --draft "$T/draft.txt" --fine 60000 --as zhangwei
# Under review, its reviewer reads the secret evidence too.
may read-secret evidence-get "$secret" --reason 法制审核 --as zhaomin

may_not review "only a legal reviewer (法制审核人员) decides a review; 'zhangwei' is officer" \
    review-decide "$c" --as zhangwei --approve --all-pass --opinion 同意
may_not review "only a legal reviewer (法制审核人员) decides a review; 'chengang' is head" \
    review-decide "$c" --as chengang --approve --all-pass --opinion 同意
may review review-decide "$c" --as zhaomin --approve --all-pass --opinion 同意

# Keys and the configuration are the head's.
person-key new --as wangqiang --out "$T/wq2.pem" >"$T/wq2.vkey" 2>/dev/null
may_not keys "only the head (负责人) registers and revokes personal keys; 'liuyang' is clerk" \
    person-key register wangqiang "$T/wq2.vkey" --as liuyang
may keys person-key register wangqiang "$T/wq2.vkey" --as chengang
# A standing conflict: wangqiang may never act on 丁建筑公司.
sed -i '/^  - id: wangqiang$/,/^    fields:/s/^    fields: \(.*\)$/    fields: \1\n    conflicts: [丁建筑公司]/' \
    "$ZHIFA_ARCHIVE/zhifa.yaml"
may_not config "only the head (负责人) named in the configuration in force applies a new one; 'liuyang' is clerk" \
    archive-config apply --as liuyang
may config archive-config apply --as chengang

mark
expect_refused 77 "officer 'wangqiang' (王强) is in recusal (回避) for this party: a standing conflict ('丁建筑公司' in zhifa.yaml)" \
    case-new -t penalty --party 丁建筑公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 某事 --officer wangqiang \
    --officer lina
unchanged "an officer in standing conflict named on a case"

# A recusal declared in one case.
may file case-new -t penalty --party 戊建筑公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 某事 --officer zhangwei \
    --officer lina
r=$(cat "$T/out")
may_not recuse "'liuyang' (刘洋, clerk) may not act on $r: a recusal is declared by its officers, a legal reviewer or the head" \
    case-step "$r" recuse --as liuyang --note 亲属关系
may recuse case-step "$r" recuse --as lina --note 与当事人法定代表人系近亲属
mark
expect_refused 77 "'lina' (李娜) is in recusal (回避) for $r: they declared it (case-step recuse)" \
    case-step "$r" investigate --as lina
expect_refused 77 "is in recusal (回避) for $r" \
    evidence-add "$r" "$T/photo.jpg" --as lina
unchanged "acts of one in recusal"
evidence-add "$r" "$T/photo.jpg" --as zhangwei --access public \
    >"$T/out" 2>/dev/null
mark
expect_refused 77 "is in recusal (回避) for $r" \
    evidence-get "$(cut -f1 "$T/out")" --reason 查看 --as lina
unchanged "a read by one in recusal, even of public evidence"
may step case-step "$r" investigate --as zhangwei
may_not reassign "only the head (负责人) reassigns a case's officers; 'zhangwei' is officer" \
    case-step "$r" reassign --officer wangqiang --replaces lina \
    --note 李娜回避 --as zhangwei
may reassign case-step "$r" reassign --officer wangqiang --replaces lina \
    --note 李娜回避 --as chengang

may_not backup "may not copy the archive: a backup holds all evidence" \
    archive-backup "$T/bk" --as zhaomin
may backup archive-backup "$T/bk" --as publisher

# Decisions and publication, in an archive without legal review.
ZHIFA_ARCHIVE=$T/plain
export ZHIFA_ARCHIVE
new_archive_without_review
at 2026-11-02
d=$(new_case 己建筑公司 2>/dev/null)
at 2026-11-03
case-step "$d" notify >/dev/null 2>&1
at 2026-11-16
may_not decide "only the head (负责人) issues decisions (行政处罚法第五十七条; 行政强制法第三十七条); 'lina' is officer" \
    decision-issue "$d" --as lina --outcome 罚款五千元 --fine 5000 \
    --doc "$T/decision.txt"
may decide decision-issue "$d" --as chengang --outcome 罚款五千元 \
    --fine 5000 --doc "$T/decision.txt"
# A correction (更正) is the head's.
may_not correct "only the head (负责人) corrects a decision's record (更正); 'lina' is officer" \
    decision-correct "$d" --as lina --field cause \
    --value 未取得施工许可证擅自施工（更正） --reason 案由表述有误
may correct decision-correct "$d" --as chengang --field cause \
    --value 未取得施工许可证擅自施工（更正） --reason 案由表述有误

# On the spot (简易程序), the case's officer decides (第五十二条).
sm=$(new_case 庚建筑公司 2>/dev/null)
may_not decide-summary "'wangqiang' (王强, officer) may not decide $sm on the spot: only its officers or the head may (行政处罚法第五十二条)" \
    decision-issue "$sm" --summary --as wangqiang --outcome 警告 \
    --measure warning --doc "$T/decision.txt"
may decide-summary decision-issue "$sm" --summary --as lina --outcome 警告 \
    --measure warning --doc "$T/decision.txt"
at 2026-11-17
may_not export "publication is for a clerk (内勤), the head (负责人) or the service account; 'zhangwei' is officer" \
    publish-export --out "$T/b0"
may export publish-export --as publisher --out "$T/b1"
may_not withdraw "publication is for a clerk (内勤) or the head (负责人); 'publisher' is service" \
    publish-withdraw "$d" --as publisher --reason 公示信息有误
# A clerk in standing conflict with the party may not take it down.
cp "$ZHIFA_ARCHIVE/zhifa.yaml" "$T/plain.yaml"
sed -i '/^  - id: liuyang$/,/^    login:/s/^    login: liuyang$/    login: liuyang\n    conflicts: [己建筑公司]/' \
    "$ZHIFA_ARCHIVE/zhifa.yaml"
apply_config
mark
expect_refused 77 "'liuyang' (刘洋) is in recusal (回避) for $d" \
    publish-withdraw "$d" --as liuyang --reason 公示信息有误
unchanged "a withdrawal by a clerk in recusal"
cp "$T/plain.yaml" "$ZHIFA_ARCHIVE/zhifa.yaml"
apply_config
may withdraw publish-withdraw "$d" --as liuyang --reason 公示信息有误
# The service account does nothing else.
may_not file "may not file this case" \
    case-new -t penalty --party 庚建筑公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 某事 --officer zhangwei \
    --officer lina --as publisher
may_not revoke "only the head (负责人) revokes decisions; 'liuyang' is clerk" \
    decision-revoke "$d" --as liuyang --kind revoked --reason 复议决定撤销
may revoke decision-revoke "$d" --as chengang --kind revoked \
    --reason 复议决定撤销
# The transfer package of a file done with (归档) is a clerk's or the
# head's.
may_not archive "the transfer package (归档移交) is written by a clerk (内勤) or the head" \
    case-step "$d" archive --out "$T/pkg" --as lina
may archive case-step "$d" archive --out "$T/pkg" --as liuyang

# The account of a restored backup: the archive put back to an older
# copy after the agency key signed more.
cp -a "$ZHIFA_ARCHIVE" "$T/older"
case-new -t penalty --party 壬建筑公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 某事 --officer zhangwei \
    --officer lina >/dev/null 2>&1
rm -rf "$ZHIFA_ARCHIVE"
cp -a "$T/older" "$ZHIFA_ARCHIVE"
may_not restored "only the head (负责人) records that a backup was restored; 'liuyang' is clerk" \
    archive-backup --restored --reason 从备份恢复 --as liuyang
may restored archive-backup --restored --reason 从备份恢复 --as chengang

expect_exit 0 archive-verify
expect_exit 0 archive-verify -A "$T/ar"

# Approval before release: the approvers of zhifa.yaml (the head in the
# sample), nobody else, not even the head of another configuration.
ZHIFA_ARCHIVE=$T/appr
export ZHIFA_ARCHIVE
new_archive_with_approval
e=$(new_case 癸建筑公司 2>/dev/null)
case-step "$e" notify >/dev/null 2>&1
case-step "$e" waive >/dev/null 2>&1
decision-issue "$e" --as chengang --outcome 警告 --measure warning \
    --doc "$T/decision.txt" >/dev/null 2>&1
may_not approve "only an approver (publication.approvers in zhifa.yaml) approves records before their release; 'liuyang' is not one" \
    publish-approve --as liuyang
may approve publish-approve --as chengang

# The 双随机 draw: a clerk commits; the head may not.
printf '名称,统一社会信用代码,领域\n甲公司,91350100M000100Y43,建筑市场\n' \
    >"$T/targets.csv"
may_not draw "the 双随机 draw is for a clerk (内勤)" inspect-draw --commit \
    --targets "$T/targets.csv" --count 1 --randomness "双色球 2026-12-31 开奖号码" \
    --as chengang
may draw inspect-draw --commit --targets "$T/targets.csv" --count 1 \
    --randomness "双色球 2026-12-31 开奖号码" --as liuyang

# 调阅监督: who read which evidence is for the head, a clerk or the legal
# reviewers, not the officers nor the service account.
may_not read-log "调阅监督 is for the head, a clerk or the legal reviewers" \
    case-stats --reads --as zhangwei
may_not read-log "调阅监督 is for the head" case-stats --reads --as publisher
may read-log case-stats --reads --as zhaomin

# A case's documents are made by its officers, a clerk or the head.
may_not render "may not make the documents of" doc-render "$e" filing \
    --as zhaomin
may_not render "only its officers, a clerk or the head may" \
    doc-render "$e" filing --as wangqiang
may render doc-render "$e" filing --as liuyang

# Whole case files go to another agency by the head's decision alone.
may_not share "only the head (负责人) shares whole case files" \
    case-export "$e" --to 示例市住房和城乡建设局 --out "$T/share" --as liuyang
may share case-export "$e" --to 示例市住房和城乡建设局 --out "$T/share" \
    --as chengang

# Another agency's cases are taken in by a clerk or the head: here the
# archive trusts its own key, for the test's sake.
(cd "$T/share" && bsdtar -czf "$T/share.tar.gz" bagit.txt bag-info.txt \
    manifest-sha256.txt tagmanifest-sha256.txt exchange-signature data)
vkey=$(python3 -c "import json,sys
print(json.load(open(sys.argv[1]))['agency']['vkey'])" \
    "$T/share/data/exchange.json")
printf 'sharing:\n  trusted: ["%s"]\n' "$vkey" >>"$ZHIFA_ARCHIVE/zhifa.yaml"
archive-config apply --as chengang >/dev/null 2>&1 || exit 1
may_not import "may not take in another agency's cases" \
    bundle-import "$T/share.tar.gz" --as zhangwei
may import bundle-import "$T/share.tar.gz" --as liuyang
finish
