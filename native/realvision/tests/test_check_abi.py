#!/usr/bin/env python3
"""Check that check_abi.py catches ABI changes: it runs the checker on edited
copies of realvision.h and abi.txt in a temporary folder.

    test_check_abi.py CHECK_ABI.py REALVISION.h ABI.txt
"""

import os
import shutil
import subprocess
import sys
import tempfile

failures = 0


def check(condition, description, output=""):
    global failures
    if not condition:
        failures += 1
        print(f"FAILED: {description}\n{output}", file=sys.stderr)


def run(checker, header, record, *extra):
    result = subprocess.run([sys.executable, checker, "--header", header, "--abi", record, *extra],
                            capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


def edit(path, old, new):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if old not in text:
        sys.exit(f"{path} does not contain {old!r}; update this test")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace(old, new, 1))


def main():
    checker, original_header, original_record = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as folder:
        header = os.path.join(folder, "realvision.h")
        record = os.path.join(folder, "abi.txt")

        def reset():
            shutil.copyfile(original_header, header)
            shutil.copyfile(original_record, record)

        reset()
        code, output = run(checker, header, record)
        check(code == 0, "the checked-in header matches the checked-in record", output)

        reset()
        edit(header, "size_t count, rv_engine** out_engine", "size_t folder_count, rv_engine** out_engine")
        code, output = run(checker, header, record)
        check(code == 0, "renaming a parameter is not an ABI change", output)

        reset()
        edit(header, "size_t count, rv_engine** out_engine", "int32_t count, rv_engine** out_engine")
        code, output = run(checker, header, record)
        check(code == 1, "a changed parameter type without a version change fails", output)
        check("changed:" in output and "rv_engine_create" in output, "the failure names the changed function", output)

        code, output = run(checker, header, record, "--update")
        check(code == 1, "--update refuses a change without a version change", output)

        edit(header, "#define REALVISION_ABI_VERSION 1", "#define REALVISION_ABI_VERSION 2")
        code, output = run(checker, header, record)
        check(code == 1, "a version change without a regenerated record fails", output)
        check("--update" in output, "the failure says how to regenerate the record", output)

        code, output = run(checker, header, record, "--update")
        check(code == 0, "--update accepts a change with a version change", output)
        code, output = run(checker, header, record)
        check(code == 0, "the regenerated record matches", output)

        reset()
        edit(header, "#define RV_ERROR_BUSY 8", "#define RV_ERROR_BUSY 11")
        code, output = run(checker, header, record)
        check(code == 1, "a changed constant fails", output)

        reset()
        edit(header, "RV_API void rv_free(void* pointer);",
             "RV_API void rv_free(void* pointer);\nRV_API int32_t rv_new_function(void);")
        code, output = run(checker, header, record)
        check(code == 1, "an added function fails", output)
        check("added:" in output, "the failure lists the added function", output)

        reset()
        edit(header, "typedef int (*rv_progress_fn)(double fraction,", "typedef int (*rv_progress_fn)(float fraction,")
        code, output = run(checker, header, record)
        check(code == 1, "a changed callback type fails", output)

    if failures:
        print(f"{failures} check(s) failed", file=sys.stderr)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
