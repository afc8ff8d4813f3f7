#!/usr/bin/env bash
# Scaling benchmark for hostile and large inputs (issue 8): generates each input at two sizes,
# runs the release binary under /usr/bin/time -v and prints wall time and peak RSS. Doubling
# the input should at most double both.
#
#   cargo build --release && bash benches/scaling.sh [path/to/jwtscope]
#
# Targets (2-core machine): every case under 1 s and 200 MB; the 1M-token file under 3 s and
# 300 MB with --output json and --output text.
set -euo pipefail
BIN=${1:-target/release/jwtscope}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT

gen() { # name size -> file
  python3 - "$1" "$2" "$DIR/$1-$2" <<'PY'
import json, sys, base64
name, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
small = "eyJhbGciOiJIUzI1NiJ9..".replace("..", "." + b64(b'{"sub":"x"}') + ".c2ln")
with open(path, "w") as f:
    if name == "dotted-members":      # 8.1: string members with "ey" and "."
        json.dump({f"k{i}": f"key.{i}" for i in range(n)}, f)
    elif name == "urls":              # 8.1: realistic URLs
        json.dump({f"u{i}": f"https://journey.example.com/p/{i}" for i in range(n)}, f)
    elif name == "sentences":         # 8.1: short sentences
        json.dump([f"they said the key. {i} is here." for i in range(n)], f)
    elif name == "one-line":          # 8.2: many tokens on one line
        f.write(" : ".join(["eyJhbGciOiJIUzI1NiJ9.."] * n))
    elif name == "duplicates":        # 8.3: one token, every claim twice
        claims = ",".join(f'"c{i}":{i}' for i in range(n))
        payload = "{" + claims + "," + claims + "}"
        f.write("eyJhbGciOiJIUzI1NiJ9." + b64(payload.encode()) + ".c2ln")
    elif name == "long-keys":         # 8.4: nested objects with long keys
        doc = '{"access_token":"' + small + '"}'
        for i in range(126):
            doc = '{"' + chr(97 + i % 26) * n + '":' + doc + "}"
        f.write(doc)
    elif name == "many-tokens":       # 8.5: one small token per line
        for i in range(n):
            f.write(small + "\n")
    elif name == "invalid-chars":     # 8.6: distinct invalid characters
        f.write("eyJ" + "".join(chr(0x4e00 + i) for i in range(n)) + ".e30.x")
PY
}

run() { # label file args...
  local label=$1 file=$2; shift 2
  /usr/bin/time -v -o "$DIR/time" "$BIN" "$@" "$file" >/dev/null 2>&1 || true
  local out
  out=$(cat "$DIR/time")
  local wall rss code cpu
  wall=$(grep Elapsed <<<"$out" | awk '{print $NF}')
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' <<<"$out")
  rss=$(grep Maximum <<<"$out" | awk '{print $NF}')
  code=$(grep "Exit status" <<<"$out" | awk '{print $NF}')
  printf "%-30s %6s %8s %7ss  %6d MB  exit %s\n" "$label" "$(du -h "$file" | cut -f1)" "$wall" "$cpu" "$((rss / 1024))" "$code"
}

printf "%-30s %6s %8s %8s  %9s\n" "case" "input" "wall" "cpu" "peak RSS"
for spec in "dotted-members 4000 8000" "urls 4000 8000" "sentences 20000 40000" \
            "one-line 100000 200000" "duplicates 50000 100000" "long-keys 50000 100000" \
            "invalid-chars 5000 10000"; do
  set -- $spec
  for n in "$2" "$3"; do
    gen "$1" "$n"
    run "$1 ($n)" "$DIR/$1-$n" --output json
  done
done
for n in 500000 1000000; do
  gen many-tokens "$n"
  run "many-tokens ($n) json" "$DIR/many-tokens-$n" --output json
  run "many-tokens ($n) text" "$DIR/many-tokens-$n" --output text
done
