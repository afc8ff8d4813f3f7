#!/usr/bin/env bash
# Writes build/startup.order: the functions that everyday runs execute, in the order the
# linker should lay them out first (build.rs hands the file to rust-lld; see its comment).
#
# Run it again after a change of compiler version or dependencies (their symbol names carry
# hashes of both), or when many functions were added to a run's path. It builds the release
# profile with its symbol table kept (JWTSCOPE_KEEP_SYMBOLS; the same profile, so the same
# names), runs each case under callgrind, lists the functions of the binary each case
# executed (the first case's first), then builds again with the new list and reports where
# the listed functions landed and how many page faults a small token takes.
#
# Needs valgrind. Takes about four minutes (two release builds).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "startup-order: needs valgrind (apt-get install valgrind)" >&2; exit 1; }

# --static: the list of the statically linked build README describes (its own names).
list=build/startup.order
target=target/startup-order
built=$target/release/jwtscope
build() { JWTSCOPE_KEEP_SYMBOLS=1 CARGO_TARGET_DIR=$target cargo build --release --locked --quiet; }
if [ "${1:-}" = --static ]; then
  list=build/startup-static.order
  target=target/startup-order-static
  built=$target/x86_64-unknown-linux-gnu/release/jwtscope
  # `cargo build-static` (.cargo/config.toml) is the build README describes.
  build() { JWTSCOPE_KEEP_SYMBOLS=1 CARGO_TARGET_DIR=$target cargo build-static --locked --quiet; }
fi
[ -e "$list" ] || printf '# empty until this script writes it\n' > "$list"
build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$built" "$work/jwtscope"
bin="$work/jwtscope"
small=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c
printf 'a secret of at least thirty-two bytes\n' > "$work/secret"

# The cases, most common first: the benchmark's token as JSON and as text, a file of
# assets/ (the README's first command), version, a JWKS verification, an encode.
i=0
# (Word splitting of $cmd is meant: no argument has a space.)
# shellcheck disable=SC2086
while IFS= read -r cmd; do
  i=$((i + 1))
  valgrind --tool=callgrind --demangle=no --compress-strings=no --compress-pos=no \
    --callgrind-out-file="$work/cg.$i" $cmd > /dev/null 2>&1 || true
done <<EOF
$bin --output json $small
$bin --output text $small
$bin --now 2026-11-24T09:00:00Z assets/managedid.json
$bin --output json assets/oauth-response.json
$bin --version
$bin --output json --key assets/sample-jwks.json assets/managedid.json
$bin encode --secret-file $work/secret --iss https://test --sub alice
EOF

python3 - "$bin" "$work"/cg.* > "$list.new" <<'PY'
import re, sys
binary, files = sys.argv[1], sorted(sys.argv[2:], key=lambda f: int(f.rsplit('.', 1)[1]))
seen, order = set(), []
for f in files:
    obj = None
    for line in open(f, errors='replace'):
        if line.startswith('ob='):
            obj = line[3:].strip()
        elif line.startswith('fn=') and obj == binary:
            name = re.sub(r"'\d+$", '', line[3:].strip())
            if name.startswith('_') and name not in seen:
                seen.add(name)
                order.append(name)
print('# Written by benches/startup-order.sh: the functions of everyday runs, laid out first')
print('# by rust-lld (build.rs). Mangled names; regenerate after a compiler or dependency change.')
print('\n'.join(order))
PY
mv "$list.new" "$list"
echo "startup-order: $(grep -vc '^#' "$list") functions listed in $list"

# Check: the listed functions now sit together at the start of the code.
build
python3 - "$built" "$list" <<'PY'
import subprocess, sys
binary, order = sys.argv[1], sys.argv[2]
addr = {}
for line in subprocess.run(['nm', binary], capture_output=True, text=True).stdout.splitlines():
    p = line.split()
    if len(p) == 3:
        addr[p[2]] = int(p[0], 16)
names = [l.strip() for l in open(order) if l.strip() and not l.startswith('#')]
found = [addr[n] for n in names if n in addr]
print(f'startup-order: {len(found)} of {len(names)} found in the build, '
      f'spanning {(max(found) - min(found)) // 1024} KB from 0x{min(found):x}')
PY
printf 'startup-order: page faults for the small token: '
/usr/bin/time -f '%R (peak RSS %M KB)' "$built" --output json "$small" 2>&1 >/dev/null
