#!/bin/sh
# The house style, where a machine can tell it (the rest is kept by hand,
# see README's Develop section): in every C file under lib/, cmd/ and
# tests/, indentation by tabs (a continuation adds up to seven spaces),
# no line wider than 80 columns (tabs to 8, CJK characters 2 wide), no
# blank at the end of a line, and a function definition's return type
# on its own line, so that grep -n '^zf_case_find(' finds it.
. "$(dirname "$0")/lib.sh"
plan 2

cd "$ZHIFA_SRC" || exit 1
files=$(git ls-files 'lib/*.[ch]' 'cmd/*.[ch]' 'tests/*.[ch]' 2>/dev/null ||
    find lib cmd tests -name '*.[ch]')
n=$(echo "$files" | grep -c .)
if [ "$n" -gt 50 ]; then ok; else not_ok "only $n C files found"; fi

python3 - $files >"$T/style" <<'PY'
import re, sys, unicodedata

def width(line):
    col = 0
    for ch in line:
        if ch == '\t':
            col = (col // 8 + 1) * 8
        elif unicodedata.east_asian_width(ch) in ('W', 'F'):
            col += 2
        else:
            col += 1
    return col

definition = re.compile(r'^(?!typedef|return|extern|else|struct [a-z_]+ \{|'
    r'(?:static )?(?:const )?struct [a-z_]+ [a-z_]+(?:\[\])? =)'
    r'[a-z_][a-z0-9_ ]*[ *]+\**[a-z_][a-z0-9_]*\(')
def is_body(lines, i):
    """Whether the declaration starting at line i (from 1) has a body."""
    for line in lines[i - 1:i + 8]:
        if line.rstrip().endswith(';'):
            return False
        if line.startswith('{'):
            return True
    return False

for path in sys.argv[1:]:
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    for i, line in enumerate(lines, 1):
        where = '%s:%d' % (path, i)
        if line != line.rstrip():
            print(where, 'blank at the end of the line')
        lead = line[:len(line) - len(line.lstrip(' \t'))]
        if re.search(r' \t|^ {8}|\t* {8}', lead) and \
                not line.lstrip().startswith('*'):
            print(where, 'indented with spaces where a tab belongs')
        if width(line) > 80:
            print(where, 'wider than 80 columns (%d)' % width(line))
        if path.endswith('.c') and definition.match(line) and \
                '__attribute__' not in line and is_body(lines, i):
            print(where, "a definition's return type is not on a line "
                'of its own')
PY
if [ -s "$T/style" ]; then
	not_ok "$(wc -l <"$T/style") lines out of style: $(head -20 "$T/style")"
else
	ok
fi

finish
