#!/usr/bin/env python3
"""Print the peer comparison's table from the timings compare-peers.sh recorded.

Reads TIMINGS.tsv (round, model, tool, exit, wall_s, cpu_s, peak_rss_kib)
and the last G-code each tool wrote, OUT_DIR/TOOL-MODEL.gcode. Round 0 is
the warm-up and is skipped. The Markdown table has a row per model and
tool. Its columns are the median wall time with its range, the median CPU
time (user + system) and peak RSS, the layers and extruded volume measured
from the G-code, and realvision's time ratio to each peer. The ratio is the median of the
per-round ratios. Within a round the tools ran one after the other, so each
ratio compares runs that saw the same machine load.

Usage: summarize_runs.py TIMINGS.tsv OUT_DIR [--filament-diameter MM]
"""

import argparse
import csv
import datetime
import os
import platform
import statistics
import subprocess
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # leave no __pycache__ folder in the source tree
import gcode_stats  # noqa: E402  (a sibling script, found through the path set above)

OURS = "realvision"


def package_version(name):
    try:
        result = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name],
                                capture_output=True, text=True, check=False)
    except OSError:
        return "unknown"
    return result.stdout.strip() or "not installed"


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown processor"


def load_runs(path):
    runs = defaultdict(dict)  # (model, tool) -> {round: (exit, wall, rss, cpu)}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if int(row["round"]) == 0:
                continue
            runs[(row["model"], row["tool"])][int(row["round"])] = (
                int(row["exit"]), float(row["wall_s"]), int(row["peak_rss_kib"]), float(row["cpu_s"]))
    return runs


def describe_ratio(ours, peer):
    ratios = [ours[r][1] / peer[r][1] for r in sorted(ours) if r in peer
              and ours[r][0] == 0 and peer[r][0] == 0 and peer[r][1] > 0]
    if not ratios:
        return "n/a"
    return f"{statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("timings", help="timings.tsv written by compare-peers.sh")
    parser.add_argument("out_dir", help="folder with TOOL-MODEL.gcode outputs")
    parser.add_argument("--filament-diameter", type=float, default=1.75, metavar="MM")
    args = parser.parse_args()

    runs = load_runs(args.timings)
    models = list(dict.fromkeys(model for model, _ in runs))
    tools = list(dict.fromkeys(tool for _, tool in runs))

    print(f"Date: {datetime.date.today().isoformat()}; machine: {os.cpu_count()} cores, {cpu_model()}; "
          f"cura-engine {package_version('cura-engine')}, prusa-slicer {package_version('prusa-slicer')}.")
    print("Wall time and peak RSS are whole-process figures; ratio = realvision time / peer time, "
          "median of per-round ratios (range in brackets); below 1 means realvision is faster.")
    print()
    print("| model | tool | runs | median wall s (min–max) | median CPU s | median peak RSS MiB | layers | extruded mm³ "
          "| realvision ÷ tool, wall |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for model in models:
        for tool in tools:
            measured = runs.get((model, tool))
            if not measured:
                continue
            ok = [v for v in measured.values() if v[0] == 0]
            failed = [v[0] for v in measured.values() if v[0] != 0]
            count = f"{len(ok)}" + (f" ({len(failed)} failed, exit {failed[0]})" if failed else "")
            if ok:
                walls = [v[1] for v in ok]
                wall = f"{statistics.median(walls):.3f} ({min(walls):.3f}–{max(walls):.3f})"
                rss = f"{statistics.median(v[2] for v in ok) / 1024:.0f}"
                cpu = f"{statistics.median(v[3] for v in ok):.2f}"
            else:
                wall, rss, cpu = "failed", "n/a", "n/a"

            gcode = os.path.join(args.out_dir, f"{tool}-{model}.gcode")
            if ok and os.path.isfile(gcode):
                with open(gcode, encoding="utf-8", errors="replace") as handle:
                    measured_gcode = gcode_stats.measure(handle, args.filament_diameter)
                layers = str(measured_gcode["layers"])
                volume = f"{measured_gcode['volume_mm3']:.0f}"
            else:
                layers, volume = "n/a", "n/a"

            ours = runs.get((model, OURS))
            ratio = "—" if tool == OURS or not ours else describe_ratio(ours, measured)
            print(f"| {model} | {tool} | {count} | {wall} | {cpu} | {rss} | {layers} | {volume} | {ratio} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
