#!/usr/bin/env bash
# Builds the service and the load tool in Release, starts the service on 127.0.0.1 with a fresh
# data folder and its default workers (one per core), creates a key, runs the load tool against
# it and stops the service again. Usage: benchmarks/load/run.sh [MODEL] [load tool options]
# Example: benchmarks/load/run.sh tests/data/calicat.rvwj --idle 20 --batch 100 --status-rate 20
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
model="${1:-$root/tests/data/calicat.rvwj}"
shift || true
out="$(mktemp -d)"
data="$out/data"
trap 'if [ -n "${service_pid:-}" ]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi; rm -rf "$out"' EXIT

dotnet publish "$root/engine/RealVision.Service/RealVision.Service.csproj" -c Release -o "$out/service" -nologo -v q >/dev/null
dotnet build "$root/benchmarks/load/RealVision.LoadTest.csproj" -c Release -o "$out/load" -nologo -v q >/dev/null

key="$(dotnet "$out/service/RealVision.Service.dll" keys create --name load-test --data "$data" | awk '/subscription key/ {print $NF}')"
RealVision__MaxQueuedTasksPerKey=10000 dotnet "$out/service/RealVision.Service.dll" serve \
  --urls http://127.0.0.1:0 --data "$data" --no-operator-key >"$out/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 300); do
  url="$(grep -o 'listening on http://[0-9.:]*' "$out/service.log" | head -1 | sed 's/listening on //')" || true
  [ -n "$url" ] && break
  sleep 0.1
done
if [ -z "${url:-}" ]; then
  cat "$out/service.log" >&2
  echo "error: the service did not start" >&2
  exit 1
fi

dotnet "$out/load/RealVision.LoadTest.dll" "$url" "$key" "$model" "$@"
