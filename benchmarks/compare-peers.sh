#!/usr/bin/env bash
# Times `realvision slice` against CuraEngine and PrusaSlicer on the same
# meshes at the same settings and prints a table of median wall time, peak
# RSS, layer count and extruded volume, with realvision's time ratio to each.
#
# Usage: benchmarks/compare-peers.sh [--runs N] [--models LIST] [--tools LIST] [--timeout SECONDS]
#   --runs N          counted runs of each tool on each model, after one warm-up (default 5)
#   --models LIST     comma-separated, from: calicat, sphere (262,144 triangles),
#                     plate (nine calicats, 3 x 3), sphere5m (5,000,000 triangles)
#                     (default calicat,sphere,plate)
#   --tools LIST      comma-separated, from: realvision, cura, prusa (default all three)
#   --timeout SECONDS limit for one slicer run; a run past it counts as failed (default 900)
#   --no-build        time the CLI already in build/cli instead of rebuilding it when sources changed
#
# As root it installs the Debian packages cura-engine, prusa-slicer and time
# when missing (as another user it prints the apt-get line and stops), and
# unpacks CuraEngine's setting definitions from the `cura` package with
# `apt-get download` and `dpkg -x`, without installing Cura. Models, outputs,
# logs and raw timings go to build/peer-compare/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$root/build/peer-compare"
runs=5
models="calicat,sphere,plate"
tools="realvision,cura,prusa"
timeout_s=900
build=1

usage() {
  sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --models) models="$2"; shift 2 ;;
    --tools) tools="$2"; shift 2 ;;
    --timeout) timeout_s="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "compare-peers.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]] || ! [[ "$timeout_s" =~ ^[1-9][0-9]*$ ]]; then
  echo "compare-peers.sh: --runs and --timeout need positive whole numbers (got '$runs', '$timeout_s')." >&2
  exit 2
fi

IFS=, read -r -a model_list <<<"$models"
IFS=, read -r -a tool_list <<<"$tools"
for model in "${model_list[@]}"; do
  case "$model" in calicat|sphere|plate|sphere5m) ;; *)
    echo "compare-peers.sh: unknown model '$model'; choose from calicat, sphere, plate, sphere5m." >&2; exit 2 ;;
  esac
done
for tool in "${tool_list[@]}"; do
  case "$tool" in realvision|cura|prusa) ;; *)
    echo "compare-peers.sh: unknown tool '$tool'; choose from realvision, cura, prusa." >&2; exit 2 ;;
  esac
done

# --- Packages, CuraEngine's definitions, our build -------------------------

"$root/eng/require-packages.sh" cura-engine prusa-slicer time

definitions="$cache/cura/usr/share/cura/resources/definitions"
if [ ! -f "$definitions/fdmprinter.def.json" ] || [ ! -f "$definitions/fdmextruder.def.json" ]; then
  echo "Unpacking CuraEngine's setting definitions from the Debian package 'cura' (not installed)..." >&2
  download="$(mktemp -d)"
  # apt-get download drops privileges to the _apt user, which must own the folder it writes to.
  chown _apt "$download" 2>/dev/null || true
  if ! (cd "$download" && apt-get download -q cura >&2); then
    echo "error: 'apt-get download cura' failed; run 'apt-get update' and try again." >&2
    rm -rf "$download"
    exit 1
  fi
  mkdir -p "$cache/cura"
  dpkg -x "$download"/cura_*.deb "$cache/cura"
  rm -rf "$download"
fi

# The wrapper rebuilds the CLI when sources changed. The timed runs call a
# copy of the published CLI, so that neither the wrapper's rebuild check nor a
# rebuild started by someone else during the runs lands inside a timing.
if [ "$build" -eq 1 ]; then
  "$root/realvision" plugins >/dev/null
elif [ ! -x "$root/build/cli/realvision" ]; then
  echo "error: --no-build, but build/cli/realvision does not exist; run ./realvision once to build it." >&2
  exit 1
fi
rm -rf "$cache/realvision-cli"
mkdir -p "$cache"
cp -a "$root/build/cli" "$cache/realvision-cli"
realvision_bin="$cache/realvision-cli/realvision"

mkdir -p "$cache/models" "$cache/out" "$cache/logs"

generator="$root/benchmarks/RealVision.Benchmarks/bin/Release/net10.0/RealVision.Benchmarks"
generate() {
  if [ ! -x "$generator" ]; then
    echo "Building the benchmark project for its model generator..." >&2
    dotnet build "$root/benchmarks/RealVision.Benchmarks/RealVision.Benchmarks.csproj" -c Release -nologo -v q >&2
  fi
  "$generator" models "$@" >&2
}

model_path() {
  case "$1" in
    calicat) echo "$root/tests/data/calicat.stl" ;;
    sphere) echo "$cache/models/sphere-262k.stl" ;;
    plate) echo "$cache/models/calicat-plate-3x3.stl" ;;
    sphere5m) echo "$cache/models/sphere-5m.stl" ;;
  esac
}

for model in "${model_list[@]}"; do
  path="$(model_path "$model")"
  [ -f "$path" ] && continue
  case "$model" in
    sphere) generate sphere "$path" --segments 512 --rings 257 --radius 40 ;;
    plate) generate plate "$root/tests/data/calicat.stl" "$path" --columns 3 --rows 3 --spacing 60 ;;
    sphere5m) generate sphere "$path" --segments 2000 --rings 1251 --radius 50 ;;
  esac
done

# --- One setting set, three dialects ---------------------------------------
# Every tool gets: 0.2 mm layers (first 0.2), 0.4 mm nozzle and line width,
# 2 walls, 3 top and 3 bottom layers, 20 % lines infill, 1.75 mm filament.
# Each also prints one skirt loop 3 mm out, on a 220 x 220 mm bed with the
# model centred.

realvision_args=(
  --set layer_height=0.2 --set first_layer_height=0.2 --set nozzle_diameter=0.4 --set line_width=0.4
  --set wall_count=2 --set top_layers=3 --set bottom_layers=3
  --set infill_density=0.2 --set infill_pattern=lines --set filament_diameter=1.75
  --set skirt_loops=1 --set skirt_distance=3 --set machine_width=220 --set machine_depth=220
)

# CuraEngine's command line takes each setting's default_value and does not
# evaluate the Python expressions in the definitions, so derived settings are
# given explicitly: line distance 2 mm is 0.4 mm / 20 % for lines. Settings
# after -e0 go to extruder 0, whose definition sets material_diameter 2.85.
cura_args=(
  -s machine_width=220 -s machine_depth=220 -s machine_height=250 -s center_object=true
  -s layer_height=0.2 -s layer_height_0=0.2 -s line_width=0.4
  -s wall_line_count=2 -s top_layers=3 -s bottom_layers=3 -s initial_bottom_layers=3
  -s infill_sparse_density=20 -s infill_pattern=lines -s infill_line_distance=2
  -s adhesion_type=skirt -s skirt_line_count=1 -s skirt_gap=3
  -e0 -s machine_nozzle_size=0.4 -s material_diameter=1.75
)

prusa_args=(
  --export-gcode --gcode-flavor marlin2
  --bed-shape 0x0,220x0,220x220,0x220 --center 110,110
  --layer-height 0.2 --first-layer-height 0.2 --nozzle-diameter 0.4
  --extrusion-width 0.4 --first-layer-extrusion-width 0.4
  --perimeters 2 --top-solid-layers 3 --bottom-solid-layers 3
  --top-solid-min-thickness 0 --bottom-solid-min-thickness 0
  --fill-density 20% --fill-pattern line --filament-diameter 1.75
  --skirts 1 --skirt-distance 3 --skirt-height 1
)

# Sets the array `command` to the command line that slices $2 into $3 with tool $1.
set_command() {
  local tool="$1" input="$2" output="$3"
  case "$tool" in
    realvision) command=("$realvision_bin" slice "$input" -o "$output" -q "${realvision_args[@]}") ;;
    cura) command=(CuraEngine slice -j "$definitions/fdmprinter.def.json" "${cura_args[@]}" -l "$input" -o "$output") ;;
    prusa) command=(prusa-slicer "${prusa_args[@]}" --output "$output" "$input") ;;
  esac
}

# --- Interleaved runs --------------------------------------------------------
# Round 0 is the warm-up (file cache, first-run costs) and is not counted.
# In every round each model is sliced by each tool in turn, so a slow spell of
# the shared machine hits all tools alike.

timings="$cache/timings.tsv"
printf 'round\tmodel\ttool\texit\twall_s\tcpu_s\tpeak_rss_kib\n' >"$timings"
time_file="$(mktemp)"
trap 'rm -f "$time_file"' EXIT

for round in $(seq 0 "$runs"); do
  for model in "${model_list[@]}"; do
    input="$(model_path "$model")"
    for tool in "${tool_list[@]}"; do
      output="$cache/out/$tool-$model.gcode"
      log="$cache/logs/$tool-$model.log"
      rm -f "$output"
      set_command "$tool" "$input" "$output"
      start=$EPOCHREALTIME
      set +e
      /usr/bin/time -f '%M %U %S' -o "$time_file" timeout "$timeout_s" "${command[@]}" >"$log" 2>&1
      status=$?
      set -e
      end=$EPOCHREALTIME
      # EPOCHREALTIME is seconds with six decimals; without the dot it is microseconds.
      elapsed_us=$(( ${end/./} - ${start/./} ))
      wall=$(printf '%d.%06d' $((elapsed_us / 1000000)) $((elapsed_us % 1000000)))
      # GNU time's last line: peak RSS in KiB, user and system CPU seconds.
      read -r rss user_s system_s < <(tail -n 1 "$time_file") || true
      [[ "${rss:-}" =~ ^[0-9]+$ ]] || rss=0
      cpu=$(awk -v u="${user_s:-0}" -v s="${system_s:-0}" 'BEGIN { printf "%.2f", u + s }')
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$model" "$tool" "$status" "$wall" "$cpu" "$rss" >>"$timings"
      label=$([ "$round" -eq 0 ] && echo "warm-up" || echo "run $round/$runs")
      printf '%-8s %-10s %-10s exit %-3s %9s s wall %7s s CPU %8s KiB\n' "$label" "$model" "$tool" "$status" "$wall" "$cpu" "$rss" >&2
    done
  done
done

python3 "$root/benchmarks/summarize_runs.py" "$timings" "$cache/out"
