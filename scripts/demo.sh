#!/bin/sh
# A walk through zhifa with the sample agency: a fresh archive; a penalty
# case filed, evidenced, notified, reviewed (it is major), discussed and
# decided; the clocks it runs; a supervised read; the case file; a rule
# refusing; and proof that the record is intact — and that a change to
# it is caught.  The dates are set with ZHIFA_NOW, as in a drill, so the
# statutory periods can pass.  Usage: demo.sh [BUILD-DIR]
set -eu

bin=$(cd "${1:-build}" && pwd)
PATH=$bin:$PATH
work=$(mktemp -d "${TMPDIR:-/tmp}/zhifa-demo.XXXXXX")
export HOME="$work/home" ZHIFA_ARCHIVE="$work/archive"
mkdir -p "$HOME"

say() {
	printf '\n== %s\n' "$*"
}
run() {
	printf '$ %s\n' "$*"
	"$@"
}
on() {
	ZHIFA_NOW="$1T09:30:00+08:00"
	export ZHIFA_NOW
	printf '\n[%s]\n' "$1"
}

say "1. 建立档案 Create the archive (示例县住房和城乡建设局, the sample agency)"
on 2026-11-02
run archive-init "$ZHIFA_ARCHIVE"

say "2. 立案 Officer 张伟 files a penalty case with 李娜; the 90-day clock starts"
export ZHIFA_ACTOR=zhangwei
case=$(case-new -t penalty --party 示例建筑工程有限公司 --party-kind org \
    --party-id 91350100M000100Y43 --party-rep 王建国 \
    --cause "未取得施工许可证擅自施工（城南安置小区3号楼）" \
    --officer zhangwei --officer lina --source 群众举报 --field 建筑市场 \
    --conduct business)
echo "$case"

say "3. 登记证据 Evidence: a site photo and an inquiry record, hashed and stored"
printf 'JPEG photo of the site, taken 2026-11-02 09:40\n' >"$work/现场照片1.jpg"
printf '询问笔录\n被询问人：王某，项目经理\n问：是否取得施工许可证？\n答：尚未取得。\n' \
    >"$work/询问笔录.txt"
run evidence-add "$case" "$work/现场照片1.jpg" --kind photo --title 现场照片 \
    --recorded-by zhangwei --recorded-at 2026-11-02T09:10:00+08:00 \
    --location 城南安置小区3号楼
run evidence-add "$case" "$work/询问笔录.txt" --kind record --title 询问笔录

say "4. 事先告知 The notice of the proposed penalty; the party's 5 working days begin"
on 2026-11-03
run case-step "$case" notify --note "已直接送达行政处罚事先告知书"
run deadline-check --party --all

say "5. 规则拒绝 Rules refuse: no decision inside the party's period, nor by an officer"
run decision-issue "$case" --as chengang --outcome 罚款 --fine 60000 \
    --doc "$work/询问笔录.txt" || echo "(refused with exit $?; nothing was recorded)"
run case-new -t penalty --party 某公司 --cause 违法施工 \
    --officer zhangwei --officer sunli || echo "(refused with exit $?: 孙丽's certificate expired)"

say "6. 陈述申辩 The party's statement, then legal review: a 60,000 yuan fine is major"
on 2026-11-05
run case-step "$case" defense --note "当事人提交书面陈述，称正在补办手续"
printf '案件调查终结报告\n……拟处罚款六万元。\n' >"$work/调查终结报告.txt"
printf '行政处罚决定书（代拟稿）\n罚款人民币六万元。\n' >"$work/决定书代拟稿.txt"
on 2026-11-10
run review-submit "$case" --statement "$work/调查终结报告.txt" \
    --draft "$work/决定书代拟稿.txt" --fine 60000
run case-list --awaiting-review

say "7. 法制审核 赵敏 of the legal office approves it; her opinion is stored with the case"
on 2026-11-12
run review-decide "$case" --as zhaomin --approve --all-pass \
    --opinion "事实清楚，证据确凿，程序合法，适用法律正确，同意。"

say "8. 集体讨论 and the decision by the head 陈刚; the party was absent"
on 2026-11-13
run case-step "$case" discuss --as chengang --note "局务会集体讨论"
printf '行政处罚决定书\n罚款人民币六万元。\n' >"$work/决定书.txt"
on 2026-11-16
run decision-issue "$case" --as chengang --outcome "罚款人民币六万元" \
    --fine 60000 --doc "$work/决定书.txt" --party-absent

say "9. 期限 The clocks now running: serve within 7 working days, publish within 7"
run deadline-check --today 2026-11-23

say "10. 调阅 The head reads the inquiry record; the read itself is journaled first"
ev=$(case-show -o json "$case" | sed -n 's/.*"id": "\(E[0-9-]*\)".*/\1/p' | sed -n 2p)
run evidence-get "$ev" --as chengang --reason "审批前复核询问笔录"

say "11. 公示 The head approves the record for release (审核发布); the clerk 刘洋 publishes: a site, the records and a signed log"
on 2026-11-18
run publish-approve --as chengang "$case"
run publish-export --as liuyang --out "$work/gongshi-1.tar.gz"
mkdir -p "$work/www"
bsdtar -xf "$work/gongshi-1.tar.gz" -C "$work/www"
printf 'The public site is in %s/www/data (open index.html); the record:\n' "$work"
grep -o '"CF_\(XDR_MC\|WSH\|NR_FK\|GSJZQ\)":"[^"]*"' "$work/www/data/records.json"
run deadline-check --today 2026-11-23
say "    Anyone checks the bundle, and that the next one extends it"
on 2026-11-19
run publish-export --as liuyang --out "$work/gongshi-2.tar.gz" -q
run publish-verify "$work/gongshi-2.tar.gz" --previous "$work/gongshi-1.tar.gz"

say "12. 案卷 The case file, and every step of it with its hash"
run case-show "$case"
echo
run case-log "$case"

say "13. 核验 Verify everything: chain, Merkle tree, signed checkpoints, objects, replay"
run archive-verify
echo
printf 'The latest signed checkpoint (hand it to the superior agency):\n'
cat "$ZHIFA_ARCHIVE/checkpoint"

say "14. 篡改被发现 Someone edits the recorded source of the case in the database ..."
sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" \
    "UPDATE journal SET body = replace(body, '群众举报', '上级交办') WHERE case_id = '$case'"
run archive-verify || echo "(archive-verify exited $?: the change was caught)"

say "Done. The archive is in $ZHIFA_ARCHIVE; its key is under $HOME/.config/zhifa/keys/"
