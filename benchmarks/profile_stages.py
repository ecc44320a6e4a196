#!/usr/bin/env python3
"""Split the wall time of `realvision slice` into phases, under several JIT settings.

Runs `realvision slice MODEL -o OUT -q -v` repeatedly, once per runtime
configuration in each round (so all configurations see the same machine
load), and reads the debug log on standard error: the time each plugin
finished loading, "Slice of ... started", each "Stage NAME started at N ms"
and "Slice of ... finished". It prints, per configuration, the median of
each phase in milliseconds, of the process's CPU time (user + system) and
of its peak RSS.

Phases: "to first plugin" runs from the process launch until the first
plugin has loaded, so it covers runtime start-up, command-line parsing,
service set-up and one plugin. "plugins" runs from the first to the last
plugin loaded, and "to slice start" covers the printer catalog and engine
creation. "slice set-up" is the time from the slice's start to its first
stage. The engine's own stages follow: its "slicing" stage includes the
walls, and "regions" is skin and infill only. "exit" runs from the end of
writing to the process's exit (closing and renaming the output, runtime
shutdown). Log timestamps have millisecond resolution and are local
wall-clock times, so a run across midnight is misread.

Usage: profile_stages.py MODEL [--runs N] [--cli PATH] [--configs LIST] [--set KEY=VALUE ...]
"""

import argparse
import datetime
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

# Documented .NET runtime configuration variables that show how much of the
# run is JIT work. Each entry maps a label to the variables it sets.
CONFIGS = {
    "default": {},
    "TieredPGO=0": {"DOTNET_TieredPGO": "0"},
    "TC_QuickJitForLoops=0": {"DOTNET_TC_QuickJitForLoops": "0"},
    "TieredCompilation=0": {"DOTNET_TieredCompilation": "0"},
    "ReadyToRun=0": {"DOTNET_ReadyToRun": "0"},
}

# Runs of one configuration in one round tried before giving up on an incomplete log.
MAX_ATTEMPTS = 3

TIMESTAMP = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) ")
STAGE = re.compile(r"Stage (.+?) started at (\d+) ms")
STAGE_NAMES = [("reading", "reading"), ("slicing", "slicing"), ("building regions", "regions"),
               ("planning paths", "planning"), ("writing", "writing")]
PHASES = ["to first plugin", "plugins", "to slice start", "slice set-up", "reading", "slicing", "regions",
          "planning", "writing", "exit", "total", "CPU"]


class IncompleteLog(Exception):
    """A run's debug log lacks a line the phases need."""


def seconds_of_day(hours, minutes, seconds, millis):
    return int(hours) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def run_once(cli, model, output, extra_env, settings):
    env = dict(os.environ)
    env.update(extra_env)
    command = [cli, "slice", model, "-o", output, "-q", "-v"]
    for setting in settings:
        command += ["--set", setting]
    now = datetime.datetime.now()
    launch = now.hour * 3600 + now.minute * 60 + now.second + now.microsecond / 1e6
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    total = time.monotonic() - started
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed with exit code {process.returncode}:\n{stderr[-2000:]}")
    phases = parse_log(stderr, launch, total)
    phases["CPU"] = usage.ru_utime + usage.ru_stime
    return phases, usage.ru_maxrss


def parse_log(stderr, launch, total):
    plugin_times, slice_start, slice_end, stages = [], None, None, {}
    for line in stderr.splitlines():
        match = TIMESTAMP.match(line)
        if not match:
            continue
        at = seconds_of_day(*match.groups())
        if "RealVision.Plugins" in line and " Loaded " in line:
            plugin_times.append(at)
        elif "Slice of" in line and line.rstrip().endswith("started"):
            slice_start = at
        elif "Slice of" in line and " finished: " in line:
            slice_end = at
        stage = STAGE.search(line)
        if stage:
            stages[stage.group(1)] = int(stage.group(2)) / 1000
    missing = [name for name, _ in STAGE_NAMES if name not in stages]
    if not plugin_times or slice_start is None or slice_end is None or missing:
        raise IncompleteLog("the debug log lacks plugin, slice start or end, or stage lines (missing stages: "
                            f"{', '.join(missing) or 'none'}); is -v still logging at debug level?")

    # Stage times count from the slice's start; the slice's "finished" line ends the writing stage.
    phases = {
        "to first plugin": plugin_times[0] - launch,
        "plugins": plugin_times[-1] - plugin_times[0],
        "to slice start": slice_start - plugin_times[-1],
        "slice set-up": stages["reading"],
    }
    for (name, label), (following, _) in zip(STAGE_NAMES, STAGE_NAMES[1:]):
        phases[label] = stages[following] - stages[name]
    phases["writing"] = slice_end - (slice_start + stages["writing"])
    phases["exit"] = launch + total - slice_end
    phases["total"] = total
    return phases


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="model or workspace file to slice")
    parser.add_argument("--runs", type=int, default=5, help="rounds to count after one warm-up round (default 5)")
    parser.add_argument("--cli", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "cli", "realvision"),
                        help="published realvision binary (default build/cli/realvision; build it with ./realvision first)")
    parser.add_argument("--configs", default=",".join(CONFIGS),
                        help=f"comma-separated runtime configurations, from: {', '.join(CONFIGS)}")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="setting passed on to realvision slice (repeatable)")
    args = parser.parse_args()
    configs = args.configs.split(",")
    unknown = [c for c in configs if c not in CONFIGS]
    if unknown:
        parser.error(f"unknown configuration {unknown[0]!r}; choose from {', '.join(CONFIGS)}")
    if args.runs < 1:
        parser.error(f"--runs must be at least 1, not {args.runs}")
    if not os.access(args.cli, os.X_OK):
        parser.error(f"{args.cli} is not an executable; run ./realvision once to build it")

    results = {c: [] for c in configs}
    repeated = 0
    with tempfile.TemporaryDirectory(prefix="realvision-profile-") as folder:
        output = os.path.join(folder, "out.gcode")
        for round_number in range(args.runs + 1):
            for config in configs:
                # NOTE: the CLI exits without flushing its console logger, so the last log
                # line is sometimes lost, about 1 run in 30 on 2 cores. Such a run is repeated.
                for attempt in range(MAX_ATTEMPTS):
                    try:
                        phases, rss = run_once(args.cli, args.model, output, CONFIGS[config], args.set)
                        break
                    except IncompleteLog:
                        repeated += 1
                        if attempt == MAX_ATTEMPTS - 1:
                            raise
                if round_number > 0:
                    results[config].append((phases, rss))
            print(f"round {round_number}/{args.runs} done" + (" (warm-up)" if round_number == 0 else ""), file=sys.stderr)

    print(f"{os.path.basename(args.model)}: median ms per phase over {args.runs} runs; peak RSS in MiB"
          + (f"; {repeated} runs repeated for an incomplete log" if repeated else ""))
    print()
    print("| configuration | " + " | ".join(PHASES) + " | peak RSS |")
    print("| --- " * (len(PHASES) + 2) + "|")
    for config in configs:
        cells = [f"{statistics.median(p[name] for p, _ in results[config]) * 1000:.0f}" for name in PHASES]
        rss = statistics.median(r for _, r in results[config]) / 1024
        print(f"| {config} | " + " | ".join(cells) + f" | {rss:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
