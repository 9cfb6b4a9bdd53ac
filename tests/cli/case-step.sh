#!/bin/sh
# case-step: the procedure of each kind as a table — allowed steps move
# the stage, refused ones name what is allowed and change nothing.
. "$(dirname "$0")/lib.sh"
plan 102


at 2026-11-02
new_archive_without_review
printf '询问笔录\n' >"$T/record.txt"
p=$(new_case)

expect_equal "$(stage "$p")" filed "a new case is filed"
expect_exit 0 case-step "$p" investigate --note 现场勘验 --doc "$T/record.txt"
expect_equal "$(cat "$T/out")" "$p" "prints the case id"
expect_equal "$(stage "$p")" investigating "investigating"
case-show -o json "$p" >"$T/show"
expect_in "$T/show" '"step": "investigate"'
expect_in "$T/show" '"doc": "E2026-00001"'
expect_in "$T/show" '"title": "record.txt"'
expect_exit 0 case-log "$p"
expect_in "$T/out" "case.step"

# Refusals: a step of another kind, out of order, by the wrong person,
# with bad details; none of them writes anything.
mark
expect_exit 77 case-step "$p" serve --method direct
expect_in "$T/err" "serve (送达) is not allowed"
expect_in "$T/err" "allowed now: investigate (调查取证)"
expect_exit 77 case-step "$p" seize
expect_in "$T/err" "seize (查封、扣押) is not allowed"
expect_exit 77 case-step "$p" archive
expect_exit 77 case-step "$p" notify --as wangqiang
expect_in "$T/err" "only its officers or the head"
expect_exit 77 case-step "$p" notify --as liuyang
expect_exit 77 case-step "$p" transfer
expect_in "$T/err" "approval"
expect_exit 77 case-step "$p" transfer --approved-by lina
expect_in "$T/err" "not the head"
expect_exit 64 case-step "$p" extend --approved-by chengang
expect_exit 64 case-step "$p" notify --days 3
expect_exit 64 case-step "$p" notify --method post
expect_exit 64 case-step "$p" decide
expect_in "$T/err" "decision-issue"
expect_exit 64 case-step "$p" notify --at yesterday
expect_exit 65 case-step "$p" notify --at 2026-12-25T10:00:00+08:00
expect_in "$T/err" "future"
expect_exit 65 case-step "$p" notify --at 2026-10-01T10:00:00+08:00
expect_in "$T/err" "before the case was filed"
expect_exit 65 case-step "$p" notify --note "$(printf 'a\001b')"
expect_exit 66 case-step C2026-0404 notify
expect_exit 66 case-step "$p" notify --doc "$T/nothing.pdf"
expect_exit 65 case-step "$p" extend --days 10 --rule no-such-rule --as chengang
unchanged "refused steps leave the archive as it was"

# A penalty case all the way, with a hearing.
at 2026-11-03
expect_exit 0 case-step "$p" notify --doc "$T/record.txt"
expect_exit 0 case-step "$p" hearing-request --note 当事人申请听证
expect_equal "$(stage "$p")" hearing "hearing"
mark
expect_exit 77 decision-issue "$p" --as chengang --outcome 罚款 \
    --doc "$T/record.txt"
unchanged "no decision while a hearing is pending"
expect_exit 0 case-step "$p" hearing-notice
# The hearing comes at least 7 working days after its notice
# (行政处罚法第六十四条第二项): not the same day.
mark
expect_fail 77 "hearing cannot be taken before the party's period ends: 听证通知至举行听证（至少七个工作日） runs until 2026-11-12 (行政处罚法第六十四条第二项、第八十五条)" \
    case-step "$p" hearing --doc "$T/record.txt" --presided-by zhaomin
unchanged "a hearing held the day it is noticed"
at 2026-11-13
# Presided by someone who did not investigate (第六十四条第四项), with its
# written record, 听证笔录 (第六十四条第八项).
mark
expect_fail 64 "hearing needs --presided-by PERSON" \
    case-step "$p" hearing --doc "$T/record.txt"
expect_fail 77 "'zhangwei' (张伟) investigated $p and may not preside over its hearing (行政处罚法第六十四条第四项)" \
    case-step "$p" hearing --doc "$T/record.txt" --presided-by zhangwei
expect_fail 77 "hearing (举行听证) needs its written record (笔录, 行政处罚法第六十四条第八项)" \
    case-step "$p" hearing --presided-by zhaomin
unchanged "a hearing without a lawful presiding person or record"
expect_exit 0 case-step "$p" hearing --doc "$T/record.txt" \
    --presided-by zhaomin
expect_exit 0 case-step "$p" discuss --as chengang
expect_exit 0 decision-issue "$p" --as chengang --outcome "罚款五万元" \
    --fine 50000 --measure stop-construction --doc "$T/record.txt"
expect_equal "$(stage "$p")" decided "decided"
expect_exit 65 case-step "$p" serve --method fax
expect_exit 0 case-step "$p" serve --method direct
expect_exit 0 case-step "$p" execute --note 已缴纳罚款
# Not closed while the decision waits for its publication.
mark
expect_fail 77 "close cannot be taken while this is still to be done: 公示行政处罚、行政许可决定" \
    case-step "$p" close
unchanged "closing a case whose decision is not yet published"
expect_exit 0 publish-export --as liuyang --out "$T/site"
expect_exit 0 case-step "$p" close
expect_exit 0 case-step "$p" archive
expect_equal "$(stage "$p")" archived "archived"
mark
expect_exit 77 case-step "$p" notify
expect_in "$T/err" "allowed now: none"
unchanged "nothing after archiving"

# Other kinds have their own steps.
c=$(case-new -t compulsion --party 某公司 --cause 违法建设 --officer zhangwei \
    --officer lina)
mark
expect_exit 77 case-step "$c" seize --doc "$T/record.txt"
expect_in "$T/err" "approval"
expect_exit 77 case-step "$c" seize --doc "$T/record.txt" \
    --approved-by chengang
expect_in "$T/err" "kind video"
expect_in "$T/err" "行政强制法第十八条"
expect_exit 77 case-step "$c" seize --as chengang
expect_in "$T/err" "kind record"
unchanged "a seizure without approval, record or video"
evidence-add "$c" "$T/record.txt" --kind video --stage seize >/dev/null
expect_exit 0 case-step "$c" seize --doc "$T/record.txt" \
    --approved-by chengang
expect_exit 0 deadline-check --all -q
expect_in "$T/out" "$c"
expect_exit 77 decision-issue "$c" --as chengang --outcome 强制拆除 \
    --measure forced-demolition --doc "$T/record.txt"
expect_in "$T/err" "催告"
expect_exit 0 case-step "$c" urge
expect_exit 0 case-step "$c" release
l=$(case-new -t licensing --party 某开发公司 --cause 申请施工许可 --officer lina \
    --officer wangqiang --as lina)
expect_exit 0 case-step "$l" supplement --as wangqiang
expect_exit 0 case-step "$l" accept --as lina
expect_exit 77 case-step "$l" supplement --as wangqiang
expect_exit 77 case-step "$l" preserve --as lina
i=$(case-new -t inspection --party 某物业公司 --cause 双随机检查 \
    --officer zhangwei --officer wangqiang)
expect_exit 0 case-step "$i" inspect
mark
expect_exit 77 case-step "$i" transfer --as chengang --note 涉嫌犯罪
expect_in "$T/err" "transfer-approve"
expect_in "$T/err" "移送涉嫌犯罪案件的规定第五条"
unchanged "no transfer before the head approves it"
expect_exit 0 case-step "$i" transfer-report --note 涉嫌犯罪，提请移送
expect_exit 0 case-step "$i" transfer-approve --as chengang
expect_exit 0 case-step "$i" transfer --as chengang --note 涉嫌犯罪
expect_equal "$(stage "$i")" transferred "transferred"
expect_exit 0 case-step "$i" archive

# The head approves an extension taken by an officer; the approval is kept.
expect_exit 0 case-step "$l" extend --days 10 --rule licensing-decide \
    --approved-by chengang --as lina
case-show -o json "$l" >"$T/show"
expect_in "$T/show" '"approved_by": "chengang"'

expect_exit 0 archive-verify
finish
