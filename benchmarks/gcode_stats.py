#!/usr/bin/env python3
"""Measure what a G-code file extrudes, independently of the slicer that wrote it.

Prints one JSON object: the number of layers (distinct Z heights at which
extruding moves run), the extruded filament length and volume, and the
number of extruding moves.

An extruding move is a G0/G1/G2/G3 with an X or Y word whose E word advances
the filament. The filament length is the sum of those positive E advances, so
retractions, primes and E-only moves are left out. M82 and M83 switch E
between absolute and relative. G90 and G91 switch every axis, E included, as
in Marlin, until the next M82 or M83. G92 sets positions, and a bare G92
zeroes every axis. The volume is the length times the filament's
cross-section.

Usage: gcode_stats.py FILE.gcode [--filament-diameter MM]
"""

import argparse
import json
import math
import re
import sys

WORD = re.compile(r"([A-Za-z])\s*([-+]?(?:\d+\.?\d*|\.\d+))")


def measure(lines, filament_diameter_mm):
    e_relative = False
    xyz_relative = False
    e = 0.0
    z = 0.0
    length_mm = 0.0
    moves = 0
    layer_heights = set()

    for raw in lines:
        code = raw.split(";", 1)[0].strip()
        if not code:
            continue
        words = {letter.upper(): float(value) for letter, value in WORD.findall(code)}
        command = code.split(None, 1)[0].upper()

        if command in ("G0", "G1", "G2", "G3", "G00", "G01", "G02", "G03"):
            if "Z" in words:
                z = z + words["Z"] if xyz_relative else words["Z"]
            if "E" not in words:
                continue
            delta = words["E"] if e_relative else words["E"] - e
            e = e + words["E"] if e_relative else words["E"]
            if delta > 0 and ("X" in words or "Y" in words):
                length_mm += delta
                moves += 1
                layer_heights.add(round(z, 3))
        elif command == "G92":
            if not words:
                e = 0.0
                z = 0.0
            else:
                e = words.get("E", e)
                z = words.get("Z", z)
        elif command == "M82":
            e_relative = False
        elif command == "M83":
            e_relative = True
        elif command == "G90":
            xyz_relative = False
            e_relative = False
        elif command == "G91":
            xyz_relative = True
            e_relative = True

    area_mm2 = math.pi * (filament_diameter_mm / 2) ** 2
    return {
        "layers": len(layer_heights),
        "filament_mm": round(length_mm, 1),
        "volume_mm3": round(length_mm * area_mm2, 1),
        "extruding_moves": moves,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gcode", help="G-code file to read")
    parser.add_argument("--filament-diameter", type=float, default=1.75, metavar="MM",
                        help="filament diameter in mm (default 1.75)")
    args = parser.parse_args()
    if args.filament_diameter <= 0:
        parser.error(f"--filament-diameter must be positive, not {args.filament_diameter}")
    try:
        with open(args.gcode, encoding="utf-8", errors="replace") as handle:
            result = measure(handle, args.filament_diameter)
    except OSError as error:
        print(f"gcode_stats.py: cannot read {args.gcode}: {error.strerror}", file=sys.stderr)
        return 1
    json.dump(result, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
