#!/usr/bin/env bash
# The terminal UI on an input of many small tokens (issue 8 item 5): a 42 MB file of 1M
# tokens (and 2M, to see how it scales). For each: the time to the first frame (jwtscope's own
# clock, JWTSCOPE_FIRST_FRAME_LOG), the time until the strip shows the count (polling tmux),
# the time `]` takes to show the next token, and peak RSS (/usr/bin/time -v), in tmux at
# 200x50. Usage: benches/tui-many.sh [path/to/jwtscope] (default: a fresh release build).
# Needs tmux, python3 and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then
  cargo build --release --locked --quiet
  bin=$PWD/target/release/jwtscope
fi
work=$(mktemp -d)
trap 'rm -rf "$work"; tmux -L jwtscope-many kill-server 2>/dev/null || true' EXIT

for n in 1000000 2000000; do
  python3 - "$work/many-$n.txt" "$n" <<'PY'
import base64, sys
b = lambda x: base64.urlsafe_b64encode(x).rstrip(b"=").decode()
t = "eyJhbGciOiJIUzI1NiJ9." + b(b'{"sub":"x"}') + ".c2ln"
open(sys.argv[1], "w").write((t + "\n") * int(sys.argv[2]))
PY
  python3 - "$bin" "$work" "$n" <<'PY'
import os, subprocess, sys, time
bin, work, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
T = ["tmux", "-L", "jwtscope-many", "-f", "/dev/null"]
log, tv = f"{work}/ff-{n}.log", f"{work}/time-{n}.txt"
cmd = (f"/usr/bin/time -v -o {tv} env JWTSCOPE_FIRST_FRAME_LOG={log} {bin} "
       f"--now 2026-11-24T09:00:00Z --max-input-size 1GiB {work}/many-{n}.txt")
def wait(needle, limit=120):
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        screen = subprocess.run(T + ["capture-pane", "-p"], capture_output=True, text=True).stdout
        if needle in screen:
            return
        time.sleep(0.005)
    raise SystemExit(f"never saw {needle!r}:\n{screen}")
t0 = time.perf_counter()
subprocess.run(T + ["new-session", "-d", "-x", "200", "-y", "50", cmd + "; sleep 60"], check=True)
wait(f"token 1/{n}")
shown = (time.perf_counter() - t0) * 1000
t1 = time.perf_counter()
subprocess.run(T + ["send-keys", "]"])
wait(f"token 2/{n}")
step = (time.perf_counter() - t1) * 1000
subprocess.run(T + ["send-keys", "q"])
t2 = time.perf_counter()
while not (os.path.exists(tv) and "Exit status" in open(tv).read()):
    if time.perf_counter() - t2 > 60:
        raise SystemExit("did not exit")
    time.sleep(0.05)
subprocess.run(T + ["kill-server"])
stats = dict(l.strip().split(": ", 1) for l in open(tv) if ": " in l)
ff = int(open(log).read().split()[0]) / 1000
size = os.path.getsize(f"{work}/many-{n}.txt") / 1e6
print(f"{n} tokens ({size:.0f} MB): first frame {ff:.0f} ms; on screen after {shown:.0f} ms; "
      f"] {step:.0f} ms; peak RSS {int(stats['Maximum resident set size (kbytes)']) / 1024:.0f} MB; "
      f"CPU {float(stats['User time (seconds)']) + float(stats['System time (seconds)']):.2f} s")
PY
done
