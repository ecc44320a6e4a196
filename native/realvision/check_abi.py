#!/usr/bin/env python3
"""Check realvision.h against the ABI record in abi.txt.

The record lists REALVISION_ABI_VERSION and every constant, type and function
that realvision.h declares. The check fails when the header's declarations
differ from the record while the version stays the same (an unannounced ABI
change), and when the version changed but the record was not regenerated.
Parameter names and whitespace are not part of the ABI and are ignored.
With --library it also checks that the shared library exports exactly the
recorded functions.

    check_abi.py --header realvision.h --abi abi.txt [--library librealvision.so]
    check_abi.py --header realvision.h --abi abi.txt --update   # rewrite abi.txt
"""

import argparse
import os
import re
import shutil
import subprocess
import sys

RECORD_HEADER = """\
# ABI record of librealvision (native/include/realvision.h), checked by ctest (realvision_abi_check).
# Regenerate it after raising REALVISION_ABI_VERSION:
#   python3 native/realvision/check_abi.py --header native/include/realvision.h --abi native/realvision/abi.txt --update
# Lines: "abi_version N", "constant NAME VALUE", "type TYPEDEF;", "function PROTOTYPE;".
"""

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def normalize(declaration):
    """Collapse whitespace and attach '*' to the type: 'const char * * x' -> 'const char** x'."""
    text = " ".join(declaration.split())
    text = re.sub(r"\s*\*\s*", "*", text)
    text = re.sub(r"\*(?=[A-Za-z_])", "* ", text)
    text = re.sub(r"\s*\(\s*", "(", text)
    text = re.sub(r"\s*\)", ")", text)
    text = re.sub(r"\s*,\s*", ", ", text)
    text = re.sub(r"\s*;", ";", text)
    text = re.sub(r"(\w)\(\*", r"\1 (*", text)
    text = re.sub(r"\(\*\s+", "(*", text)
    return text.strip()


def split_parameters(parameters):
    """Split a parameter list at top-level commas."""
    depth, current, parts = 0, "", []
    for character in parameters:
        if character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
        if character == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += character
    if current.strip():
        parts.append(current)
    return [part.strip() for part in parts]


def drop_parameter_name(parameter):
    """'const char* path' -> 'const char*'; 'void' and unnamed parameters stay as they are."""
    if parameter == "void" or "(" in parameter:
        return parameter
    tokens = parameter.replace("*", "* ").split()
    if len(tokens) > 1 and IDENTIFIER.match(tokens[-1]) and tokens[-1] not in ("const", "volatile"):
        tokens = tokens[:-1]
    return normalize(" ".join(tokens))


def signature_key(declaration):
    """Return the declaration without parameter names, also inside function-pointer types, for comparison."""

    def replace(match):
        return "(" + ", ".join(drop_parameter_name(p) for p in split_parameters(match.group(1))) + ")"

    return re.sub(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*;$", replace, declaration)


def parse_header(path):
    """Return (abi_version, entries) where entries maps 'kind name' to the normalized declaration."""
    with open(path, encoding="utf-8") as handle:
        text = strip_comments(handle.read())

    version = None
    entries = {}
    for match in re.finditer(r"^\s*#\s*define\s+(\w+)\s+(.+?)\s*$", text, flags=re.M):
        name, value = match.group(1), " ".join(match.group(2).split())
        if name == "REALVISION_ABI_VERSION":
            version = int(value)
        elif name.startswith("RV_") and name != "RV_API":
            entries["constant " + name] = f"{name} {value}"

    # Declarations outside preprocessor lines, one statement at a time.
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    body = body.replace('extern "C" {', " ")
    for statement in body.split(";"):
        statement = " ".join(statement.replace("}", " ").split())
        if statement.startswith("typedef "):
            declaration = normalize(statement + ";")
            names = re.findall(r"\(\s*\*\s*(\w+)\s*\)|(\w+)\s*;$", declaration)
            name = next(n for pair in names for n in pair if n)
            entries["type " + name] = declaration
        elif statement.startswith("RV_API "):
            declaration = normalize(statement[len("RV_API "):] + ";")
            name = re.search(r"(\w+)\s*\(", declaration).group(1)
            entries["function " + name] = declaration
    if version is None:
        sys.exit(f"{path}: no '#define REALVISION_ABI_VERSION N' found")
    return version, entries


def parse_record(path):
    version = None
    entries = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            kind, _, rest = line.partition(" ")
            if kind == "abi_version":
                version = int(rest)
            elif kind == "constant":
                entries["constant " + rest.split()[0]] = rest
            elif kind == "type":
                names = re.findall(r"\(\s*\*\s*(\w+)\s*\)|(\w+)\s*;$", rest)
                entries["type " + next(n for pair in names for n in pair if n)] = rest
            elif kind == "function":
                entries["function " + re.search(r"(\w+)\s*\(", rest).group(1)] = rest
            else:
                sys.exit(f"{path}:{number}: unknown line kind '{kind}'")
    if version is None:
        sys.exit(f"{path}: no 'abi_version N' line found")
    return version, entries


def write_record(path, version, entries):
    order = {"constant": 0, "type": 1, "function": 2}
    lines = [RECORD_HEADER, f"abi_version {version}\n"]
    for key in sorted(entries, key=lambda k: (order[k.split()[0]], k)):
        lines.append(f"{key.split()[0]} {entries[key]}\n")
    with open(path, "w", encoding="utf-8") as handle:
        handle.writelines(lines)


def differences(recorded, declared):
    """Describe each entry that was added, removed or changed (ignoring parameter names)."""
    lines = []
    for key in sorted(set(recorded) | set(declared)):
        before, after = recorded.get(key), declared.get(key)
        if before is None:
            lines.append(f"  added:   {after}")
        elif after is None:
            lines.append(f"  removed: {before}")
        elif signature_key(before) != signature_key(after):
            lines.append(f"  changed: {before}\n       to: {after}")
    return lines


def exported_functions(library):
    nm = shutil.which("nm")
    if nm is None:
        return None
    output = subprocess.run([nm, "-D", "--defined-only", library], check=True, capture_output=True, text=True).stdout
    return {fields[2] for fields in (line.split() for line in output.splitlines()) if len(fields) == 3 and fields[1] == "T"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--header", required=True)
    parser.add_argument("--abi", required=True)
    parser.add_argument("--library", help="shared library whose exported functions must match the record")
    parser.add_argument("--update", action="store_true", help="rewrite the record from the header after a version change")
    arguments = parser.parse_args()

    header_version, declared = parse_header(arguments.header)
    if arguments.update and not os.path.exists(arguments.abi):
        write_record(arguments.abi, header_version, declared)
        print(f"Created {arguments.abi} for ABI version {header_version} ({len(declared)} entries).")
        return 0
    record_version, recorded = parse_record(arguments.abi)
    changes = differences(recorded, declared)

    if arguments.update:
        if changes and header_version == record_version:
            print(f"The ABI changed but REALVISION_ABI_VERSION is still {header_version}; raise it first:", file=sys.stderr)
            print("\n".join(changes), file=sys.stderr)
            return 1
        write_record(arguments.abi, header_version, declared)
        print(f"Wrote {arguments.abi} for ABI version {header_version} ({len(declared)} entries).")
        return 0

    failed = False
    if changes and header_version == record_version:
        print(f"realvision.h differs from {arguments.abi}, but REALVISION_ABI_VERSION is still {header_version}.", file=sys.stderr)
        print("Raise REALVISION_ABI_VERSION, then regenerate the record with --update:", file=sys.stderr)
        print("\n".join(changes), file=sys.stderr)
        failed = True
    elif header_version != record_version:
        print(f"REALVISION_ABI_VERSION is {header_version} but {arguments.abi} records {record_version}; "
              "regenerate the record with --update.", file=sys.stderr)
        if changes:
            print("\n".join(changes), file=sys.stderr)
        failed = True

    if arguments.library:
        exported = exported_functions(arguments.library)
        expected = {key.split()[1] for key in recorded if key.startswith("function ")}
        if exported is None:
            print("nm was not found; the exported symbols were not checked.")
        elif exported != expected:
            for name in sorted(expected - exported):
                print(f"{arguments.library} does not export {name}", file=sys.stderr)
            for name in sorted(exported - expected):
                print(f"{arguments.library} exports {name}, which {arguments.abi} does not list", file=sys.stderr)
            failed = True

    if not failed:
        print(f"ABI version {header_version}: {len(declared)} declarations match {arguments.abi}.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
