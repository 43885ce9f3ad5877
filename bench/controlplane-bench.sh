#!/usr/bin/env bash
# Control plane benchmark: a demo control plane holding 100k workloads pushed through cluster-sync,
# then wrk against
#   GET /api/v1/org-unit/projects                        (target >= 5,000 req/s)
#   GET /api/v1/org-unit/departments                     (no target)
#   GET /api/v1/workloads?limit=50&sortBy=createdAt      (target p99 < 20 ms)
# and both again while a cluster keeps pushing: 50 changed workloads (phase, GPUs) plus its node pool
# status every 200 ms through POST /api/v1/cluster-sync/state, as a busy cluster does.
# Usage: bench/controlplane-bench.sh [BUILD_DIR] [WORKLOADS]   (defaults: build, 100000)
set -euo pipefail
BUILD_DIR=${1:-build}
COUNT=${2:-100000}
SERVER="$BUILD_DIR/controlplane/gpudesk-server"
WORK=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
"$SERVER" controlplane --listen 127.0.0.1:0 --db "$WORK/cp.sqlite" --seed demo \
  --cluster-tokens-file "$WORK/tokens.json" > "$WORK/out.txt" 2> "$WORK/err.txt" &
PID=$!
for _ in $(seq 50); do grep -q listening "$WORK/out.txt" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's/control plane listening on //p' "$WORK/out.txt")
echo "control plane: $URL"
python3 - "$URL" "$WORK/tokens.json" "$COUNT" "$WORK/admin.token" "$WORK/sync.token" <<'PY'
import json, sys, time, urllib.request
url, tokens_file, count, token_out, sync_out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
def call(method, path, body=None, token=None):
    req = urllib.request.Request(url + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    req.add_header("Content-Type", "application/json")
    if token: req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=300) as r: return json.load(r)
cluster_token = json.load(open(tokens_file))["cluster-a"]
sync = call("POST", "/api/v1/cluster-sync/register", {"name": "cluster-a", "domain": "http://127.0.0.1:1"}, cluster_token)["syncToken"]
open(sync_out, "w").write(sync)
projects = ["project-1a", "project-2a", "project-2b"]
phases = ["Running", "Pending", "Completed", "Failed", "Running"]
start = time.time()
batch = 5000
for first in range(0, count, batch):
    workloads = [{"id": "bench-%06d" % i, "name": "job-%06d" % i, "type": "Training", "projectName": projects[i % 3],
                  "phase": phases[i % 5], "submittedBy": "x@demo.local",
                  "createdAt": "2026-%02d-%02dT%02d:%02d:%02d.000Z" % (1 + i % 12, 1 + i % 28, i % 24, i % 60, (i // 60) % 60),
                  "allocatedResources": {"gpu": i % 8}, "requestedNodePools": ["pool-a"]}
                 for i in range(first, min(first + batch, count))]
    call("POST", "/api/v1/cluster-sync/state", {"workloads": workloads}, sync)
print("pushed %d workloads in %.1f s" % (count, time.time() - start))
admin = call("POST", "/api/v1/token", {"grantType": "password", "username": "admin@demo.local", "password": "gpudesk-demo"})["accessToken"]
print("workloads/count:", call("GET", "/api/v1/workloads/count", token=admin)["count"])
open(token_out, "w").write(admin)
PY
TOKEN=$(cat "$WORK/admin.token")
echo
echo "== GET /api/v1/org-unit/projects (target >= 5000 req/s)"
# The first list after a sync push computes quota status over every workload; later ones are cached.
echo "first request after the push: $(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "$URL/api/v1/org-unit/projects") s"
wrk -t2 -c32 -d10s --latency -H "Authorization: Bearer $TOKEN" "$URL/api/v1/org-unit/projects" | grep -E "Requests/sec|Latency|99%|Non-2xx"
echo
echo "== GET /api/v1/org-unit/departments (no target; served like projects)"
wrk -t2 -c32 -d10s --latency -H "Authorization: Bearer $TOKEN" "$URL/api/v1/org-unit/departments" | grep -E "Requests/sec|Latency|99%|Non-2xx"
echo
echo "== GET /api/v1/workloads?limit=50&sortBy=createdAt (target p99 < 20 ms)"
# Warm the sorted-order cache once, as any running control plane would be.
curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL/api/v1/workloads?limit=50&sortBy=createdAt"
wrk -t2 -c8 -d10s --latency -H "Authorization: Bearer $TOKEN" "$URL/api/v1/workloads?limit=50&sortBy=createdAt" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
echo
echo "== same, as x@demo.local (scope-filtered: 2 of 4 projects)"
XTOKEN=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"grantType":"password","username":"x@demo.local","password":"gpudesk-demo"}' "$URL/api/v1/token" | python3 -c 'import json,sys;print(json.load(sys.stdin)["accessToken"])')
wrk -t2 -c8 -d10s --latency -H "Authorization: Bearer $XTOKEN" "$URL/api/v1/workloads?limit=50&sortBy=createdAt" | grep -E "Requests/sec|50%|99%|Non-2xx"

echo
echo "== under push load: 50 workloads + node pool status every 200 ms through cluster-sync"
# The pusher runs through both wrk runs below and then prints how many pushes it made and their latency.
python3 - "$URL" "$(cat "$WORK/sync.token")" "$COUNT" 24 > "$WORK/pusher.txt" <<'PY' &
import json, random, sys, time, urllib.request
url, sync, count, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
projects = ["project-1a", "project-2a", "project-2b"]
rng = random.Random(4)
def workload(i):
    return {"id": "bench-%06d" % i, "name": "job-%06d" % i, "type": "Training", "projectName": projects[i % 3],
            "phase": rng.choice(["Running", "Running", "Pending", "Completed"]), "submittedBy": "x@demo.local",
            "createdAt": "2026-%02d-%02dT%02d:%02d:%02d.000Z" % (1 + i % 12, 1 + i % 28, i % 24, i % 60, (i // 60) % 60),
            "allocatedResources": {"gpu": rng.randrange(8)}, "requestedNodePools": ["pool-a"]}
latencies, end, tick = [], time.time() + seconds, time.time()
while time.time() < end:
    body = {"workloads": [workload(rng.randrange(count)) for _ in range(50)],
            "nodePools": [{"name": "pool-a", "nodes": 16, "gpus": 128, "allocatedGpus": rng.randrange(129), "phase": "Ready"}]}
    req = urllib.request.Request(url + "/api/v1/cluster-sync/state", method="POST", data=json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    req.add_header("Authorization", "Bearer " + sync)
    start = time.time()
    urllib.request.urlopen(req, timeout=60).read()
    latencies.append(time.time() - start)
    tick += 0.2
    time.sleep(max(0, tick - time.time()))
latencies.sort()
print("pusher: %d pushes in %.0f s, push latency p50 %.1f ms, p99 %.1f ms"
      % (len(latencies), seconds, 1000 * latencies[len(latencies) // 2], 1000 * latencies[int(len(latencies) * 0.99)]))
PY
PUSHER=$!
sleep 1
echo "-- GET /api/v1/org-unit/projects"
wrk -t2 -c32 -d10s --latency -H "Authorization: Bearer $TOKEN" "$URL/api/v1/org-unit/projects" | grep -E "Requests/sec|Latency|99%|Non-2xx"
echo "-- GET /api/v1/workloads?limit=50&sortBy=createdAt"
wrk -t2 -c8 -d10s --latency -H "Authorization: Bearer $TOKEN" "$URL/api/v1/workloads?limit=50&sortBy=createdAt" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
wait "$PUSHER"
cat "$WORK/pusher.txt"
