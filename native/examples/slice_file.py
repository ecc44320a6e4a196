#!/usr/bin/env python3
"""Slice a model through the RealVision C ABI (librealvision) with ctypes.

    slice_file.py [--library PATH] [--output OUT.gcode] [--settings JSON] INPUT

--library defaults to librealvision.so in $REALVISION_INTEROP_DIR when that
is set, and to the system's library search path otherwise. The library looks
for RealVision.Interop.dll as realvision.h describes (REALVISION_INTEROP_DIR,
or its own folder). Progress goes to standard error, statistics to standard
output. Exit status 0 on success, 1 on failure.
"""

import argparse
import ctypes
import json
import os
import sys

ABI_VERSION = 1  # REALVISION_ABI_VERSION of the realvision.h this script was written for

PROGRESS_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_double, ctypes.c_char_p, ctypes.c_void_p)


class RealVisionError(Exception):
    """A failed call: the status name, the engine's error code (may be empty) and the message."""

    def __init__(self, status_name, portal_code, message):
        super().__init__(f"{status_name} {portal_code}: {message}" if portal_code else f"{status_name}: {message}")
        self.status_name = status_name
        self.portal_code = portal_code


def load_library(path):
    """Load librealvision and declare the signatures of realvision.h that this script calls."""
    lib = ctypes.CDLL(path)
    engine = ctypes.c_void_p
    result = ctypes.c_void_p
    signatures = {
        # name: (return type, parameter types)
        "rv_abi_version": (ctypes.c_int32, []),
        "rv_version": (ctypes.c_char_p, []),
        "rv_status_name": (ctypes.c_char_p, [ctypes.c_int32]),
        "rv_engine_create": (ctypes.c_int32, [ctypes.POINTER(ctypes.c_char_p), ctypes.c_size_t, ctypes.POINTER(engine)]),
        "rv_engine_destroy": (None, [engine]),
        "rv_slice_file": (ctypes.c_int32, [engine, ctypes.c_char_p, ctypes.c_char_p, PROGRESS_FN, ctypes.c_void_p,
                                           ctypes.POINTER(result)]),
        "rv_result_output": (ctypes.c_int32, [result, ctypes.POINTER(ctypes.POINTER(ctypes.c_uint8)),
                                              ctypes.POINTER(ctypes.c_size_t)]),
        # c_void_p rather than c_char_p, so the pointer survives for rv_free.
        "rv_result_statistics_json": (ctypes.c_void_p, [result]),
        "rv_result_free": (None, [result]),
        "rv_free": (None, [ctypes.c_void_p]),
        "rv_engine_last_error_code": (ctypes.c_int32, [engine]),
        "rv_engine_last_error_message": (ctypes.c_char_p, [engine]),
        "rv_engine_last_error_portal_code": (ctypes.c_char_p, [engine]),
    }
    for name, (return_type, parameter_types) in signatures.items():
        function = getattr(lib, name)
        function.restype = return_type
        function.argtypes = parameter_types
    return lib


def raise_for(lib, status, engine):
    """Raise RealVisionError for a failed call; engine None reads the calling thread's record."""
    if status != 0:
        raise RealVisionError(lib.rv_status_name(status).decode(),
                              lib.rv_engine_last_error_portal_code(engine).decode(),
                              lib.rv_engine_last_error_message(engine).decode())


def slice_file(lib, input_path, settings_json, output_path):
    """Slice input_path and return the statistics as a dict; write the output when output_path is set."""
    engine = ctypes.c_void_p()
    raise_for(lib, lib.rv_engine_create(None, 0, ctypes.byref(engine)), None)
    try:
        last_stage = [None]

        def on_progress(fraction, stage, user_data):
            stage = stage.decode()
            if stage != last_stage[0]:
                print(f"progress {fraction * 100:5.1f} % {stage}", file=sys.stderr)
                last_stage[0] = stage
            return 0  # non-zero cancels the slice

        # The CFUNCTYPE object must stay referenced while the call runs.
        callback = PROGRESS_FN(on_progress)
        result = ctypes.c_void_p()
        settings = settings_json.encode() if settings_json is not None else None
        status = lib.rv_slice_file(engine, os.fsencode(input_path), settings, callback, None, ctypes.byref(result))
        raise_for(lib, status, engine)
        try:
            data = ctypes.POINTER(ctypes.c_uint8)()
            size = ctypes.c_size_t()
            raise_for(lib, lib.rv_result_output(result, ctypes.byref(data), ctypes.byref(size)), None)
            if output_path is not None:
                with open(output_path, "wb") as output:
                    output.write(ctypes.string_at(data, size.value))
            text_pointer = lib.rv_result_statistics_json(result)
            if not text_pointer:
                raise MemoryError("rv_result_statistics_json returned NULL")
            try:
                statistics = json.loads(ctypes.string_at(text_pointer).decode())
            finally:
                lib.rv_free(text_pointer)
            statistics["output_bytes"] = size.value
            return statistics
        finally:
            lib.rv_result_free(result)
    finally:
        lib.rv_engine_destroy(engine)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="model or workspace file (.stl, .rvwj)")
    parser.add_argument("--output", help="file that receives the G-code")
    parser.add_argument("--settings", help='settings as a JSON object, such as \'{"layer_height": 0.3}\'')
    default_library = "librealvision.so"
    if os.environ.get("REALVISION_INTEROP_DIR"):
        default_library = os.path.join(os.environ["REALVISION_INTEROP_DIR"], default_library)
    parser.add_argument("--library", default=default_library, help=f"path of librealvision.so (default: {default_library})")
    arguments = parser.parse_args()

    lib = load_library(arguments.library)
    if lib.rv_abi_version() != ABI_VERSION:
        print(f"slice_file.py: written for ABI {ABI_VERSION}, but {arguments.library} has ABI {lib.rv_abi_version()}",
              file=sys.stderr)
        return 1
    print(f"librealvision {lib.rv_version().decode()} (ABI {lib.rv_abi_version()})", file=sys.stderr)
    try:
        statistics = slice_file(lib, arguments.input, arguments.settings, arguments.output)
    except RealVisionError as error:
        print(f"slice_file.py: {error}", file=sys.stderr)
        return 1
    print(f"layers: {statistics['layers']}")
    print(f"estimated time: {statistics['estimated_time_s']:.0f} s")
    print(f"filament: {statistics['filament_length_mm']:.1f} mm, {statistics['filament_weight_g']:.2f} g")
    print(f"output bytes: {statistics['output_bytes']}")
    for warning in statistics["warnings"]:
        print(f"warning: {warning}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
