#!/usr/bin/env bash
# Terminal UI measurements in a real terminal (tmux), with the 260 KB / 5000-group token:
#   - time to the first frame (jwtscope records it itself via JWTSCOPE_FIRST_FRAME_LOG; both
#     tools are also timed from launch until the decoded token is on screen, polling tmux);
#   - CPU used while idle for 10 s; peak memory (VmHWM).
# Compares with jwt-ui (cargo install jwt-ui, into target/bench-tools; not committed) when
# it is installed or installable. Needs tmux and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=target/bench-tools
if [ ! -x "$tools/bin/jwtui" ] && [ "${SKIP_JWT_UI:-}" = "" ]; then
  cargo install jwt-ui --locked --root "$tools" || echo "(jwt-ui could not be installed; skipping it)"
fi
cargo build --release --locked --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"; tmux -L jwtscope-bench kill-server 2>/dev/null || true' EXIT

python3 - "$work" <<'PY'
import base64, json, sys
d = sys.argv[1]
b64u = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
groups = ["%08x-%04x-4%03x-8%03x-%012x" % (i * 7919, i % 65536, i % 4096, (i * 31) % 4096, i * 104729) for i in range(5000)]
payload = {"aud": "https://management.azure.com/", "iss": "https://sts.windows.net/8c3dad1d-b6bc-4f8b-939b-8263372eced6/",
           "iat": 1795507200, "nbf": 1795507200, "exp": 1795511100, "sub": "bench-subject-0001", "oid": "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
           "tid": "8c3dad1d-b6bc-4f8b-939b-8263372eced6", "ver": "1.0", "groups": groups}
def token(n):
    p = dict(payload, groups=groups[:n])
    return b64u(b'{"typ":"JWT","alg":"RS256","kid":"test"}') + "." + b64u(json.dumps(p, separators=(",", ":")).encode()) + "." + b64u(b"sig" * 86)
open(f"{d}/big.jwt", "w").write(token(5000))
# jwt-ui takes the token only as an argument, and Linux caps one argument at 128 KiB.
open(f"{d}/mid.jwt", "w").write(token(2000))
PY

measure() { # name, command, text that shows the token decoded; prints ms to visible, idle CPU ms / 10 s, peak RSS KiB
  local name=$1 cmd=$2 needle=${3:-3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f}
  tmux -L jwtscope-bench kill-server 2>/dev/null || true
  python3 - "$name" "$cmd" "$needle" <<'PY'
import os, subprocess, sys, time
name, cmd, needle = sys.argv[1], sys.argv[2], sys.argv[3]
T = ["tmux", "-L", "jwtscope-bench", "-f", "/dev/null"]
t0 = time.perf_counter()
subprocess.run(T + ["new-session", "-d", "-x", "200", "-y", "60", cmd], check=True)
visible = None
while time.perf_counter() - t0 < 10:
    screen = subprocess.run(T + ["capture-pane", "-p"], capture_output=True, text=True).stdout
    if needle in screen:
        visible = (time.perf_counter() - t0) * 1000
        break
    time.sleep(0.002)
pane_pid = subprocess.run(T + ["display-message", "-p", "#{pane_pid}"], capture_output=True, text=True).stdout.strip()
# The tool is the pane's process (or its only child when run through a shell).
children = subprocess.run(["pgrep", "-P", pane_pid], capture_output=True, text=True).stdout.split()
pid = children[-1] if children else pane_pid
def cpu_ms():
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
time.sleep(1)
c0 = cpu_ms(); time.sleep(10); c1 = cpu_ms()
hwm = [l for l in open(f"/proc/{pid}/status") if l.startswith("VmHWM")][0].split()[1]
subprocess.run(T + ["kill-server"])
vis = f"{visible:.0f} ms" if visible is not None else "never"
print(f"{name:10} decoded token on screen after {vis:>8}; idle CPU {c1 - c0:.0f} ms in 10 s; peak RSS {hwm} KiB")
PY
}

log="$work/first-frame.log"
for i in 1 2 3 4 5; do
  measure jwtscope "env JWTSCOPE_FIRST_FRAME_LOG=$log $PWD/target/release/jwtscope --now 2026-11-24T09:00:00Z $work/big.jwt" >/dev/null
done
echo "jwtscope first frame (own clock, 5 runs, µs): $(tr '\n' ' ' < "$log")"
measure jwtscope "$PWD/target/release/jwtscope --now 2026-11-24T09:00:00Z $work/big.jwt"
if [ -x "$tools/bin/jwtui" ]; then
  echo "== both with a $(wc -c < "$work/mid.jwt")-byte token (2000 groups) as the argument:"
  # tmux refuses 100 KB command lines: the shell reads the token and execs the tool.
  measure jwtscope "exec sh -c 'exec $PWD/target/release/jwtscope --now 2026-11-24T09:00:00Z \"\$(cat $work/mid.jwt)\"'"
  # jwt-ui shows the decoded header in its own pane; that is its "decoded" moment.
  measure jwt-ui "exec sh -c 'exec $PWD/$tools/bin/jwtui \"\$(cat $work/mid.jwt)\"'" '"alg": "RS256"'
fi
