#!/usr/bin/env bash
# Cluster benchmark (issue: simulated clusters): one simulated cluster of 500 nodes x 8 H100 holding
# 10,000 workloads, syncing with a real control plane on loopback every second. Measures the cluster
# process's CPU (user+system from /proc over a window) and RSS, and prints its own cycle figures.
#
# usage: bench/cluster-bench.sh [BUILD_DIR] [WINDOW_SECONDS]
#   BUILD_DIR defaults to $GPUDESK_BUILD_DIR or ./build; WINDOW_SECONDS to 60.
# Simulated time runs 60x (GPUDESK_BENCH_TIME_SCALE) so that workloads finish and new ones are placed
# every cycle: the engine runs each second rather than idling on an unchanged cluster.
# Target: the 1-second cycle holds (engine + lifecycle + sync) using < 25 % of one core.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-${GPUDESK_BUILD_DIR:-build}}"
window="${2:-60}"
server="$build/controlplane/gpudesk-server"
[[ -x "$server" ]] || { echo "no $server; build gpudesk-server first" >&2; exit 2; }

work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

wait_line() { # file prefix timeout → rest of the line
    local file="$1" prefix="$2" limit="$3" i line
    for ((i = 0; i < limit * 10; i++)); do
        line="$(grep -m1 "^$prefix" "$file" 2>/dev/null || true)"
        if [[ -n "$line" ]]; then echo "${line#"$prefix"}"; return 0; fi
        sleep 0.1
    done
    return 1
}

"$server" controlplane --listen 127.0.0.1:0 --db "$work/cp.sqlite" --seed demo \
    --cluster-tokens-file "$work/tokens.json" >"$work/cp.out" 2>"$work/cp.err" &
pids+=($!)
cp_pid=$!
cp_url="$(wait_line "$work/cp.out" "control plane listening on " 60)"
token="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["cluster-b"])' "$work/tokens.json")"

GPUDESK_CLUSTER_TOKEN="$token" "$server" cluster --name cluster-b --control-plane "$cp_url" \
    --listen 127.0.0.1:0 --nodes default:500x8xH100 --state "$work/cluster.sqlite" \
    --time-scale "${GPUDESK_BENCH_TIME_SCALE:-60}" --preload 10000 --stats >"$work/cluster.out" 2>"$work/cluster.err" &
pids+=($!)
cluster_pid=$!
wait_line "$work/cluster.out" "cluster cluster-b listening on " 30 >/dev/null
wait_line "$work/cluster.err" ".*preloaded " 60 >/dev/null || { cat "$work/cluster.err" >&2; exit 1; }

echo "warming up (initial sync of 10,000 workloads, first placements) ..."
sleep 30

ticks="$(getconf CLK_TCK)"
cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }
c0="$(cpu_of "$cluster_pid")"; p0="$(cpu_of "$cp_pid")"; t0="$(date +%s.%N)"
stats_before="$(grep -c "cycle stats" "$work/cluster.err" || true)"
sleep "$window"
c1="$(cpu_of "$cluster_pid")"; p1="$(cpu_of "$cp_pid")"; t1="$(date +%s.%N)"
rss="$(awk '/VmRSS/ {print $2}' "/proc/$cluster_pid/status")"
hwm="$(awk '/VmHWM/ {print $2}' "/proc/$cluster_pid/status")"
cp_rss="$(awk '/VmRSS/ {print $2}' "/proc/$cp_pid/status")"

echo "== cluster benchmark: 500 nodes x 8 H100 (4,000 GPUs), 10,000 workloads, 1 s cycle, ${window} s window =="
python3 - "$c0" "$c1" "$p0" "$p1" "$t0" "$t1" "$ticks" "$rss" "$hwm" "$cp_rss" <<'EOF'
import sys
c0, c1, p0, p1, t0, t1, ticks, rss, hwm, cp_rss = map(float, sys.argv[1:])
wall = t1 - t0
cluster = (c1 - c0) / ticks / wall * 100
cp = (p1 - p0) / ticks / wall * 100
print(f"cluster process CPU: {cluster:.1f} % of one core  (target < 25 %: {'PASS' if cluster < 25 else 'FAIL'})")
print(f"cluster process RSS: {rss/1024:.0f} MiB (peak {hwm/1024:.0f} MiB)")
print(f"control plane (receiving the pushes), for reference: CPU {cp:.1f} %, RSS {cp_rss/1024:.0f} MiB")
EOF
echo "cycle figures from the cluster (every 10 cycles) during the window:"
grep "cycle stats" "$work/cluster.err" | tail -n +"$((stats_before + 1))" | sed 's/^/  /'
