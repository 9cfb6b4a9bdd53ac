# fish completion for zhifa's programs: archive-init archive-verify
# archive-backup archive-config person-key case-new case-list case-stats case-audit inspect-draw case-export bundle-import province-load case-show case-log evidence-add evidence-get case-step
# decision-issue decision-revoke decision-correct deadline-check review-submit
# review-decide
# publish-export publish-withdraw publish-verify doc-render.
#
# Options come from each program's usage; case ids from "case-list -q"
# (for review-decide, "case-list -q --awaiting-review"), evidence ids from "case-show -o json" of the latest cases, deadline rules
# from "case-show -o json" of the case, person ids from the people of the
# archive's zhifa.yaml; steps, measures and the like from the procedure
# tables; the verbs of archive-config and person-key.  The archive is the one named by -A/--archive on the line, else
# $ZHIFA_ARCHIVE.
# Installed once, with a link per program name; loading it again is
# harmless.

set -l zhifa_programs archive-init archive-verify archive-backup \
    archive-config person-key case-new \
    case-list case-stats case-audit inspect-draw case-export bundle-import province-load case-show case-log evidence-add evidence-get case-step \
    decision-issue decision-revoke decision-correct deadline-check review-submit \
    review-decide publish-approve \
    publish-export publish-withdraw doc-render

# The value of an option on the line so far: -A DIR, -ADIR, --archive DIR,
# --archive=DIR (give the long name, then the short one if any).
function __zhifa_option_value -a long short
    set -l words (commandline -opc)
    set -l value
    set -l i 2
    while test $i -le (count $words)
        set -l w $words[$i]
        if test "$w" = "$long"; or begin
                test -n "$short"; and test "$w" = "$short"
            end
            set i (math $i + 1)
            test $i -le (count $words); and set value $words[$i]
        else if string match -q -- "$long=*" $w
            set value (string replace -- "$long=" "" $w)
        else if test -n "$short"; and string match -q -- "$short?*" $w
            set value (string sub -s 3 -- $w)
        end
        set i (math $i + 1)
    end
    printf '%s\n' $value
end

function __zhifa_archive
    set -l dir (__zhifa_option_value --archive -A)
    test -n "$dir"; or set dir $ZHIFA_ARCHIVE
    printf '%s\n' $dir
end

# -A and --as as given on the line, for the programs asked for ids.
function __zhifa_context
    set -l dir (__zhifa_archive)
    set -l as (__zhifa_option_value --as)
    test -n "$dir"; and printf '%s\n' -A $dir
    test -n "$as"; and printf '%s\n' --as $as
end

# The ids of the people of zhifa.yaml (only those of role $argv[1], if
# given): the "- id:" items under "people:", not the ids of the deadline
# rules.
function __zhifa_people
    set -l dir (__zhifa_archive)
    test -r "$dir/zhifa.yaml"; or return
    awk -v want="$argv[1]" '
    function flush() {
        if (id != "" && (want == "" || role == want))
            print id
        id = role = ""
    }
    /^[^[:space:]#]/ { flush(); on = /^people:/; next }
    !on { next }
    /^[[:space:]]*-[[:space:]]/ { flush() }
    /^[[:space:]]*(-[[:space:]]*)?id:/ {
        s = $0
        sub(/^[[:space:]]*(-[[:space:]]*)?id:[[:space:]]*["\047]?/, "", s)
        sub(/[^a-z0-9._-].*/, "", s)
        id = s
    }
    /^[[:space:]]*role:/ {
        s = $0
        sub(/^[[:space:]]*role:[[:space:]]*["\047]?/, "", s)
        sub(/[^a-z].*/, "", s)
        role = s
    }
    END { flush() }' "$dir/zhifa.yaml" 2>/dev/null
end

# The case ids, with the filters of case-list given as arguments.
function __zhifa_cases
    case-list (__zhifa_context) -q $argv 2>/dev/null
end

# review-decide --point NAME=pass|fail[:NOTE], with the points' names.
function __zhifa_points
    for p in subject\t执法主体是否合法 officers\t执法人员是否具备执法资格 \
        procedure\t执法程序是否合法 facts\t案件事实是否清楚 \
        evidence\t证据是否合法充分 law\t适用法律、法规、规章是否准确 \
        discretion\t裁量基准运用是否适当 authority\t是否超越法定权限 \
        documents\t执法文书是否完备、规范 \
        transfer\t违法行为是否涉嫌犯罪需要移送
        set -l name (string split -m 1 \t -- $p)
        printf '%s=pass\t%s：通过\n' $name[1] $name[2]
        printf '%s=fail:\t%s：不通过（:NOTE）\n' $name[1] $name[2]
    end
end

# Evidence of the 50 most recent cases: enough for the work at hand
# without reading a whole province's archive at every tab.
function __zhifa_evidence
    set -l ctx (__zhifa_context)
    case-list $ctx -q 2>/dev/null | tail -n 50 |
        case-show $ctx -o json - 2>/dev/null |
        string replace -rf -- '^\s*"id": "(E[0-9][0-9-]*)".*' '$1'
end

# The operands typed so far: words that are not options or their values.
function __zhifa_operand_list
    set -l words (commandline -opc)
    set -e words[1]
    set -l skip 0
    for w in $words
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $w
            case -A -o -t -O --archive --as --person-key --output --config \
                --algo --key --out \
                --checkpoint --kind --party --party-kind --party-id --cause \
                --party-rep --party-address --party-phone \
                --officer --filed --source --field --batch --stage \
                --filed-since --title --recorded-by --recorded-at --device \
                --location --access --secret-kind --name --reason \
                --output-file --at --doc --method --note --approved-by \
                --days --rule --outcome --fine --measure --number --within \
                --replaces --presided-by --confiscated --adviser \
                --adviser-opinion --value --by --year --chart \
                --today --conduct --statement --draft --opinion \
                --opinion-file --point --out --format --as-of --audience \
                --previous --violation --violated --licence-number \
                --licence-category --certificate --valid-from --valid-to
                set skip 1
            case '-?*'
            case '*'
                printf '%s\n' $w
        end
    end
end

# The rules of the running deadlines of the case on the line.
function __zhifa_rules
    set -l case (__zhifa_operand_list)[1]
    test -n "$case"; or return
    case-show (__zhifa_context) -o json $case 2>/dev/null |
        string replace -rf -- '^\s*"rule": "([a-z0-9._-]+)".*' '$1'
end

# True when the operands typed so far (words that are not options or
# option values) number exactly $argv[1].
function __zhifa_operands -a want
    test (count (__zhifa_operand_list)) -eq $want
end

# True when the first operand (the verb of person-key) is one of $argv.
function __zhifa_verb
    set -l ops (__zhifa_operand_list)
    test (count $ops) -ge 1; and contains -- $ops[1] $argv
end

# Common options.
for p in $zhifa_programs
    complete -c $p -e
    complete -c $p -s A -l archive -x -a '(__fish_complete_directories)' -d 'The archive (default $ZHIFA_ARCHIVE)'
    complete -c $p -l as -x -a '(__zhifa_people)' -d 'Act as this person'
    complete -c $p -l person-key -r -F -d 'The acting person\'s private key (default $ZHIFA_PERSON_KEY)'
    complete -c $p -s o -l output -x -a 'text json tsv' -d 'Output format'
    complete -c $p -s q -l quiet -d 'Print only ids, one a line'
    complete -c $p -s h -l help -d 'Print a short usage'
    complete -c $p -l version -d 'Print the version'
end

set -l kinds 'penalty\t行政处罚 compulsion\t行政强制 inspection\t行政检查 levy\t行政征收 licensing\t行政许可 处罚\tpenalty 强制\tcompulsion 检查\tinspection 征收\tlevy 许可\tlicensing'
set -l steps \
    'investigate\t调查取证' 'inspect\t现场检查' 'accept\t受理申请' \
    'supplement\t补正告知' 'preserve\t先行登记保存' \
    'preserve-decide\t登记保存物品处理' 'seize\t查封、扣押' \
    'release\t解除查封、扣押' 'notify\t事先告知' 'urge\t催告' \
    'defense\t陈述申辩' 'waive\t放弃陈述申辩和听证' \
    'hearing-request\t申请听证' 'hearing-notice\t听证通知' 'hearing\t举行听证' \
    'discuss\t集体讨论' 'mark-major\t认定为重大执法决定' 'recuse\t回避' \
    'reassign\t变更执法人员' 'serve\t送达' 'certify\t颁发证件' 'execute\t执行' \
    'announce\t公告限期自行拆除' 'appeal\t当事人申请复议或者提起诉讼' \
    'appeal-end\t复议、诉讼终结' 'urge-enforce\t申请强制执行前催告' \
    'urge-substitute\t代履行前催告' 'court-apply\t申请人民法院强制执行' \
    'court-ruling\t人民法院裁定准予执行' \
    'government-order\t人民政府责成强制拆除' 'close\t结案' 'archive\t归档' \
    'extend\t延期' 'suspend\t中止' 'resume\t恢复' \
    'appraise\t检验、检测、鉴定或专家评审' \
    'appraised\t检验、检测、鉴定或专家评审完成' \
    'transfer-report\t提请移送涉嫌犯罪案件' 'transfer-approve\t批准移送' \
    'transfer-decline\t不予批准移送' 'transfer\t移送司法机关'
set -l measures \
    'warning\t警告' 'criticism\t通报批评' 'fine\t罚款' \
    'confiscate\t没收违法所得、没收非法财物' 'suspend-licence\t暂扣许可证件' \
    'lower-grade\t降低资质等级' 'revoke-licence\t吊销许可证件' \
    'restrict\t限制开展生产经营活动' 'stop-business\t责令停产停业' \
    'close-down\t责令关闭' 'restrict-practice\t限制从业' \
    'stop-construction\t责令停止建设、停止施工' 'correct\t责令限期改正' \
    'demolish\t限期拆除' 'forced-demolition\t强制拆除' 'substitute\t代履行' \
    'seal\t查封场所、设施或者财物' 'grant\t准予行政许可' 'deny\t不予行政许可' \
    'no-penalty\t不予行政处罚' 'levy\t征收' 'transfer\t移送司法机关' \
    'other\t其他'

# archive-init [--config FILE] [--drill] [--algo sha256-ed25519|sm3-sm2]
#     [--key FILE] DIR
complete -c archive-init -f -a '(__fish_complete_directories)' -n '__zhifa_operands 0'
complete -c archive-init -l config -r -F -d 'Write FILE as zhifa.yaml instead of the sample'
complete -c archive-init -l drill -d 'Make a drill of the configuration (always without --config)'
complete -c archive-init -l algo -x -a 'sha256-ed25519\t"SHA-256 and Ed25519 (default)" sm3-sm2\t"SM3 and SM2"' -d 'Algorithm suite'
complete -c archive-init -l key -r -F -d 'Save the private key at FILE'

# archive-verify [--quick] [--checkpoint FILE]
complete -c archive-verify -f
complete -c archive-verify -l quick -d 'Do not re-hash objects; SQLite quick check'
complete -c archive-verify -l checkpoint -r -F -d 'Also check a checkpoint kept elsewhere'

# archive-backup DEST
complete -c archive-backup -f -a '(__fish_complete_directories)' -n '__zhifa_operands 0'

# archive-config status | show | apply
complete -c archive-config -f
complete -c archive-config -n '__zhifa_operands 0' -a 'status\t"Is zhifa.yaml the configuration in force?" show\t"Print the configuration in force" apply\t"The head puts zhifa.yaml in force"'

# person-key new [--out FILE] | register PERSON FILE |
#     revoke PERSON --reason TEXT | list
complete -c person-key -f
complete -c person-key -n '__zhifa_operands 0' -a 'new\t"Make a key pair for the acting person" register\t"The head registers a person\'s key" revoke\t"The head revokes a person\'s key" list\t"Every key registered"'
complete -c person-key -n '__zhifa_operands 1; and __zhifa_verb register revoke' -a '(__zhifa_people)' -d 'Person'
complete -c person-key -n '__zhifa_operands 2; and __zhifa_verb register' -F -d 'Public key file (person-key new)'
complete -c person-key -l out -r -F -d 'With new: write the private key at FILE'
complete -c person-key -l reason -x -d 'With revoke: why the key ends'

# case-new -t KIND --party NAME ... | --batch FILE|-
complete -c case-new -f
complete -c case-new -s t -l kind -x -a "$kinds" -d 'Kind of case'
complete -c case-new -l party -x -d 'The party (当事人)'
complete -c case-new -l party-kind -x -a 'person\t"natural person" org\torganisation business\t"individual business"' -d 'Kind of party'
complete -c case-new -l party-id -x -d 'Identity number or unified social credit code'
complete -c case-new -l party-rep -x -d 'Legal representative or person in charge (法定代表人)'
complete -c case-new -l party-address -x -d 'The party\'s address'
complete -c case-new -l party-phone -x -d 'The party\'s telephone number'
complete -c case-new -l cause -x -d 'The cause (案由)'
complete -c case-new -l officer -x -a '(__zhifa_people)' -d 'An officer handling the case'
complete -c case-new -l filed -x -d 'Filing date YYYY-MM-DD'
complete -c case-new -l source -x -d 'Where the case came from (案件来源)'
complete -c case-new -l field -x -d 'Field of enforcement (执法领域)'
complete -c case-new -l conduct -x -a 'business\t经营性 non-business\t非经营性' -d 'Business conduct or not'
complete -c case-new -l batch -r -F -a '-' -d 'File every case of FILE (TSV or YAML; - for stdin)'

# case-list [--kind K] [--stage S] [--officer P] [--major] [--overdue]
#     [--awaiting-review] [--filed-since DATE]
#     [--ledger [--format csv|xlsx] [-O FILE]]
complete -c case-stats -f
complete -c case-stats -l by -x -a 'kind\t类别 month\t月份 officer\t执法人员 stage\t阶段 measure\t处理决定种类 outcome\t办理结果 review\t法制审核 deadline\t办案期限' -d 'How the cases are grouped'
complete -c case-stats -l annual -d "The year's enforcement data (with --year)"
complete -c case-stats -l reads -d 'Who read which evidence and why'
complete -c case-stats -l imported -d 'The cases other agencies sent, by agency and kind'
complete -c case-stats -l year -x -d 'Only cases filed in this year'
complete -c case-stats -l chart -r -F -d 'Also write an SVG bar chart'
complete -c province-load -r -F -d 'Exchange bundle'
complete -c province-load -l db -x -d 'The database (libpq conninfo)'
complete -c province-load -l trust -r -F -d 'The file of trusted agency keys'
complete -c province-load -l max-entries -x -d 'The most entries a bundle may hold'
complete -c province-load -l max-mib -x -d 'The most MiB a bundle may hold'
complete -c bundle-import -r -F -d 'Exchange bundle (tar or zip)'
complete -c bundle-import -l list -d 'List the cases taken in'
complete -c case-export -f -a '(__zhifa_cases)' -d 'Case'
complete -c case-export -l to -x -d 'The agency the cases are for'
complete -c case-export -l out -r -F -d 'Where the bundle is written'
complete -c case-export -l transfer -d 'A judicial transfer: secret evidence goes too'
complete -c case-export -l format -x -a 'dir tar.gz zip' -d "The bundle's form"
complete -c doc-render -f
complete -c doc-render -n '__zhifa_operands 0' -a '(__zhifa_cases)' -d 'Case'
complete -c doc-render -n '__zhifa_operands 1' -a 'filing inspection inquiry rectify notice hearing-notice review-opinion decision receipt closing' -d 'Document'
complete -c doc-render -l out -r -F -d 'Also write it: .docx, or HTML for .html'
complete -c doc-render -l set -x -d 'An input of the template: NAME=VALUE'
complete -c doc-render -l template -r -F -d 'Use this template'
complete -c doc-render -l list -d 'Name the documents'
complete -c doc-render -l check -x -d 'Find the document of a verification code'
complete -c doc-render -l file -r -F -d 'With --check: whether this file is the document'
complete -c inspect-draw -f
complete -c inspect-draw -l commit -d 'Journal a commitment to the draw'
complete -c inspect-draw -l draw -x -d 'Draw the commitment of this event'
complete -c inspect-draw -l verify -d 'Compute a published draw again'
complete -c inspect-draw -l targets -r -F -d 'The directory of targets (CSV or YAML)'
complete -c inspect-draw -l count -x -d 'How many targets to draw'
complete -c inspect-draw -l inspectors -x -d 'Inspectors for each target, 2 at least'
complete -c inspect-draw -l randomness -x -d 'The public randomness, with the date it is known'
complete -c inspect-draw -l value -x -d 'The randomness, once known'
complete -c inspect-draw -l record -r -F -d 'The published record of a draw'
complete -c inspect-draw -l out -r -F -d 'Write the commitment or the record here'
complete -c case-audit -f -a '(__zhifa_cases)' -d 'Case'
complete -c case-audit -l all -d 'Audit every case'
complete -c case-audit -l quick -d 'Neither verify signatures nor re-hash evidence'

complete -c case-list -f
complete -c case-list -l imported -d 'The cases other agencies sent instead'
complete -c case-list -l disposal-due -d 'The closed files whose retention period has passed'
complete -c case-list -l kind -x -a "$kinds" -d 'Only cases of this kind'
complete -c case-list -l stage -x -a 'filed\t立案 investigating\t调查取证 notified\t已告知 hearing\t听证程序 heard\t已听证 discussed\t已集体讨论 decided\t已决定 served\t已送达 executed\t执行中 suspended\t中止 closed\t结案 archived\t归档 transferred\t移送 revoked\t决定已撤销' -d 'Only cases at this stage'
complete -c case-list -l officer -x -a '(__zhifa_people)' -d 'Only cases this person handles'
complete -c case-list -l major -d 'Only major cases'
complete -c case-list -l overdue -d 'Only cases with an overdue deadline'
complete -c case-list -l awaiting-review -d 'Only cases whose review round awaits a decision'
complete -c case-list -l filed-since -x -d 'Only cases filed on or after DATE'
complete -c case-list -l ledger -d 'Write the enforcement ledger (执法台账) of the cases'
complete -c case-list -l format -x -a 'csv xlsx' -d 'The ledger as CSV or an Excel workbook'
complete -c case-list -s O -l out -r -F -d 'Write the ledger to FILE'

# case-show CASE... / case-log CASE...
for p in case-show case-log
    complete -c $p -f -a '(__zhifa_cases)' -d 'Case'
    complete -c $p -f -a '-' -d 'Case ids from standard input'
end

# evidence-add CASE FILE... [options]
complete -c evidence-add -n '__zhifa_operands 0' -f -a '(__zhifa_cases)' -d 'Case'
complete -c evidence-add -n 'not __zhifa_operands 0' -F
complete -c evidence-add -l kind -x -a 'document photo audio video record other' -d 'What the evidence is'
complete -c evidence-add -l title -x -d 'Title in the case file'
complete -c evidence-add -l stage -x -a "$steps" \
    -d 'Stage at which it was gathered (a step, for its rules)'
complete -c evidence-add -l recorded-by -x -a '(__zhifa_people)' -d 'Who recorded it'
complete -c evidence-add -l recorded-at -x -d 'When it was recorded (RFC 3339)'
complete -c evidence-add -l device -x -d 'The recording device'
complete -c evidence-add -l location -x -d 'Where it was recorded'
complete -c evidence-add -l access -x -a 'public\t"anyone listed" restricted\t"officers, head, reviewers (default)" secret\t"officers and head"' -d 'Who may read it'
complete -c evidence-add -l secret-kind -x -a 'state\t国家秘密 commercial\t商业秘密 privacy\t个人隐私' -d 'The secret it holds'
complete -c evidence-add -l name -x -d 'File name of standard input'

# evidence-get EVIDENCE --reason TEXT [-O FILE]
complete -c evidence-get -f
complete -c evidence-get -n '__zhifa_operands 0' -a '(__zhifa_evidence)' -d 'Evidence'
complete -c evidence-get -l reason -x -d 'Why the evidence is read (journaled)'
complete -c evidence-get -s O -l output-file -r -F -d 'Write the bytes to FILE'

# case-step CASE STEP [--at TIME] [--doc FILE] [--method M] [--note TEXT]
#     [--approved-by HEAD] [--days N] [--rule RULE]
complete -c case-step -f
complete -c case-step -n '__zhifa_operands 0' -a '(__zhifa_cases)' -d 'Case'
complete -c case-step -n '__zhifa_operands 1' -a "$steps"
complete -c case-step -l at -x -d 'When the step was taken (RFC 3339)'
complete -c case-step -l doc -r -F -d 'The step\'s document, stored as evidence'
complete -c case-step -l method -x -a 'direct\t直接送达 residence\t留置送达 post\t邮寄送达 electronic\t电子送达 notice\t公告送达 entrusted\t委托送达' -d 'How the decision was served (serve)'
complete -c case-step -l note -x -d 'A note recorded with the step'
complete -c case-step -l out -r -F -d 'archive: write the transfer package here'
complete -c case-step -l approved-by -x -a '(__zhifa_people head)' -d 'The head who approved it'
complete -c case-step -l officer -x -d 'reassign: who takes the case over'
complete -c case-step -l replaces -x -d 'reassign: who leaves the case'
complete -c case-step -l presided-by -x -d 'hearing: who presided'
complete -c case-step -l days -x -d 'Days an extension adds (extend)'
complete -c case-step -l rule -x -a '(__zhifa_rules)' -d 'Extend only this deadline'

# decision-issue CASE --outcome TEXT --doc FILE [--fine YUAN] [--measure M]...
#     [--confiscated YUAN] [--number DOCNO] [--at TIME] [--party-absent]
#     [--summary] [--violation TEXT] [--violated TEXT] [--licence-number NO]
#     [--licence-category 01..06] [--certificate NAME] [--valid-from DATE]
#     [--valid-to DATE]
complete -c decision-issue -f
complete -c decision-issue -n '__zhifa_operands 0' -a '(__zhifa_cases)' -d 'Case'
complete -c decision-issue -l outcome -x -d 'What was decided'
complete -c decision-issue -l doc -r -F -d 'The decision document'
complete -c decision-issue -l fine -x -d 'The fine, in yuan'
complete -c decision-issue -l measure -x -a "$measures" -d 'A measure the decision takes'
complete -c decision-issue -l number -x -d 'The 文号, instead of the next one'
complete -c decision-issue -l basis -x -d 'The legal basis (处罚依据)'
complete -c decision-issue -l at -x -d 'When the decision was made (RFC 3339)'
complete -c decision-issue -l confiscated -x \
    -d 'The amount confiscated (没收), in yuan'
complete -c decision-issue -l party-absent -d 'The party was absent at the decision'
complete -c decision-issue -l summary \
    -d '简易程序: decided and handed over on the spot'
complete -c decision-issue -l violation -x \
    -d 'A penalty\'s 违法行为类型 (CF_WFXW)'
complete -c decision-issue -l violated -x \
    -d 'The provision violated (CF_SY)'
complete -c decision-issue -l licence-number -x \
    -d 'The 许可编号 (XK_XKBH)'
complete -c decision-issue -l licence-category -x \
    -a '01\t普通 02\t特许 03\t认可 04\t核准 05\t登记 06\t其他' \
    -d 'The 许可类别 (XK_XKLB)'
complete -c decision-issue -l certificate -x \
    -d 'The licence\'s name (XK_XKZS, CF_NR_ZKDX)'
complete -c decision-issue -l valid-from -x \
    -d 'First day of validity, YYYY-MM-DD (XK_YXQZ)'
complete -c decision-issue -l valid-to -x \
    -d 'Last day of validity, YYYY-MM-DD (XK_YXQZI, CF_YXQ)'

# decision-revoke CASE --reason TEXT [--kind revoked|illegal|remade]
complete -c decision-revoke -f
complete -c decision-revoke -n '__zhifa_operands 0' -a '(__zhifa_cases)' -d 'Case'
complete -c decision-revoke -l reason -x -d 'Why the decision is void'
complete -c decision-revoke -l kind -x -a 'revoked\t撤销 illegal\t确认违法 remade\t责令重作' -d 'The kind of revocation'

# publish-approve [CASE...|-]
complete -c publish-approve -f -a '(__zhifa_cases)' -d 'Case'

# decision-correct CASE --field FIELD --value TEXT --reason TEXT
complete -c decision-correct -f
complete -c decision-correct -n '__zhifa_operands 0' -a '(__zhifa_cases)' -d 'Case'
complete -c decision-correct -l field -x -a 'party\t当事人名称 party-id\t证件号码 party-rep\t法定代表人 cause\t违法事实 basis\t依据 number\t文号的格式' -d 'The item to correct'
complete -c decision-correct -l value -x -d 'Its correct value'
complete -c decision-correct -l reason -x -d 'The request that asks for the correction'

# deadline-check [--within DAYS] [--today DATE] [--kind K] [--officer P]
#     [--party] [--all] [--is-workday]
complete -c deadline-check -f
complete -c deadline-check -l within -x -d 'What falls due within DAYS working days'
complete -c deadline-check -l today -x -d 'Count from DATE instead of today'
complete -c deadline-check -l kind -x -a "$kinds" -d 'Only cases of this kind'
complete -c deadline-check -l officer -x -a '(__zhifa_people)' -d 'Only cases this person handles'
complete -c deadline-check -l party -d 'Also the parties\' periods'
complete -c deadline-check -l all -d 'Every running deadline'
complete -c deadline-check -l is-workday -d 'Exit 0 on a working day, 1 on a day off'


# review-submit CASE [--statement FILE] [--draft FILE] [--fine YUAN]
#     [--measure M]... [--confiscated YUAN] [--note TEXT]
complete -c review-submit -f
complete -c review-submit -n '__zhifa_operands 0' -a '(__zhifa_cases)' -d 'Case'
complete -c review-submit -l statement -r -F -d 'The investigation report (案件调查终结报告)'
complete -c review-submit -l draft -r -F -d 'The draft decision (决定书代拟稿)'
complete -c review-submit -l fine -x -d 'The proposed fine, in yuan'
complete -c review-submit -l measure -x -a "$measures" -d 'A measure of the proposed decision'
complete -c review-submit -l confiscated -x \
    -d 'The proposed amount confiscated (没收), in yuan'
complete -c review-submit -l note -x -d 'A note for the reviewer'

# review-decide CASE --approve|--return|--reject --opinion TEXT|--opinion-file
#     FILE [--point NAME=pass|fail[:NOTE]]... [--adviser NAME
#     --adviser-opinion TEXT]
complete -c review-decide -f
complete -c review-decide -n '__zhifa_operands 0' -a '(__zhifa_cases --awaiting-review)' -d 'Case awaiting review'
complete -c review-decide -l approve -d 'Approve the round (同意)'
complete -c review-decide -l return -d 'Return it for changes (建议修改后再次提交)'
complete -c review-decide -l reject -d 'Reject it (不同意)'
complete -c review-decide -l opinion -x -d 'The written opinion (审核意见)'
complete -c review-decide -l opinion-file -r -F -d 'Read the opinion from FILE'
complete -c review-decide -l all-pass -d 'Every review point not named passed'
complete -c review-decide -l point -x -a '(__zhifa_points)' -d 'A review point: NAME=pass|fail[:NOTE]'
complete -c review-decide -l adviser -x \
    -d 'The legal adviser heard (法律顾问、公职律师)'
complete -c review-decide -l adviser-opinion -x \
    -d 'What the legal adviser advised'

# publish-export --out PATH [--format dir|tar.gz|zip] [--as-of DATE]
#     [--audience public|sharing] [--dry-run] [CASE...|-]
complete -c publish-export -f
complete -c publish-export -a '(__zhifa_cases)' -d 'Case'
complete -c publish-export -a '-' -d 'Case ids from standard input'
complete -c publish-export -l out -r -F -d 'Where to write the bundle (must not exist)'
complete -c publish-export -l format -x -a 'dir\tfolder tar.gz\t"gzip-compressed tar" zip\tzip' -d 'The bundle\'s format (default from the name)'
complete -c publish-export -l as-of -x -d 'Judge the expiries on DATE'
complete -c publish-export -l audience -x -a 'public\t"公众: the site, masked (default)" sharing\t"政务共享: the records whole"' -d 'Who the bundle is for'
complete -c publish-export -l dry-run -d 'List the entries due; write nothing'

# publish-withdraw CASE --reason TEXT
complete -c publish-withdraw -f
complete -c publish-withdraw -n '__zhifa_operands 0' -a '(__zhifa_cases)' -d 'Case'
complete -c publish-withdraw -l reason -x -d 'Why the record is withdrawn (published)'

# publish-verify BUNDLE [--previous BUNDLE] [--key VKEY-FILE] [-o text|json] [-q]
# It reads a bundle, not an archive: no -A, no --as.
complete -c publish-verify -e
complete -c publish-verify -n '__zhifa_operands 0' -F -d 'Bundle (folder, .tar.gz or .zip)'
complete -c publish-verify -l previous -r -F -d 'An earlier bundle the log must extend'
complete -c publish-verify -l key -r -F -d 'The agency\'s verifier key'
complete -c publish-verify -s o -l output -x -a 'text json' -d 'Output format'
complete -c publish-verify -s q -l quiet -d 'Print nothing; the exit status tells'
complete -c publish-verify -s h -l help -d 'Print a short usage'
complete -c publish-verify -l version -d 'Print the version'
