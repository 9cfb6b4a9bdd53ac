#!/bin/sh
# layers: the folders of lib/ are layers, base < rules < record < cases <
# publication, then cmd/common, then the programs in cmd/.  Every
# #include "..." under lib/ and cmd/ names a folder, of its own layer or
# one below, and a header that is there; record/handle.h is included in
# lib/record alone; the include graph of the modules of lib/ (a module:
# lib/LAYER/NAME.c with its .h, and the files NAME-PART.c and .h into
# which a large one is split) has no cycle, each one found printed; and
# in the built libraries, every zf_* symbol a layer uses is defined in
# that layer or one below (nm).
. "$(dirname "$0")/lib.sh"

S=$ZHIFA_SRC
LAYERS="base rules record cases publication documents"
# Modules whose cycles among themselves alone are noted, not failed:
# none.  (A name here would excuse a cycle among the named modules.)
KNOWN_CYCLES=""

set -- $LAYERS
plan $((6 + $# + 1))

# Every include, as FILE LINE TARGET (sources under lib/ and cmd/).
find "$S/lib" "$S/cmd" -type f \( -name '*.c' -o -name '*.h' \) |
    sed "s|^$S/||" | sort >"$T/files"
(cd "$S" && xargs grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' \
    <"$T/files") |
    sed -E 's/^([^:]*):([0-9]+):[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]*)".*/\1 \2 \3/' \
    >"$T/includes"
if [ -s "$T/files" ] && [ -s "$T/includes" ]; then
	ok
else
	not_ok "no sources or no includes found under $S/lib and $S/cmd"
fi

# report FILE DESCRIPTION: one check, failed with FILE's lines when FILE
# is not empty.
report() {
	if [ -s "$1" ]; then
		sed "s/^/$TEST_NAME: /" "$1" >&2
		not_ok "$2: $(wc -l <"$1") (listed above)"
	else
		ok
	fi
}

# The rank of each folder as an include names it, and of each file.
awk -v layers="$LAYERS" -v src="$S" -v out="$T" '
BEGIN {
	n = split(layers, l, " ")
	for (i = 1; i <= n; i++)
		rank[l[i]] = i
	rank["common"] = n + 1
	cmd = n + 2
}
function file_rank(f,   p) {
	split(f, p, "/")
	if (p[1] == "lib")
		return p[2] in rank ? rank[p[2]] : 0
	if (p[2] == "common")
		return rank["common"]
	return cmd
}
function exists(path,   line) {
	if ((getline line < path) >= 0) {
		close(path)
		return 1
	}
	return 0
}
{
	file = $1
	at = $1 ":" $2
	inc = $3
	if (index(inc, "/") == 0) {
		print at ": \"" inc "\" names no folder" > (out "/nofolder")
		next
	}
	folder = substr(inc, 1, index(inc, "/") - 1)
	if (!(folder in rank)) {
		print at ": \"" inc "\" names no folder of lib/ or cmd/common" \
		    > (out "/nofolder")
		next
	}
	header = (folder == "common" ? "cmd/" : "lib/") inc
	if (!exists(src "/" header))
		print at ": \"" inc "\" is not there (" header ")" \
		    > (out "/missing")
	if (file_rank(file) == 0)
		print at ": a folder of lib/ that is no layer" > (out "/upward")
	else if (rank[folder] > file_rank(file))
		print at ": \"" inc "\" is a layer above the file" > (out "/upward")
	if (inc == "record/handle.h" && file !~ /^lib\/record\//)
		print at ": record/handle.h outside lib/record" > (out "/handle")
}' "$T/includes"
report "$T/nofolder" "includes that name no folder"
report "$T/upward" "includes of a layer above"
report "$T/handle" "record/handle.h included outside lib/record"
report "$T/missing" "includes of headers that are not there"

# Cycles: the strongly connected components of the module graph (Tarjan),
# each with one cycle through it printed.
awk -v known="$KNOWN_CYCLES" -v out="$T" '
$1 ~ /^lib\// && index($3, "/") {
	from = substr($1, 5)
	sub(/\.[ch]$/, "", from)
	sub(/-[^\/]*$/, "", from)
	to = $3
	sub(/\.h$/, "", to)
	sub(/-[^\/]*$/, "", to)
	node[from] = 1
	node[to] = 1
	if (from != to && !((from, to) in edge)) {
		edge[from, to] = 1
		succ[from] = succ[from] " " to
	}
}
function connect(v,   w, i, n, s, members, cnt) {
	index_of[v] = lowlink[v] = next_index++
	stack[++top] = v
	on[v] = 1
	n = split(succ[v], s, " ")
	for (i = 1; i <= n; i++) {
		w = s[i]
		if (!(w in index_of)) {
			connect(w)
			if (lowlink[w] < lowlink[v])
				lowlink[v] = lowlink[w]
		} else if (on[w] && index_of[w] < lowlink[v]) {
			lowlink[v] = index_of[w]
		}
	}
	if (lowlink[v] == index_of[v]) {
		members = ""
		cnt = 0
		do {
			w = stack[top--]
			on[w] = 0
			comp[w] = v
			members = members " " w
			cnt++
		} while (w != v)
		if (cnt > 1)
			components[v] = members
	}
}
function sorted(list,   a, n, i, j, t, s) {
	n = split(list, a, " ")
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	s = a[1]
	for (i = 2; i <= n; i++)
		s = s " " a[i]
	return s
}
# A shortest cycle from start back to it, through the component of root
# (breadth first).
function cycle(start, root,   parent, queue, head, tail, v, n, s, i, w,
    path) {
	head = 1
	tail = 0
	queue[++tail] = start
	while (head <= tail) {
		v = queue[head++]
		n = split(succ[v], s, " ")
		for (i = 1; i <= n; i++) {
			w = s[i]
			if (comp[w] != root || (w in parent))
				continue
			parent[w] = v
			if (w == start) {
				path = start
				for (w = v; w != start; w = parent[w])
					path = w " -> " path
				return start " -> " path
			}
			queue[++tail] = w
		}
	}
	return start " -> ..."
}
END {
	nknown = split(known, k, " ")
	for (i = 1; i <= nknown; i++)
		is_known[k[i]] = 1
	next_index = 0
	for (v in node)
		if (!(v in index_of))
			connect(v)
	for (root in components) {
		members = sorted(components[root])
		n = split(members, m, " ")
		line = "cycle: " cycle(m[1], root) " (among " members ")"
		all_known = 1
		for (i = 1; i <= n; i++)
			if (!(m[i] in is_known))
				all_known = 0
		if (all_known)
			print line " (known)" > (out "/known-cycles")
		else
			print line > (out "/cycles")
	}
}' "$T/includes"
if [ -s "$T/known-cycles" ]; then
	sed "s/^/$TEST_NAME: NOTE: /" "$T/known-cycles" >&2
fi
report "$T/cycles" "include cycles among the modules of lib/"

# The symbols: every undefined zf_* symbol of a layer's library is
# defined in it or in a layer below; cmd/common's library may use them all.
if ! command -v nm >/dev/null 2>&1; then
	not_ok "nm is missing: cannot read the libraries' symbols"
	for layer in $LAYERS cmd; do
		not_ok "libzf_$layer.a not checked"
	done
	finish
fi
: >"$T/below"
for layer in $LAYERS cmd; do
	a=$ZHIFA_BIN/libzf_$layer.a
	if [ ! -f "$a" ]; then
		not_ok "no $a: build the project first"
		continue
	fi
	nm -P -g "$a" 2>"$T/nm.err" | awk 'NF >= 2 && $1 !~ /:$/ &&
	    $2 != "U" && $2 != "w" && $2 != "v" { print $1 }' |
	    sort -u >"$T/defined"
	nm -P -u "$a" 2>>"$T/nm.err" | awk 'NF >= 2 && $1 ~ /^zf_/ { print $1 }' |
	    sort -u >"$T/used"
	cat "$T/below" "$T/defined" | sort -u >"$T/allowed"
	comm -23 "$T/used" "$T/allowed" >"$T/above"
	if [ -s "$T/nm.err" ] || ! grep -q '^zf_' "$T/defined"; then
		not_ok "nm cannot read $a: $(head -3 "$T/nm.err")"
	elif [ -s "$T/above" ]; then
		sed "s/^/$TEST_NAME: libzf_$layer.a uses /" "$T/above" >&2
		not_ok "libzf_$layer.a uses $(wc -l <"$T/above") zf_* symbols of no layer at or below it (listed above)"
	else
		ok
	fi
	cp "$T/allowed" "$T/below"
done
finish
