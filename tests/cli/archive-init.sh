#!/bin/sh
# archive-init: creating archives, refusing bad folders, configs and key places; zhifa.yaml checked and journaled.
. "$(dirname "$0")/lib.sh"
# An openssl without SM3 leaves out the check against its digest.
if [ -n "$(openssl dgst -sm3 </dev/null 2>/dev/null)" ]; then
	openssl_sm3=1
else
	openssl_sm3=0
fi
plan $((149 + openssl_sm3))

KEYS=$HOME/.config/zhifa/keys

nkeys() {
	find "$HOME" -name '*.pem' 2>/dev/null | wc -l
}

absent() {
	if [ -e "$1" ]; then not_ok "$2: $1 exists"; else ok; fi
}

# nothing_created DIR DESCRIPTION: no DIR, no half-built DIR, no new key.
nothing_created() {
	absent "$1" "$2"
	expect_equal "$(ls -A "$(dirname "$1")" | grep -c "^\.$(basename "$1")\.new")" 0 \
	    "$2: no half-built folder"
	expect_equal "$(nkeys)" "$keys" "$2: no key saved"
}

q() {
	sqlite3 "$ZHIFA_ARCHIVE/zhifa.db" "$1"
}

# A new archive with the sample agency.
expect_exit 0 archive-init "$ZHIFA_ARCHIVE"
expect_equal "$(cat "$T/out")" "$ZHIFA_ARCHIVE" "prints the folder"
for f in zhifa.yaml zhifa.db checkpoint keys/agency.vkey objects/sha256 tmp lock; do
	if [ -e "$ZHIFA_ARCHIVE/$f" ]; then ok; else not_ok "no $f in a new archive"; fi
done
expect_in "$ZHIFA_ARCHIVE/zhifa.yaml" "示例县住房和城乡建设局"
expect_in "$ZHIFA_ARCHIVE/zhifa.yaml" "# "
id=$(q "select value from meta where key='id'")
key=$KEYS/$id.pem
expect_in "$T/err" "$key"
if [ -f "$key" ]; then ok; else not_ok "no private key at $key"; fi
expect_equal "$(stat -c %a "$key" 2>/dev/null)" 600 "mode of the private key"
expect_in "$key" "PRIVATE KEY"
expect_equal "$(grep -rl 'PRIVATE KEY' "$ZHIFA_ARCHIVE" | wc -l)" 0 \
    "no private key inside the archive"
expect_equal "$(q "select type from journal order by seq" | tr '\n' ' ')" \
    "archive.created config.changed " "the first events"
expect_exit 0 archive-verify
expect_exit 0 case-new -t penalty --party 某公司 --cause 违法施工 \
    --officer zhangwei --officer lina
keys=$(nkeys)

# An existing empty folder is fine.
mkdir "$T/empty"
expect_exit 0 archive-init "$T/empty"
expect_exit 0 archive-verify -A "$T/empty"
keys=$(nkeys)

# A folder that is not empty: refused, untouched.
mkdir "$T/full"
printf '别动\n' >"$T/full/notes.txt"
snapshot "$T/full" >"$T/full.before"
expect_exit 73 archive-init "$T/full"
expect_in "$T/err" "archive-init: "
snapshot "$T/full" >"$T/full.after"
if cmp -s "$T/full.before" "$T/full.after"; then ok; else not_ok "the folder changed"; fi
expect_equal "$(nkeys)" "$keys" "no key saved for a refused folder"
expect_exit 73 archive-init "$ZHIFA_ARCHIVE"
expect_exit 73 archive-init "$T/full/notes.txt"
expect_exit 64 archive-init
expect_exit 64 archive-init "$T/a" "$T/b"
nothing_created "$T/a" "two folders"

# A configuration of our own, and bad ones, named with FILE:LINE:COLUMN.
cat >"$T/good.yaml" <<'YAML'
agency:
  name: 测试县住房和城乡建设局
  short: 测建
people:
  - id: zhangwei
    name: 张伟
    role: officer
    certificate: {number: "A-1", valid_from: 2020-01-01, valid_to: 2029-12-31}
  - id: lina
    name: 李娜
    role: officer
    certificate: {number: "A-2", valid_from: 2020-01-01, valid_to: 2029-12-31}
  - id: zhouju
    name: 周局
    role: head
YAML
# A real archive takes its times from the system clock: a set one is
# refused, at creation and after.
expect_exit 64 archive-init --config "$T/good.yaml" "$T/own"
expect_in "$T/err" "ZHIFA_NOW is set, but a real archive"
nothing_created "$T/own" "a real archive with ZHIFA_NOW"
(
	unset ZHIFA_NOW
	archive-init --config "$T/good.yaml" "$T/own" >"$T/out" 2>"$T/err"
)
expect_equal "$?" 0 "archive-init --config, the system clock: $(cat "$T/err")"
expect_equal "$(nkeys)" $((keys + 2)) "a real archive: the agency's key and the head's"
if cmp -s "$T/good.yaml" "$T/own/zhifa.yaml"; then ok; else not_ok "zhifa.yaml is not the given config"; fi
expect_equal "$(unset ZHIFA_NOW; person-key list -A "$T/own" -o tsv |
    cut -f1,3 | tail -n +2)" \
    "zhouju	in force" "only the head holds a key"
expect_exit 64 case-new -A "$T/own" -t penalty --party 某公司 --cause 违法 \
    --officer zhangwei --officer lina
expect_in "$T/err" "ZHIFA_NOW is set, but '$T/own' is a real archive"
(
	unset ZHIFA_NOW
	A="-A $T/own"
	case-new $A -t penalty --party 某公司 --cause 违法 --officer zhangwei \
	    --officer lina >"$T/out" 2>"$T/err"
	echo "$?" >"$T/rc1"
	cp "$T/err" "$T/err1"
	person-key new $A --as zhangwei >"$T/zw.vkey" 2>/dev/null &&
	    person-key register $A zhangwei "$T/zw.vkey" --as zhouju \
	    >/dev/null 2>&1 &&
	    case-new $A -t penalty --party 某公司 --cause 违法 \
	    --officer zhangwei --officer lina >"$T/out" 2>"$T/err"
	echo "$?" >"$T/rc2"
	case-show $A C2026-0001 >"$T/show" 2>&1
)
expect_equal "$(cat "$T/rc1")" 77 "an officer without a key files a case"
expect_in "$T/err1" "acting as zhangwei needs zhangwei's private key"
expect_in "$T/err1" "person-key new"
expect_equal "$(cat "$T/rc2")" 0 "the officer files once the head registered the key: $(cat "$T/err")"
expect_equal "$(cat "$T/out")" C2026-0001 "a case in the archive with its own config"
expect_in "$T/show" "测建罚立〔"
# Recording times never go back: a clock behind the journal's last event
# is refused (75); a recorded time earlier than the one before is E018.
cp -a "$T/own" "$T/own2"
sqlite3 "$T/own2/zhifa.db" "UPDATE journal SET time = '2099-01-01T08:00:00+08:00'
    WHERE seq = (SELECT max(seq) FROM journal)"
(
	unset ZHIFA_NOW
	case-new -A "$T/own2" -t penalty --party 某公司 --cause 违法 \
	    --officer zhangwei --officer lina >/dev/null 2>"$T/err"
	echo "$?" >"$T/rc3"
	python3 "$ZHIFA_SRC/tests/cli/forge.py" "$T/own/zhifa.db" time 3 \
	    2000-01-01T08:00:00+08:00 >/dev/null
	python3 "$ZHIFA_SRC/tests/cli/forge.py" "$T/own/zhifa.db" clock 3 \
	    fixed >/dev/null
	archive-verify -A "$T/own" -o tsv >"$T/v" 2>/dev/null
)
expect_equal "$(cat "$T/rc3")" 75 "a write with the clock behind the journal"
expect_in "$T/err" "but the journal's last event was recorded at 2099-01-01T08:00:00+08:00: recording times never go back"
expect_in "$T/v" "E018	event 3	was recorded at 2000-01-01T08:00:00+08:00, before the event preceding it"
expect_in "$T/v" "E028	event 3	was recorded under a set clock (ZHIFA_NOW) in a real archive"
keys=$(nkeys)

# config_refused NAME AT [TEXT]: archive-init --config $T/NAME.yaml exits
# 78 with a message at NAME.yaml:AT: (saying TEXT), and creates nothing.
config_refused() {
	expect_exit 78 archive-init --config "$T/$1.yaml" "$T/bad-$1"
	expect_in "$T/err" "$1.yaml:$2:"
	[ $# -lt 3 ] || expect_in "$T/err" "$3"
	nothing_created "$T/bad-$1" "$1.yaml"
}
sed '3a\
  shrot: 测' "$T/good.yaml" >"$T/unknown.yaml"
config_refused unknown 4:3 shrot
sed '3a\
  name: 另一个局' "$T/good.yaml" >"$T/dup.yaml"
config_refused dup 4:3 name
sed '1s/^agency:/agency: \&a/' "$T/good.yaml" >"$T/anchor.yaml"
config_refused anchor 1:9
cat "$T/good.yaml" >"$T/alias.yaml"
printf '  - *someone\n' >>"$T/alias.yaml"
config_refused alias 16:5 alias
sed 's/role: officer/role: sheriff/' "$T/good.yaml" >"$T/role.yaml"
config_refused role 7:11

expect_exit 66 archive-init --config "$T/no-such.yaml" "$T/bad6"
nothing_created "$T/bad6" "missing config"

# The private key may not be put inside the archive.
expect_exit 64 archive-init --key "$T/k1/keys/agency.pem" "$T/k1"
expect_in "$T/err" "inside"
nothing_created "$T/k1" "key inside a new folder"
mkdir "$T/k2"
expect_exit 64 archive-init --key "$T/k2/agency.pem" "$T/k2"
expect_equal "$(ls -A "$T/k2" | wc -l)" 0 "the empty folder stays empty"
expect_equal "$(nkeys)" "$keys" "key inside an empty folder: no key saved"
(cd "$T" && archive-init --key ./k3/agency.pem k3) >"$T/out" 2>"$T/err"
expect_equal "$?" 64 "archive-init --key ./k3/agency.pem k3"
nothing_created "$T/k3" "key inside, by a relative path"

# ... but anywhere outside it.
expect_exit 0 archive-init --key "$T/safe/agency.pem" "$T/k5"
expect_equal "$(stat -c %a "$T/safe/agency.pem" 2>/dev/null)" 600 \
    "mode of a key saved with --key"
expect_in "$T/err" "$T/safe/agency.pem"
ZHIFA_KEY=$T/safe/agency.pem case-new -A "$T/k5" -t penalty --party 某公司 \
    --cause 违法 --officer zhangwei --officer lina >/dev/null 2>&1
expect_equal "$(sqlite3 "$T/k5/zhifa.db" "select max(size) from checkpoints")" 3 \
    "the key given by ZHIFA_KEY signs"
keys=$(nkeys)

# SM3 and SM2.
expect_exit 0 archive-init --algo sm3-sm2 "$T/sm"
expect_in "$T/err" "sm3-sm2"
if [ -d "$T/sm/objects/sm3" ]; then ok; else not_ok "no objects/sm3 in an SM3 archive"; fi
expect_exit 0 case-new -A "$T/sm" -t penalty --party 某公司 --cause 违法 \
    --officer zhangwei --officer lina
printf '国密证据\n' >"$T/sm.txt"
expect_exit 0 evidence-add -A "$T/sm" C2026-0001 "$T/sm.txt"
expect_equal "$(cut -f2 "$T/out")" "$(sha256sum <"$T/sm.txt" | cut -d' ' -f1)" \
    "the SHA-256 column of an SM3 archive"
digest=$(cut -f4 "$T/out" | sed 's/^sm3://')
expect_equal "$(printf %s "$digest" | grep -cE '^[0-9a-f]{64}$')" 1 "an SM3 digest"
p=$T/sm/objects/sm3/$(printf %s "$digest" | cut -c1-2)/$(printf %s "$digest" | cut -c3-)
if [ -f "$p" ]; then ok; else not_ok "no object at $p"; fi
expect_equal "$(stat -c %a "$p" 2>/dev/null)" 440 "mode of the SM3 object"
if [ "$openssl_sm3" -eq 1 ]; then
	expect_equal "$(openssl dgst -sm3 <"$T/sm.txt" | sed 's/.* //')" "$digest" \
	    "SM3 digest as openssl computes it"
fi
expect_equal "$(find "$T/sm/objects" -path '*sha256*' | wc -l)" 0 "no SHA-256 objects"
expect_exit 0 archive-verify -A "$T/sm"
expect_exit 0 evidence-get -A "$T/sm" E2026-00001 --reason 核对
if cmp -s "$T/out" "$T/sm.txt"; then ok; else not_ok "SM3 evidence read back"; fi
expect_equal "$(grep -rl 'PRIVATE KEY' "$T/sm" | wc -l)" 0 "no private key in the SM3 archive"
expect_exit 64 archive-init --algo md5-rsa "$T/md5"
keys=$(nkeys)
nothing_created "$T/md5" "unknown --algo"

# A broken zhifa.yaml in an existing archive: refused, nothing changed.
cp "$ZHIFA_ARCHIVE/zhifa.yaml" "$T/saved.yaml"
printf 'bogus: 1\n' >>"$ZHIFA_ARCHIVE/zhifa.yaml"
line=$(wc -l <"$ZHIFA_ARCHIVE/zhifa.yaml")
mark
expect_exit 78 case-new -t penalty --party 某公司 --cause 违法 \
    --officer zhangwei --officer lina
expect_in "$T/err" "zhifa.yaml:$line:1:"
expect_in "$T/err" "bogus"
unchanged "a broken zhifa.yaml"
# Readers go on with the configuration in force.
expect_exit 0 case-list
unchanged "a broken zhifa.yaml, read"
expect_exit 1 archive-config status
expect_in "$T/out" "zhifa.yaml does not read, and the configuration in force stays"
expect_exit 78 archive-config apply --as chengang
expect_in "$T/err" "zhifa.yaml:$line:1:"
unchanged "a broken zhifa.yaml, applied"
cp "$T/saved.yaml" "$ZHIFA_ARCHIVE/zhifa.yaml"

# A changed valid zhifa.yaml waits for the head, who journals it once;
# it is stored.
printf '# 2026-11 修订：补充说明\n' >>"$ZHIFA_ARCHIVE/zhifa.yaml"
h=$(sha256sum <"$ZHIFA_ARCHIVE/zhifa.yaml" | cut -c1-64)
expect_equal "$(q "select count(*) from journal where type='config.changed'")" 1 \
    "one config.changed before"
mark
expect_exit 78 case-new -t penalty --party 某公司 --cause 违法 \
    --officer zhangwei --officer lina
expect_in "$T/err" "archive-config apply"
expect_exit 1 archive-config status
expect_exit 77 archive-config apply --as zhangwei
expect_in "$T/err" "only the head"
unchanged "a changed zhifa.yaml, before the head applies it"
expect_exit 0 archive-config show
if cmp -s "$T/out" "$T/saved.yaml"; then ok; else not_ok "show prints the configuration in force"; fi
expect_exit 0 archive-config apply --as chengang
expect_exit 0 archive-config status
expect_exit 0 case-new -t penalty --party 某公司 --cause 违法 \
    --officer zhangwei --officer lina
expect_exit 0 case-new -t penalty --party 某公司 --cause 违法 \
    --officer zhangwei --officer lina
expect_equal "$(q "select count(*) from journal where type='config.changed'")" 2 \
    "the change journaled once"
expect_equal "$(q "select count(*) from journal where type='config.changed' and body like '%$h%'")" 1 \
    "the config.changed event names the new digest"
p=$ZHIFA_ARCHIVE/objects/sha256/$(printf %s "$h" | cut -c1-2)/$(printf %s "$h" | cut -c3-)
if cmp -s "$p" "$ZHIFA_ARCHIVE/zhifa.yaml"; then ok; else not_ok "the new zhifa.yaml is not stored at $p"; fi
expect_equal "$(stat -c %a "$p" 2>/dev/null)" 440 "mode of the stored config"
# Events written after the change name the config in force.
expect_equal "$(q "select count(*) from journal where type='case.filed' and body like '%\"config\":\"$h\"%'")" 2 \
    "later events name the new config"
expect_exit 0 archive-verify
finish
