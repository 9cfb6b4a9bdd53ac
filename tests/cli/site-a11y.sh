#!/bin/sh
# site-a11y: the sample public site (t-site --write) in Debian's headless
# Chromium: axe-core finds no serious or critical violation on the index,
# its second page, the standing information and a decision, each with its
# elder copy, and Chinese is drawn with a CJK font (tests/a11y/check.mjs);
# nor on publish-export's pages, the annual data and the 双随机 draws too.
# The check is shown to fail on a page with serious violations and when
# fontconfig offers no CJK font.  Without the browser, the font or the
# npm packages the test fails: scripts/dev.sh test installs them.
. "$(dirname "$0")/lib.sh"

a11y=$ZHIFA_SRC/tests/a11y
browser=${CHROMIUM:-/usr/bin/chromium}
missing=""
command -v node >/dev/null 2>&1 || missing="$missing node (apt nodejs)"
[ -x "$browser" ] || missing="$missing $browser (apt chromium)"
fc-list ':lang=zh' 2>/dev/null | grep -q . ||
    missing="$missing a CJK font (apt fonts-noto-cjk)"
for m in axe-core playwright-core; do
	[ -f "$a11y/node_modules/$m/package.json" ] ||
	    missing="$missing tests/a11y/node_modules/$m (npm ci)"
done
if [ -n "$missing" ]; then
	printf 'site-a11y: FAILED: cannot run the browser check, missing:%s; %s\n' \
	    "$missing" "run 'sh scripts/dev.sh test' once, or install them" >&2
	exit 1
fi
plan 43	# 16 of them the screenshots of 8 pages

expect_exit 0 "$ZHIFA_BIN/t-site" --write "$T/site"
check "sample site written" test -f "$T/site/list/2.html"
check "sample decision written" test -f "$T/site/elder/decisions/C2026-00001.html"

start=$(date +%s)
node "$a11y/check.mjs" --shots "$T/shots" "$T/site" >"$T/a11y.out" 2>&1
status=$?
echo "site-a11y: check.mjs took $(($(date +%s) - start)) s" >&2
if [ "$status" -eq 0 ]; then ok; else
	not_ok "check.mjs exited $status: $(tail -c 3000 "$T/a11y.out")"
fi
expect_in "$T/a11y.out" "check.mjs: 8 passed, 0 failed"
expect_in "$T/a11y.out" "elder/standing.html: axe 0 violations"
expect_in "$T/a11y.out" "decisions/C2026-00001.html: axe "
expect_in "$T/a11y.out" "fonts: Noto Sans CJK SC"
grep -E '\(0 serious or critical\)' "$T/a11y.out" >"$T/clean"
expect_equal "$(wc -l <"$T/clean")" 8 "pages without serious violations"
is_png() {
	[ "$(head -c 4 "$1" | tail -c 3)" = PNG ]
}
for p in index elder_index list_2 elder_list_2 standing elder_standing \
    decisions_C2026-00001 elder_decisions_C2026-00001; do
	check "screenshot $p.png" is_png "$T/shots/$p.png"
	check "phone screenshot $p" is_png "$T/shots/$p-phone.png"
done

# A withdrawal notice (行政处罚法第四十八条) is as accessible.
check "withdrawal notice written" grep -qF 撤回公示说明 \
    "$T/site/decisions/C2026-00003.html"
node "$a11y/check.mjs" "$T/site" decisions/C2026-00003.html \
    elder/decisions/C2026-00003.html >"$T/notice.out" 2>&1
expect_in "$T/notice.out" "check.mjs: 2 passed, 0 failed"

# The index by 文号 counts: 〔2026〕6号 before 〔2026〕11号.
check "the 文号 index in number order" python3 -c '
import sys
t = open(sys.argv[1]).read()
a, b = t.find("青建罚〔2026〕6号"), t.find("青建罚〔2026〕11号")
sys.exit(not (0 <= a < b))' "$T/site/search/number-1.html"

# The search page, with its script on, and an index, as accessible.
node "$a11y/check.mjs" "$T/site" search.html elder/search.html \
    search/party-1.html elder/search/number-1.html >"$T/search.out" 2>&1
expect_in "$T/search.out" "check.mjs: 4 passed, 0 failed"

# The check fails on serious violations: an image without a text
# alternative, pale text, a form field without a label.
mkdir -p "$T/bad"
cp "$T/site/style.css" "$T/bad/"
sed 's|<main id="main" tabindex="-1">|&<img src="seal.png"><p style="color:#c8c8c8">浅色文字</p><input type="text">|' \
    "$T/site/index.html" >"$T/bad/index.html"
expect_exit 1 node "$a11y/check.mjs" "$T/bad" index.html
cat "$T/out" >>"$T/err"
expect_in "$T/err" "axe critical image-alt"
expect_in "$T/err" "axe serious color-contrast"
expect_in "$T/err" "problems in $T/bad"

# The font check fails when fontconfig knows no CJK font.
mkdir -p "$T/fc"
cat >"$T/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <cachedir>$T/fc</cachedir>
</fontconfig>
EOF
expect_exit 1 env FONTCONFIG_FILE="$T/fonts.conf" node "$a11y/check.mjs" \
    "$T/site" index.html
expect_in "$T/err" "glyphs from a CJK font"
expect_in "$T/err" "drawn as empty or as the missing-glyph box: no CJK font"

# The site publish-export writes from a real archive: a penalty on a
# natural person and a licence, published as a .tar.gz and unpacked as a
# web server would serve it.
at 2026-11-02
new_archive_without_review
printf '决定书\n' >"$T/d.txt"
pen=$(case-new -t penalty --party 张三 --party-kind person \
    --party-id 11010519491231002X --party-phone 13812345678 \
    --party-address 浙江省示例县城关镇人民路18号 --cause 未取得施工许可证擅自施工 \
    --officer zhangwei --officer lina 2>/dev/null)
lic=$(case-new -t licensing --party 示例建设有限公司 --party-kind org \
    --party-id 91350100M000100Y43 --cause 申请建筑工程施工许可 \
    --officer zhangwei --officer lina 2>/dev/null)
case-step "$pen" notify >/dev/null
at 2026-11-18
decision-issue "$pen" --as chengang --doc "$T/d.txt" --outcome 罚款五千元 \
    --fine 5000 --basis 《中华人民共和国建筑法》第六十四条 >/dev/null
decision-issue "$lic" --as chengang --doc "$T/d.txt" --outcome 准予施工许可 \
    --measure grant >/dev/null
draw_targets "$T/targets.csv"
dseq=$(inspect-draw --as liuyang --commit --targets "$T/targets.csv" \
    --count 2 --randomness "双色球 2026-11-19 开奖号码" 2>/dev/null | cut -f 1)
expect_exit 0 publish-export --as liuyang --out "$T/real.tar.gz"
mkdir "$T/www"
bsdtar -xf "$T/real.tar.gz" -C "$T/www"
node "$a11y/check.mjs" --shots "$T/shots-real" "$T/www/data" index.html \
    standing.html "decisions/$pen.html" "decisions/$lic.html" \
    elder/index.html "elder/decisions/$pen.html" >"$T/real.out" 2>&1
status=$?
if [ "$status" -eq 0 ]; then ok; else
	not_ok "check.mjs on publish-export's site exited $status: $(tail -c 3000 "$T/real.out")"
fi
grep -E '\(0 serious or critical\)' "$T/real.out" >"$T/clean"
expect_equal "$(wc -l <"$T/clean")" 6 "publish-export's pages without serious violations"
expect_in "$T/real.out" "fonts: Noto Sans CJK SC"

# In January: the year's enforcement data and the 双随机 draw, drawn.
at 2027-01-11
inspect-draw --as liuyang --draw "$dseq" --value "03 07 11 19 24 30 + 12" \
    >/dev/null 2>&1
expect_exit 0 publish-export --as liuyang --out "$T/www2"
node "$a11y/check.mjs" "$T/www2/data" annual-2026.html draws.html \
    elder/annual-2026.html elder/draws.html >"$T/annual.out" 2>&1
expect_in "$T/annual.out" "check.mjs: 4 passed, 0 failed"
grep -E '\(0 serious or critical\)' "$T/annual.out" >"$T/clean"
expect_equal "$(wc -l <"$T/clean")" 4 "the annual and draws pages without serious violations"

finish
