#!/usr/bin/env python3
"""Summarise the measurements of benchmarks/abi/run.sh as Markdown.

    summarize.py WORK_DIR ROUNDS MODEL SETTINGS WARMUP CALLS PROGRESS
"""

import os
import platform
import statistics
import sys


def read(path):
    """Return {name: [values]} from 'name value' lines."""
    values = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            name, value = line.split()
            values.setdefault(name, []).append(float(value))
    return values


def pooled(runs, name):
    return [value for run in runs for value in run.get(name, [])]


def main():
    work, rounds, model, settings, warmup, calls, progress = sys.argv[1:8]
    rounds = int(rounds)
    comparisons = [read(os.path.join(work, f"comparison-{r}.txt")) for r in range(1, rounds + 1)]
    c_runs = [read(os.path.join(work, f"c-{r}.txt")) for r in range(1, rounds + 1)]

    abi = pooled(comparisons, "abi_slice_s")
    baselines = {"new MemoryStream per call": "managed_slice_s", "reused MemoryStream": "managed_reused_slice_s"}

    print(f"Model {os.path.basename(model)}, settings {settings}, progress callback: {progress}; "
          f"{rounds} rounds of {warmup} warm-up and {calls} timed calls per side; "
          f"{platform.machine()}, {os.cpu_count()} logical CPUs, load average {os.getloadavg()[0]:.1f} at the end.")
    print()
    print("Slice call, one process, sides alternating call for call (AbiComparison), seconds:")
    print()
    print("| | rv_slice_file (C ABI) | Slice, new MemoryStream | Slice, reused MemoryStream |")
    print("| --- | --- | --- | --- |")

    columns = [abi, pooled(comparisons, "managed_slice_s"), pooled(comparisons, "managed_reused_slice_s")]

    def row(label, function):
        print(f"| {label} | " + " | ".join(f"{function(column):.4f}" for column in columns) + " |")

    row(f"median of {len(abi)} calls", statistics.median)
    row("fastest call", min)
    for r, run in enumerate(comparisons, 1):
        print(f"| median of round {r} | {statistics.median(run['abi_slice_s']):.4f} | "
              f"{statistics.median(run['managed_slice_s']):.4f} | {statistics.median(run['managed_reused_slice_s']):.4f} |")
    print(f"| output bytes | {int(comparisons[0]['abi_output_bytes'][0])} | {int(comparisons[0]['managed_output_bytes'][0])} | |")
    print()
    for label, name in baselines.items():
        managed = pooled(comparisons, name)
        # Call i of each side ran back to back, so their ratio cancels most of the background load.
        ratios = [a / m for run in comparisons for a, m in zip(run["abi_slice_s"], run[name])]
        overhead = (statistics.median(abi) / statistics.median(managed) - 1) * 100
        paired = (statistics.median(ratios) - 1) * 100
        print(f"C ABI against Slice with a {label}: {overhead:+.1f} % on the medians, "
              f"{paired:+.1f} % as the median of per-call ratios (target: under +5 %).")
    reused_median = statistics.median(columns[2])

    small = [read(os.path.join(work, f"small-{r}.txt")) for r in range(1, rounds + 1)]
    small_abi = pooled(small, "abi_slice_s")
    small_managed = pooled(small, "managed_reused_slice_s")
    differences = [a - m for run in small for a, m in zip(run["abi_slice_s"], run["managed_reused_slice_s"])]
    fixed_cost = statistics.median(differences)
    print()
    print(f"Fixed cost of one call, from {len(differences)} pairs on a 2 mm cube "
          f"(rv_slice_file median {statistics.median(small_abi) * 1000:.2f} ms, "
          f"Slice with a reused stream median {statistics.median(small_managed) * 1000:.2f} ms): "
          f"median difference {fixed_cost * 1e6:+.0f} µs ({fixed_cost / reused_median * 100:+.2f} % "
          f"of the median slice above); fastest calls {min(small_abi) * 1000:.3f} ms and {min(small_managed) * 1000:.3f} ms.")
    print()
    print("Start-up and calls from a C program (bench_abi), medians over rounds:")
    print()
    print("| | seconds |")
    print("| --- | --- |")
    start = statistics.median(pooled(c_runs, "runtime_start_s"))
    first = statistics.median(pooled(c_runs, "engine_create_first_s"))
    print(f"| rv_initialize (runtime start) | {start:.4f} |")
    print(f"| first rv_engine_create | {first:.4f} |")
    print(f"| runtime start and first engine | {start + first:.4f} |")
    print(f"| later rv_engine_create | {statistics.median(pooled(c_runs, 'engine_create_next_s')):.4f} |")
    print(f"| rv_slice_file, median of {len(pooled(c_runs, 'slice_s'))} calls | "
          f"{statistics.median(pooled(c_runs, 'slice_s')):.4f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
