#!/bin/sh
# A walk through zhifa with the sample agency: a fresh archive, a
# penalty case filed and evidenced, a supervised read, the case file,
# a refusal, and proof that the record is intact — and that a change to
# it is caught.  Usage: demo.sh [BUILD-DIR]
set -eu

bin=$(cd "${1:-build}" && pwd)
PATH=$bin:$PATH
work=$(mktemp -d "${TMPDIR:-/tmp}/zhifa-demo.XXXXXX")
export HOME="$work/home" ZHIFA_ARCHIVE="$work/archive"
mkdir -p "$HOME"

say() {
	printf '\n\033[1m== %s\033[0m\n' "$*" 2>/dev/null || printf '\n== %s\n' "$*"
}
run() {
	printf '$ %s\n' "$*"
	"$@"
}

say "1. 建立档案 Create the archive (示例县住房和城乡建设局, the sample agency)"
run archive-init "$ZHIFA_ARCHIVE"

say "2. 执法人员张伟立案 Officer 张伟 files a penalty case with 李娜"
export ZHIFA_ACTOR=zhangwei
case=$(case-new -t penalty --party 示例建筑工程有限公司 --party-kind org \
    --party-id 91350100M000100Y43 \
    --cause "未取得施工许可证擅自施工（城南安置小区3号楼）" \
    --officer zhangwei --officer lina --source 群众举报 --field 建筑市场)
echo "$case"

say "3. 登记证据 Evidence: a site photo and an inquiry record, hashed and stored"
printf 'JPEG photo of the site, taken 2026-11-20 09:40\n' >"$work/现场照片1.jpg"
printf '询问笔录\n被询问人：王某，项目经理\n问：是否取得施工许可证？\n答：尚未取得。\n' \
    >"$work/询问笔录.txt"
run evidence-add "$case" "$work/现场照片1.jpg" --kind photo --title 现场照片 \
    --recorded-by zhangwei --recorded-at 2026-11-20T09:40:00+08:00 \
    --location 城南安置小区3号楼
run evidence-add "$case" "$work/询问笔录.txt" --kind record --title 询问笔录

say "4. 内勤批量立案 The clerk 刘洋 files two more cases from a table"
printf 'kind\tparty\tcause\tofficer\n' >"$work/cases.tsv"
printf 'penalty\t某物业服务公司\t未按规定公示收费项目\twangqiang,zhangwei\n' >>"$work/cases.tsv"
printf 'inspection\t某房地产开发公司\t商品房预售资金监管检查\tlina,wangqiang\n' >>"$work/cases.tsv"
run case-new --as liuyang --batch "$work/cases.tsv"

say "5. 案件列表 The case list"
run case-list

say "6. 规则拒绝 A rule refuses: 孙丽's enforcement certificate expired on 2025-12-31"
run case-new -t penalty --party 某公司 --cause 违法施工 \
    --officer zhangwei --officer sunli || echo "(refused with exit $?; nothing was recorded)"

say "7. 调阅 Head 陈刚 reads the inquiry record; the read itself is journaled first"
ev=$(case-show -o json "$case" | sed -n 's/.*"id": "\(E[0-9-]*\)".*/\1/p' | tail -1)
run evidence-get "$ev" --as chengang --reason "审批前复核询问笔录"

say "8. 案卷 The case file, and every step of it with its hash"
run case-show "$case"
echo
run case-log "$case"

say "9. 核验 Verify everything: chain, Merkle tree, signed checkpoints, objects, replay"
run archive-verify
echo
printf 'The latest signed checkpoint (hand it to the superior agency):\n'
cat "$ZHIFA_ARCHIVE/checkpoint"

say "10. 篡改被发现 Someone edits the recorded cause in the database ..."
sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" \
    "UPDATE journal SET body = replace(body, '群众举报', '上级交办') WHERE case_id = '$case'"
run archive-verify || echo "(archive-verify exited $?: the change was caught)"

say "Done. The archive is in $ZHIFA_ARCHIVE; its key is under $HOME/.config/zhifa/keys/"
