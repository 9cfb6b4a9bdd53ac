#!/bin/sh
# The message catalogues' upkeep (gettext):
#   po/update.sh         makes po/zhifa.pot from the sources and merges it
#                        into each po/LANG.po, marking what changed fuzzy
#   po/update.sh POT     only writes the template to POT (the test's use)
# The message functions translate their format themselves; xgettext
# knows them by name and by which argument is the message.
set -eu
cd "$(dirname "$0")/.."
pot=${1:-po/zhifa.pot}
find lib cmd -name '*.[ch]' | LC_ALL=C sort >"$pot.files"
xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
    --package-name=zhifa --msgid-bugs-address=zhifa@example.gov.cn \
    --sort-by-file --add-location=file --files-from="$pot.files" \
    --keyword=_ --keyword=N_ --flag=snprintf:3:c-format \
    --keyword=zf_fail:3 --flag=zf_fail:3:c-format \
    --keyword=zf_err_prefix:2 --flag=zf_err_prefix:2:c-format \
    --keyword=zf_cli_usage:2 --flag=zf_cli_usage:2:c-format \
    --keyword=zf_cli_error:2 --flag=zf_cli_error:2:c-format \
    --keyword=zf_cli_warn:1 --flag=zf_cli_warn:1:c-format \
    --keyword=zf_schema_fail:3 --flag=zf_schema_fail:3:c-format \
    --keyword=zf_pubcheck_problem:3 --flag=zf_pubcheck_problem:3:c-format \
    --keyword=tell:2 --flag=tell:2:c-format \
    --keyword=problem:5 --flag=problem:5:c-format \
    --keyword=io_fail:2 --keyword=ZF_LIST:5 --keyword=ZF_NUMBER:5 \
    --output="$pot"
rm -f "$pot.files"
[ $# -eq 0 ] || exit 0
for po in po/*.po; do
	msgmerge --quiet --update --backup=none "$po" "$pot"
done
