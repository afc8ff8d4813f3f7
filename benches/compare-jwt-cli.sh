#!/usr/bin/env bash
# Whole-process comparison of `jwtscope --output json` with jwt-cli's `jwt decode --json`
# on the jwt.io HS256 token and on a 260 KB Entra-shaped token with 5000 groups.
# Installs jwt-cli from crates.io into target/bench-tools (not committed) and hyperfine from
# Debian's packages when missing. Prints mean wall time and peak RSS for each.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=target/bench-tools
if [ ! -x "$tools/bin/jwt" ]; then
  cargo install jwt-cli --locked --root "$tools"
fi
if ! command -v hyperfine >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq hyperfine; else sudo apt-get install -y -qq hyperfine; fi
fi
cargo build --release --locked --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import base64, json, sys
d = sys.argv[1]
b64u = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
small = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
groups = ["%08x-%04x-4%03x-8%03x-%012x" % (i * 7919, i % 65536, i % 4096, (i * 31) % 4096, i * 104729) for i in range(5000)]
payload = {"aud": "https://management.azure.com/", "iss": "https://sts.windows.net/8c3dad1d-b6bc-4f8b-939b-8263372eced6/",
           "iat": 1795507200, "nbf": 1795507200, "exp": 1795511100, "oid": "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
           "tid": "8c3dad1d-b6bc-4f8b-939b-8263372eced6", "ver": "1.0", "groups": groups}
big = b64u(b'{"typ":"JWT","alg":"RS256","kid":"test"}') + "." + b64u(json.dumps(payload, separators=(",", ":")).encode()) + "." + b64u(b"sig" * 86)
open(f"{d}/small.jwt", "w").write(small)
open(f"{d}/big.jwt", "w").write(big)
PY

# Both binaries run from the same directory: where a file lies was seen to move exec time by
# 0.1-0.2 ms, more than the difference being measured.
cp target/release/jwtscope "$tools/bin/jwt" "$work/"
jwtscope="$work/jwtscope"
jwt="$work/jwt"
echo "big token: $(wc -c < "$work/big.jwt") bytes"
for t in small big; do
  echo "== $t token"
  # Through the shell (hyperfine subtracts its start-up), so stdin can be redirected.
  hyperfine --warmup 10 --min-runs 200 --export-json "$work/$t.json" \
    -n jwtscope "$jwtscope --output json - < $work/$t.jwt > /dev/null" \
    -n jwt-cli "$jwt decode --json - < $work/$t.jwt > /dev/null" 2>/dev/null \
    | grep -E "Time|jwtscope|jwt-cli|faster" || true
  for cmd in "$jwtscope --output json -" "$jwt decode --json -"; do
    rss=$(/usr/bin/time -f %M $cmd < "$work/$t.jwt" 2>&1 >/dev/null | tail -1)
    printf '  peak RSS %-9s %6s KiB\n' "$(basename "${cmd%% *}")" "$rss"
  done
done

# encode: the same claims signed HS256 with a secret and RS256 with a 2048-bit PEM key.
echo "== encode"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/rsa.pem" 2>/dev/null
printf 'a-secret-of-thirty-two-bytes-0123' > "$work/secret"
hyperfine --warmup 10 --min-runs 200 \
  -n "jwtscope HS256" "$jwtscope encode --secret-file $work/secret --iss https://test --sub alice > /dev/null" \
  -n "jwt-cli HS256" "$jwt encode --secret @$work/secret --iss https://test --sub alice > /dev/null" \
  -n "jwtscope RS256" "$jwtscope encode --key $work/rsa.pem --iss https://test --sub alice > /dev/null" \
  -n "jwt-cli RS256" "$jwt encode --alg RS256 --secret @$work/rsa.pem --iss https://test --sub alice > /dev/null" 2>/dev/null \
  | grep -E "Time|jwtscope|jwt-cli|faster" || true
for cmd in "$jwtscope encode --key $work/rsa.pem --sub alice" "$jwt encode --alg RS256 --secret @$work/rsa.pem --sub alice"; do
  rss=$(/usr/bin/time -f %M $cmd 2>&1 >/dev/null | tail -1)
  printf '  peak RSS RS256 %-9s %6s KiB\n' "$(basename "${cmd%% *}")" "$rss"
done
