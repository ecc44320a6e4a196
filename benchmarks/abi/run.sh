#!/usr/bin/env bash
# Measures what the C ABI adds to a slice and how long an engine takes to start.
#
#   benchmarks/abi/run.sh [MODEL]        (default: tests/data/calicat.stl)
#
# Two programs, each run ROUNDS times as fresh processes:
#   AbiComparison  one process that slices with SlicingEngine.Slice and with
#                  rv_slice_file, call for call in alternation. Load from
#                  other processes so hits both sides alike (the overhead figure).
#   bench_abi      a C program that times the runtime start, engine creation
#                  and rv_slice_file calls as a C caller sees them.
# AbiComparison also runs on a 2 mm cube (10 layers), whose slice is so short
# that the per-pair difference shows the fixed cost of one call through the ABI.
# Environment: ROUNDS (default 3), WARMUP calls per side and round (10), CALLS
# timed per side and round (20), SETTINGS (JSON, default {}), PROGRESS=1 to
# pass a progress callback on both sides, BENCH_DIR for the work files
# (default /tmp/realvision-abi-bench).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
model="$(realpath "${1:-$root/tests/data/calicat.stl}")"
rounds="${ROUNDS:-3}"
warmup="${WARMUP:-10}"
calls="${CALLS:-20}"
settings="${SETTINGS:-{\}}"
progress=""
if [ "${PROGRESS:-0}" = 1 ]; then progress="progress"; fi
work="${BENCH_DIR:-/tmp/realvision-abi-bench}"
kit="$root/engine/RealVision.Interop/bin/Release/net10.0"
comparison="$root/benchmarks/abi/AbiComparison/bin/Release/net10.0/AbiComparison"
mkdir -p "$work"
rm -f "$work"/c-*.txt "$work"/comparison-*.txt "$work"/small-*.txt

echo "== building (Release) ==" >&2
dotnet build "$root/engine/RealVision.Interop/RealVision.Interop.csproj" -c Release -nologo -v q >&2
dotnet build "$root/benchmarks/abi/AbiComparison/AbiComparison.csproj" -c Release -nologo -v q >&2
# Linked against the kit's copy of the library, which finds RealVision.Interop.dll beside itself.
cc -O2 -std=c99 -D_POSIX_C_SOURCE=199309L -I "$root/native/include" "$root/benchmarks/abi/bench_abi.c" \
  -L "$kit" -lrealvision -Wl,-rpath,"$kit" -o "$work/bench_abi"

# A closed 2 mm cube as an ASCII STL: 12 triangles, normals left for the reader to compute.
python3 - "$work/cube-2mm.stl" <<'PYTHON'
import sys
corners = [(x, y, z) for z in (0, 2) for y in (0, 2) for x in (0, 2)]
faces = [(0, 2, 3, 1), (4, 5, 7, 6), (0, 1, 5, 4), (2, 6, 7, 3), (0, 4, 6, 2), (1, 3, 7, 5)]
with open(sys.argv[1], "w") as stl:
    stl.write("solid cube\n")
    for a, b, c, d in faces:
        for triangle in ((a, b, c), (a, c, d)):
            stl.write(" facet normal 0 0 0\n  outer loop\n")
            for corner in triangle:
                stl.write("   vertex %g %g %g\n" % corners[corner])
            stl.write("  endloop\n endfacet\n")
    stl.write("endsolid cube\n")
PYTHON

unset REALVISION_INTEROP_DIR
for round in $(seq 1 "$rounds"); do
  echo "== round $round of $rounds ==" >&2
  "$comparison" "$model" "$settings" "$kit" "$warmup" "$calls" $progress >"$work/comparison-$round.txt"
  "$work/bench_abi" "$model" "$settings" "$warmup" "$calls" $progress >"$work/c-$round.txt"
  "$comparison" "$work/cube-2mm.stl" "$settings" "$kit" 50 100 $progress >"$work/small-$round.txt"
done

python3 "$root/benchmarks/abi/summarize.py" "$work" "$rounds" "$model" "$settings" "$warmup" "$calls" "${progress:-none}"
