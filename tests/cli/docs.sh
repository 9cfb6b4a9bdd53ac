#!/bin/sh
# docs: every program has its man page, its line in zhifa(7), its place in
# the three completions and a test; each synopsis names the program's own
# options and each page the common ones; the pages pass mandoc -T lint;
# the pages agree with the code (problem codes, zhifa.yaml keys, event
# types, the sample agency); the completions parse and ask the toolkit.
. "$(dirname "$0")/lib.sh"

S=$ZHIFA_SRC
BS=$(printf '\b')

# The programs: CMakeLists.txt's one list.
programs=$(awk '
	/set\(ZHIFA_PROGRAMS/ { on = 1; sub(/.*set\(ZHIFA_PROGRAMS/, "") }
	on {
		line = $0
		if (sub(/\).*/, "", line)) on = 2
		n = split(line, w, /[ \t]+/)
		for (i = 1; i <= n; i++) if (w[i] != "") print w[i]
		if (on == 2) exit
	}' "$S/CMakeLists.txt")

have_mandoc=0
if command -v mandoc >/dev/null 2>&1; then
	have_mandoc=1
else
	echo "$TEST_NAME: NOTE: mandoc is missing: lint skipped, synopses read from the source" >&2
fi

# section PAGE NAME: the text of section NAME of the rendered page (from
# the source, with mdoc's "Fl Fl x" read as "--x", without mandoc).
section() {
	if [ "$have_mandoc" -eq 1 ]; then
		mandoc -T ascii -O width=1000 "$1" 2>/dev/null |
		    sed "s/.$BS//g" | sed -n "/^$2\$/,/^[A-Z]/p"
	else
		sed -n "/^\.Sh $2\$/,/^\.Sh /p" "$1" | sed 's/Fl Fl /--/g'
	fi
}

# The long options of a longopts table: { "name", ..._argument, ... }.
long_options() {
	sed -nE 's/.*\{ *"([a-z][a-z0-9-]*)", *(no|required|optional)_argument.*/\1/p' "$1"
}

has_word() {
	grep -qE -- "(^|[^a-z0-9-])$2([^a-z0-9-]|\$)" "$1"
}

common=$(long_options "$S/cmd/common/cli.h")

# The keys of zhifa.yaml the configuration reader knows, and the event
# types an applier table applies.
cat "$S"/lib/rules/config*.c |
    awk '/keys\[\] = \{/ { on = 1 } on { print } on && /\};/ { on = 0 }' | grep -oE '"[a-z_]+"' | tr -d '"' | sort -u >"$T/keys"
types=$(cat "$S"/lib/*/*.c |
    sed -nE 's/.*\{ *"([a-z]+\.[a-z_]+)", *[a-z_]*apply[a-z_]* *\}.*/\1/p')

# The plan, from what the loops below run over: for each program 24
# checks and one for each of its own and the common options; one for
# each man page linted, each key, each event type; the shells present.
words() {
	echo $#
}
nprograms=$(words $programs)
nopts=0
for p in $programs; do
	[ -f "$S/cmd/$p.c" ] &&
	    nopts=$((nopts + $(long_options "$S/cmd/$p.c" | wc -l)))
done
npages=$(words "$S"/man/man1/*.1 "$S"/man/man5/*.5 "$S"/man/man7/*.7 \
    "$S"/man/zh_CN/man7/*.7)
bash=$(have bash)
zsh=$(have zsh)
fish=$(have fish)
plan $((10 + nprograms * (24 + $(words $common)) + nopts +
    have_mandoc * npages + $(wc -l <"$T/keys") + $(words $types) +
    bash * 2 + zsh + fish * (1 + 2 * bash)))

if [ -n "$programs" ]; then ok; else not_ok "no ZHIFA_PROGRAMS in CMakeLists.txt"; fi
if [ -n "$common" ]; then ok; else not_ok "no ZF_CLI_LONG options in cmd/common/cli.h"; fi

for p in $programs; do
	page=$S/man/man1/$p.1
	if [ ! -f "$page" ]; then
		not_ok "$p has no man page man/man1/$p.1"
		continue
	fi
	ok
	if grep -q "^\.Nm $p\$" "$page"; then ok; else not_ok "$p.1 does not name $p"; fi
	for s in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" EXAMPLES "SEE ALSO"; do
		if grep -q "^\.Sh $s\$" "$page"; then ok; else not_ok "$p.1 has no $s"; fi
	done

	# The synopsis names every option of the program's own longopts;
	# OPTIONS describes the common ones.
	section "$page" SYNOPSIS >"$T/synopsis"
	section "$page" OPTIONS >"$T/options"
	for o in $(long_options "$S/cmd/$p.c"); do
		if has_word "$T/synopsis" "--$o"; then ok; else
			not_ok "$p.1: SYNOPSIS lacks --$o (cmd/$p.c)"; fi
	done
	for o in $common; do
		if has_word "$T/options" "--$o"; then ok; else
			not_ok "$p.1: OPTIONS lacks the common --$o"; fi
	done

	# The same sysexits table in every page.
	section "$page" "EXIT STATUS" >"$T/exit"
	for code in 0 1 64 65 66 73 74 75 77 78; do
		if grep -qE "^[ 	]*(\.It )?$code([ 	]|\$)" "$T/exit"; then ok; else
			not_ok "$p.1: EXIT STATUS lacks $code"; fi
	done

	if grep -q "Xr $p 1" "$S/man/man7/zhifa.7"; then ok; else
		not_ok "zhifa.7 does not list $p"; fi
	if has_word "$S/completions/bash/zhifa" "$p"; then ok; else
		not_ok "the bash completion lacks $p"; fi
	if head -n 1 "$S/completions/zsh/_zhifa" | tr ' ' '\n' | grep -qx -- "$p"; then
		ok; else not_ok "the zsh completion's #compdef lacks $p"; fi
	if has_word "$S/completions/fish/zhifa.fish" "$p"; then ok; else
		not_ok "the fish completion lacks $p"; fi
	found=
	for t in "$S"/tests/cli/*.sh; do
		case ${t##*/} in docs.sh|lib.sh) continue ;; esac
		if has_word "$t" "$p"; then found=$t; break; fi
	done
	if [ -n "$found" ]; then ok; else not_ok "no test in tests/cli runs $p"; fi
done

for page in man5/zhifa.yaml.5 man5/zhifa-journal.5 man7/zhifa.7; do
	if [ -f "$S/man/$page" ]; then ok; else not_ok "man/$page is missing"; fi
done

# mandoc -T lint -W warning says nothing about any page.
if [ "$have_mandoc" -eq 1 ]; then
	for page in "$S"/man/man1/*.1 "$S"/man/man5/*.5 "$S"/man/man7/*.7 \
	    "$S"/man/zh_CN/man7/*.7; do
		mandoc -T lint -W warning "$page" >"$T/lint" 2>&1
		if [ -s "$T/lint" ]; then not_ok "mandoc -T lint: $(cat "$T/lint")"; else ok; fi
	done
fi

# archive-verify.1 lists exactly the problem codes the verifier reports.
cat "$S"/lib/*/verify*.c | grep -oE '"[EW][0-9]{3}"' | tr -d '"' | sort -u >"$T/codes.c"
grep -oE 'Sy [EW][0-9]{3}' "$S/man/man1/archive-verify.1" | cut -c4- |
    sort -u >"$T/codes.1"
if [ -s "$T/codes.c" ] && cmp -s "$T/codes.c" "$T/codes.1"; then ok; else
	not_ok "problem codes: the verifier and archive-verify.1 differ: $(diff "$T/codes.c" "$T/codes.1" | grep '^[<>]' | tr '\n' ' ')"
fi

# zhifa.yaml.5 documents every key the configuration reader knows.
if [ -s "$T/keys" ]; then ok; else not_ok "no keys found in lib/rules/config*.c"; fi
for k in $(cat "$T/keys"); do
	if grep -qE "Ic $k( |\$)" "$S/man/man5/zhifa.yaml.5"; then ok; else
		not_ok "zhifa.yaml.5 does not document the key '$k'"; fi
done

# Its sample is data/sample-zhifa.yaml, byte for byte.
awk '/^\.\\" The sample below is data\/sample-zhifa.yaml/ { on = 1; next }
    on == 1 && /^\.Bd / { on = 2; next }
    on == 2 && /^\.Ed/ { exit }
    on == 2 { print }' "$S/man/man5/zhifa.yaml.5" |
    sed -e 's/^\\&//' -e 's/\\e/\\/g' >"$T/sample"
if cmp -s "$T/sample" "$S/data/sample-zhifa.yaml"; then ok; else
	not_ok "zhifa.yaml.5's sample differs from data/sample-zhifa.yaml: $(diff "$S/data/sample-zhifa.yaml" "$T/sample" | head -5)"
fi

# zhifa-journal.5 describes every event type an applier table applies.
if [ -n "$types" ]; then ok; else not_ok "no event types found in lib/"; fi
for t in $types; do
	if grep -q "^\.It Cm $t\$" "$S/man/man5/zhifa-journal.5"; then ok; else
		not_ok "zhifa-journal.5 does not describe the event type $t"; fi
done

# The completions parse, and ask the toolkit for ids.
if command -v bash >/dev/null 2>&1; then
	if bash -n "$S/completions/bash/zhifa"; then ok; else
		not_ok "bash -n completions/bash/zhifa"; fi
	new_archive
	c=$(new_case)
	bash -c '. "$1"
		COMP_WORDS=(case-show ""); COMP_CWORD=1; _zhifa
		printf "%s\n" "${COMPREPLY[@]}"
		COMP_WORDS=(case-new --as ""); COMP_CWORD=2; _zhifa
		printf "%s\n" "${COMPREPLY[@]}"' sh \
	    "$S/completions/bash/zhifa" >"$T/bash.out" 2>&1
	expect_in "$T/bash.out" "$c"
	expect_in "$T/bash.out" "liuyang"
else
	not_ok "bash is missing: cannot check the bash completion"
fi
for sh in zsh fish; do
	if ! command -v $sh >/dev/null 2>&1; then
		echo "$TEST_NAME: NOTE: $sh is missing: its completion is not checked" >&2
		continue
	fi
	case $sh in
	zsh) file=$S/completions/zsh/_zhifa ;;
	fish) file=$S/completions/fish/zhifa.fish ;;
	esac
	if $sh -n "$file"; then ok; else not_ok "$sh -n $file"; fi
done
if command -v fish >/dev/null 2>&1 && [ -n "${c:-}" ]; then
	fish -c 'source $argv[1]; complete -C "case-show "; complete -C "evidence-add --recorded-by "' \
	    "$S/completions/fish/zhifa.fish" >"$T/fish.out" 2>&1
	expect_in "$T/fish.out" "$c"
	expect_in "$T/fish.out" "zhaomin"
fi

finish
