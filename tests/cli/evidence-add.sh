#!/bin/sh
# evidence-add: storing files by digest, read-only and once, and the refusals that change nothing.
. "$(dirname "$0")/lib.sh"
plan $((85 + $(have python3)))	# python3 reads three fields, grep two

sha() {
	sha256sum <"$1" | cut -c1-64
}

# The object path for a digest, relative to the archive.
object_path() {
	printf 'objects/sha256/%s/%s\n' "$(printf %s "$1" | cut -c1-2)" \
	    "$(printf %s "$1" | cut -c3-)"
}

# check_line FILE N ID PATH: line N of FILE is ID<TAB>sha256(PATH)<TAB>PATH.
check_line() {
	expect_equal "$(sed -n "$2p" "$1")" \
	    "$(printf '%s\t%s\t%s' "$3" "$(sha "$4")" "$4")" "line $2 of $1"
}

# check_object DIGEST SIZE: the object is stored, 0440, with those bytes.
check_object() {
	p=$ZHIFA_ARCHIVE/$(object_path "$1")
	if [ -f "$p" ]; then ok; else not_ok "no object file $p"; fi
	expect_equal "$(stat -c %a "$p" 2>/dev/null)" 440 "mode of $p"
	expect_equal "$(sha256sum <"$p" 2>/dev/null | cut -c1-64)" "$1" \
	    "digest of the bytes in $p"
	expect_equal "$(stat -c %s "$p" 2>/dev/null)" "$2" "size of $p"
}

count_objects() {
	find "$ZHIFA_ARCHIVE/objects" -type f | wc -l
}

new_archive
c=$(new_case)
head -c 300000 /dev/urandom >"$T/site.jpg"
printf '%%PDF-1.4\n责令改正通知书\n' >"$T/notice.pdf"
printf '现场照片二\n' >"$T/photo2.jpg"
printf '询问笔录\n' >"$T/record.txt"
cd "$T" || exit 1

# A photo.
objects=$(count_objects)
expect_exit 0 evidence-add "$c" site.jpg --kind photo --title 现场照片 \
    --recorded-by zhangwei --recorded-at 2026-11-19T15:30:00+08:00 \
    --device 执法记录仪-07 --location 某路12号工地
expect_equal "$(wc -l <"$T/out")" 1 "one line per file"
check_line "$T/out" 1 E2026-00001 site.jpg
check_object "$(sha site.jpg)" "$(stat -c %s site.jpg)"
expect_equal "$(count_objects)" $((objects + 1)) "one object more"

# A document given by path (the line names the file as given).
expect_exit 0 evidence-add "$c" "$T/notice.pdf" --kind document
check_line "$T/out" 1 E2026-00002 "$T/notice.pdf"
check_object "$(sha notice.pdf)" "$(stat -c %s notice.pdf)"

# Two files at once, in order.
expect_exit 0 evidence-add "$c" photo2.jpg record.txt --kind record
expect_equal "$(wc -l <"$T/out")" 2 "two lines for two files"
check_line "$T/out" 1 E2026-00003 photo2.jpg
check_line "$T/out" 2 E2026-00004 record.txt
check_object "$(sha photo2.jpg)" "$(stat -c %s photo2.jpg)"
check_object "$(sha record.txt)" "$(stat -c %s record.txt)"

# Standard input, named with --name.
printf '勘验笔录（扫描件）\n' >"$T/scan.pdf"
expect_exit 0 evidence-add "$c" - --name 勘验笔录.pdf <"$T/scan.pdf"
expect_equal "$(cut -f1 "$T/out")" E2026-00005 "stdin evidence id"
expect_equal "$(cut -f2 "$T/out")" "$(sha scan.pdf)" "stdin digest"
check_object "$(sha scan.pdf)" "$(stat -c %s scan.pdf)"

case-show -o json "$c" >"$T/show"
if command -v python3 >/dev/null 2>&1; then
	python3 - "$T/show" >"$T/ev" <<'PY'
import json, sys
for e in json.load(open(sys.argv[1]))["evidence"]:
    print("\t".join(str(e.get(k)) for k in
          ("id", "kind", "title", "size", "recorded_by", "recorded_at")))
PY
	expect_equal "$(sed -n 1p "$T/ev")" "$(printf 'E2026-00001\tphoto\t现场照片\t300000\tzhangwei\t2026-11-19T15:30:00+08:00')" \
	    "the photo's record"
	expect_equal "$(sed -n 5p "$T/ev" | cut -f1,3)" "$(printf 'E2026-00005\t勘验笔录.pdf')" \
	    "stdin evidence titled by --name"
	expect_equal "$(wc -l <"$T/ev")" 5 "five pieces of evidence"
else
	expect_in "$T/show" '"title": "现场照片"'
	expect_in "$T/show" '"title": "勘验笔录.pdf"'
fi

# The same content again: a new record, but one stored object.
objects=$(count_objects)
cp site.jpg same.jpg
expect_exit 0 evidence-add "$c" same.jpg
check_line "$T/out" 1 E2026-00006 same.jpg
expect_equal "$(count_objects)" "$objects" "same content stored once"
expect_equal "$(sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" \
    "select count(*) from evidence where digest='$(sha site.jpg)'")" 2 \
    "two records point to one object"
# Twice in one command.
expect_exit 0 evidence-add "$c" same.jpg site.jpg
expect_equal "$(cut -f2 "$T/out" | sort -u | wc -l)" 1 "one digest"
expect_equal "$(count_objects)" "$objects" "still stored once"

# A clerk adds evidence on behalf of the officers.
expect_exit 0 evidence-add "$c" record.txt --as liuyang
expect_equal "$(cut -f1 "$T/out")" E2026-00009 "clerk's evidence"

# Refusals leave the archive untouched.
mark
expect_exit 66 evidence-add "$c" missing.jpg
expect_in "$T/err" "evidence-add: "
expect_in "$T/err" "missing.jpg"
unchanged "missing file"
printf '新材料\n' >"$T/fresh.txt"
expect_exit 66 evidence-add "$c" fresh.txt missing.jpg
unchanged "a good file with a missing one"
mark
expect_refused 66 C2026-0099 evidence-add C2026-0099 site.jpg
expect_refused 65 hologram evidence-add "$c" fresh.txt --kind hologram
expect_refused 65 everyone evidence-add "$c" fresh.txt --access everyone
expect_refused 65 "RFC 3339" \
    evidence-add "$c" fresh.txt --recorded-at "2026-11-19 15:30"
expect_refused 64 "" evidence-add "$c" fresh.txt --recorded-at 2026-11-19
expect_refused 77 wangqiang evidence-add "$c" fresh.txt --as wangqiang
expect_refused 77 zhaomin evidence-add "$c" fresh.txt --as zhaomin
expect_refused 77 "" evidence-add "$c" fresh.txt --as nobody
expect_refused 65 public \
    evidence-add "$c" fresh.txt --access public --secret-kind privacy
expect_refused 65 "" evidence-add "$c" fresh.txt --secret-kind gossip
expect_refused 64 "" evidence-add "$c"
expect_refused 64 "" evidence-add "$c" - - <"$T/fresh.txt"

# An officer whose certificate expired cannot add to a case filed in 2025.
old=$(ZHIFA_NOW=2025-06-01T10:00:00+08:00 case-new --as liuyang -t inspection --party 某物业公司 --cause 检查 \
    --officer sunli --officer zhangwei --filed 2025-06-01)
mark
expect_refused 77 certificate evidence-add "$old" fresh.txt --as sunli

expect_exit 0 archive-verify
finish
