#!/bin/sh
# doc-render: every shipped template renders for the walkthrough's case
# (the README's penalty case, here a 12,345.60-yuan fine notified on
# 2026-09-28), and each .docx opens in LibreOffice into a PDF whose text
# holds the party, the 文号 and the dates counted on the official
# calendar; the QR code in it decodes to the verification code, which
# --check finds in the archive.  A missing field is refused naming it; a
# number is never given twice; refusals leave the archive as it was.
. "$(dirname "$0")/lib.sh"

for tool in soffice pdftotext pdftoppm zbarimg; do
	command -v "$tool" >/dev/null 2>&1 ||
	    { echo "$TEST_NAME: FAILED: $tool is not installed" \
	    "(scripts/dev.sh test installs it)" >&2; exit 1; }
done
DOCS="filing inspection inquiry rectify notice hearing-notice review-opinion
decision receipt closing"
set -- $DOCS
plan $((5 * $# + 77))

# The walkthrough's case, with review (12,345.60 yuan to an organisation
# is not major in the sample catalog; the review is asked for anyway).
new_archive
at 2026-09-01
c=$(case-new -t penalty --party 示例建筑工程有限公司 --party-kind org \
    --party-id 91350100M000100Y43 --party-rep 王五 \
    --cause "未取得施工许可证擅自施工（城南安置小区3号楼）" \
    --officer zhangwei --officer lina --source 群众举报 --field 建筑市场 \
    2>/dev/null) || exit 1
printf 'JPEG\n' >"$T/photo.jpg"
evidence-add "$c" "$T/photo.jpg" --kind photo --title 现场照片 \
    >/dev/null 2>&1 || exit 1

# render DOC [--set ...]: renders DOC of $c into $T/DOC.docx; its line of
# output in $T/DOC.line.
render() {
	r_doc=$1
	shift
	doc-render "$c" "$r_doc" --out "$T/$r_doc.docx" "$@" \
	    >"$T/$r_doc.line" 2>"$T/err"
}
FACTS="facts=2026年9月1日，执法人员现场检查发现当事人未取得施工许可证擅自施工。"

check "filing" render filing
check "inspection" render inspection --set time=2026年9月1日9时00分至9时40分 \
    --set place=城南安置小区3号楼 --set present=王五（项目经理） \
    --set findings=该楼已施工至第三层，未取得施工许可证。
check "inquiry" render inquiry --set time=2026年9月2日14时00分 \
    --set place=本局询问室 --set person=王五，项目经理 \
    --set "record=问：是否取得施工许可证？
答：尚未取得。"
check "rectify" render rectify --set violated=《中华人民共和国建筑法》第七条 \
    --set requirement=立即停止施工并办理施工许可 --set by=2026年9月15日

# The notice before its notify step is refused, naming the step.
mark
expect_refused 77 "follows the notify step, which is not recorded" \
    doc-render "$c" notice --set "$FACTS" --set basis=建筑法第六十四条 \
    --set proposal=罚款

at 2026-09-28
case-step "$c" notify >/dev/null 2>&1 || exit 1
# A field missing is refused by name, and nothing is recorded.
mark
expect_refused 65 "needs input.facts" doc-render "$c" notice \
    --set basis=建筑法第六十四条 --set proposal=罚款
expect_refused 64 "takes no 'colour'" doc-render "$c" notice --set "$FACTS" \
    --set basis=建筑法第六十四条 --set proposal=罚款 --set colour=红
expect_refused 64 "inside the archive" doc-render "$c" notice \
    --set "$FACTS" --set basis=建筑法第六十四条 --set proposal=罚款 \
    --out "$ZHIFA_ARCHIVE/n.docx"
check "notice" render notice --set "$FACTS" \
    --set basis=《中华人民共和国建筑法》第六十四条 --set proposal=罚款 \
    --set fine=12345.60

# A party asks for a hearing in a second case: its notice of hearing.
c2=$(case-new -t penalty --party 乙建筑公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 擅自施工 --officer zhangwei \
    --officer lina 2>/dev/null) || exit 1
case-step "$c2" notify >/dev/null 2>&1 &&
    case-step "$c2" hearing-request >/dev/null 2>&1 || exit 1
c_main=$c
c=$c2
check "hearing-notice" render hearing-notice \
    --set when=2026年10月20日9时30分 --set place=本局听证室 \
    --set host=赵敏（法制股） --set clerk=刘洋
c=$c_main

at 2026-10-12
case-step "$c" defense --note 当事人提交书面陈述 >/dev/null 2>&1 || exit 1
printf '调查终结报告\n' >"$T/report.txt"
printf '决定书代拟稿\n' >"$T/draft.txt"
at 2026-10-13
review-submit "$c" --statement "$T/report.txt" --draft "$T/draft.txt" \
    --fine 12345.60 >/dev/null 2>&1 || exit 1
at 2026-10-14
review-decide "$c" --as zhaomin --approve --all-pass \
    --opinion "事实清楚，证据确凿，程序合法，适用法律正确，同意。" \
    >/dev/null 2>&1 || exit 1
check "review-opinion" render review-opinion
at 2026-10-16
decision-issue "$c" --as chengang --outcome "罚款人民币壹万贰仟叁佰肆拾伍元陆角" \
    --fine 12345.60 --doc "$T/draft.txt" \
    --basis "《中华人民共和国建筑法》第六十四条" >/dev/null 2>&1 || exit 1
check "decision" render decision --set "$FACTS"
dnum=$(case-show -o json "$c" | json 'd["decision"]["number"]')
at 2026-10-19
check "receipt" render receipt --set "served=行政处罚决定书 $dnum" \
    --set place=当事人住所 --set method=直接送达
at 2026-11-20
check "closing" render closing --set result=当事人已于2026年10月28日缴清罚款

# Each .docx opens in LibreOffice; the PDF's text holds the party, the
# 文号 where the document has one, and the dates counted.
mkdir -p "$T/pdf" "$T/lo"
HOME=$T/lo soffice --headless --convert-to pdf --outdir "$T/pdf" \
    $(for d in $DOCS; do printf '%s ' "$T/$d.docx"; done) >"$T/lo.out" 2>&1
for d in $DOCS; do
	pdf=$T/pdf/$d.pdf
	if [ -s "$pdf" ]; then ok; else not_ok "$d: no PDF: $(tail -c 300 "$T/lo.out")"; fi
	pdftotext "$pdf" - 2>/dev/null | tr -d ' \n' >"$T/$d.txt"
	party=示例建筑工程有限公司
	[ "$d" = hearing-notice ] && party=乙建筑公司
	expect_in "$T/$d.txt" "$party"
	number=$(cut -f 3 "$T/$d.line")
	[ "$number" = - ] && number=$(cut -f 4 "$T/$d.line")
	expect_in "$T/$d.txt" "$number"
	# The QR code on the last page decodes to the verification code.
	pdftoppm -r 150 -png "$pdf" "$T/page-$d" 2>/dev/null
	code=$(cut -f 2 "$T/$d.line")
	found=$(for p in "$T"/page-"$d"*.png; do zbarimg --raw -q "$p" \
	    2>/dev/null; done | grep -x -- "$code")
	expect_equal "$found" "$code" "$d: the QR code"
	expect_exit 0 doc-render --check "$code" --file "$T/$d.docx"
done

# The dates: the statement and hearing period of a notice served on
# 2026-09-28 ends on 2026-10-10, a make-up Saturday after 国庆 (5 working
# days); the fine in capitals.
expect_in "$T/notice.txt" "请于2026年10月10日前提出陈述申辩或听证申请"
expect_in "$T/notice.txt" "壹万贰仟叁佰肆拾伍元陆角整"
expect_in "$T/notice.txt" "12345.60元"
expect_in "$T/notice.txt" "2026年9月28日"
expect_in "$T/decision.txt" "壹万贰仟叁佰肆拾伍元陆角整"
expect_in "$T/decision.txt" "示例县人民政府"
expect_in "$T/review-opinion.txt" "事实清楚，证据确凿"
expect_in "$T/filing.txt" "示建执-2020-001"
expect_in "$T/notice.txt" "现场照片"
expect_not_in "$T/notice.txt" "立案审批表"

# Numbers: the notice again (a correction) keeps its number; a second
# case's notice gets the next; no two documents share one.
n1=$(cut -f 3 "$T/notice.line")
expect_equal "$n1" "示建罚告〔2026〕1号" "the first notice's number"
at 2026-10-20
doc-render "$c" notice --set "$FACTS" --set basis=建筑法第六十四条 \
    --set proposal=罚款 >"$T/again" 2>/dev/null
expect_equal "$(cut -f 3 "$T/again")" "$n1" "a notice made again keeps its number"
doc-render "$c2" notice --set "$FACTS" --set basis=建筑法第六十四条 \
    --set proposal=罚款 >"$T/other" 2>/dev/null
expect_equal "$(cut -f 3 "$T/other")" "示建罚告〔2026〕2号" "the next case's notice"
# (The 立案审批表 and the 结案审批表 carry the case number: not theirs.)
dup=$(sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" "SELECT count(*) FROM (SELECT number
    FROM documents WHERE n IS NOT NULL GROUP BY number
    HAVING count(DISTINCT case_id || type) > 1)")
expect_equal "$dup" 0 "documents sharing a number"
expect_equal "$(cut -f 3 "$T/decision.line")" "$dnum" "the decision's 文号"

# The verification code: found, checked against the journal, and a
# changed file is not the document.
code=$(cut -f 2 "$T/notice.line")
expect_exit 0 doc-render --check "$(echo "$code" | tr -d - | tr A-Z a-z)"
expect_in "$T/out" "示建罚告〔2026〕1号"
cp "$T/notice.docx" "$T/changed.docx"
printf 'x' >>"$T/changed.docx"
expect_fail 1 "is not the document recorded" doc-render --check "$code" \
    --file "$T/changed.docx"
expect_fail 66 "no document of this archive has" doc-render --check \
    AAAA-AAAA-AAAA-AAAA

# The stored evidence is the .docx written out.
ev=$(cut -f 1 "$T/notice.line")
evidence-get "$ev" --reason 核对文书 -O "$T/stored.docx" >/dev/null 2>&1
check "the stored document is the one written" cmp -s "$T/stored.docx" \
    "$T/notice.docx"

# A bureau's own template: a field it names that no record gives.
lic=$(case-new -t licensing --party 丙 --party-kind person --cause 申请 \
    --officer zhangwei --officer lina 2>/dev/null) || exit 1
mkdir -p "$T/tpl"
printf '@title 测试文书\ntitle 测试文书\npara {party.name}{party.nickname}\n' \
    >"$T/tpl/filing.tpl"
mark
ZHIFA_TEMPLATES=$T/tpl expect_refused 65 "needs party.nickname" \
    doc-render "$c" filing
expect_refused 64 "no document 'nosuch'" doc-render "$c" nosuch
expect_refused 77 "is not made in a case of kind" doc-render "$lic" notice

# Where the copy goes is checked before anything is recorded; a pipe or
# a device is written, never replaced.
mark
expect_refused 64 "is a folder" doc-render "$c" filing --out "$T/tpl"
expect_refused 73 "cannot write" doc-render "$c" filing \
    --out "$T/no/such/x.docx"
mkfifo "$T/fifo"
cat "$T/fifo" >"$T/from-fifo" &
expect_exit 0 doc-render "$c" filing --out "$T/fifo"
wait
check "the pipe is still a pipe" test -p "$T/fifo"
check "what came through the pipe is a .docx" python3 -m zipfile -t \
    "$T/from-fifo"

# A template is checked whole when read: fields, filters, steps, inputs.
printf '@title 测试\npara {party.name|bogus}\n' >"$T/tpl/filing.tpl"
mark
ZHIFA_TEMPLATES=$T/tpl expect_refused 65 "unknown filter" doc-render "$c" \
    filing
printf '@title 测试\n@input fine 罚款\nif input.fnie para {input.fine}\n' \
    >"$T/tpl/filing.tpl"
ZHIFA_TEMPLATES=$T/tpl expect_refused 65 "no such field 'input.fnie'" \
    doc-render "$c" filing --set fine=1
printf '@title 测试\n@after nosuchstep\npara x\n' >"$T/tpl/filing.tpl"
ZHIFA_TEMPLATES=$T/tpl expect_refused 65 "@after names no step" \
    doc-render "$c" filing
ZHIFA_TEMPLATES=$T/tpl/filing.tpl expect_refused 78 "is not a folder" \
    doc-render "$c" filing

# A notice made again replaces the first: --check says so.
expect_exit 0 doc-render --check "$code"
expect_in "$T/out" "已被同一案件的同类文书取代"

check "archive-verify" archive-verify
finish
