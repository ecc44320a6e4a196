/*
 * realvision.h: the stable C interface of RealVision Engine (librealvision).
 *
 * librealvision is a C library that starts the .NET runtime inside the calling
 * process (through nethost and hostfxr) and forwards each call to the managed
 * engine in RealVision.Interop.dll. It slices STL models and REALvision
 * workspaces into G-code (or another loaded dialect) and returns the output
 * bytes with statistics.
 *
 * Finding the managed engine
 *   The library needs the folder that contains RealVision.Interop.dll, its
 *   .runtimeconfig.json, its dependencies, plugins/ and printers/ (the output
 *   folder of engine/RealVision.Interop). It takes the first of:
 *     1. the folder passed to rv_initialize();
 *     2. the folder in the environment variable REALVISION_INTEROP_DIR;
 *     3. the folder that contains librealvision.so itself.
 *   The .NET runtime (version 10) is found through nethost: DOTNET_ROOT when
 *   set, otherwise the system-wide installation.
 *
 * Runtime
 *   The runtime starts once per process, on the first call to rv_initialize
 *   or rv_engine_create, and stays loaded until the process ends (.NET cannot
 *   be unloaded). Starting it and creating the first engine took about 0.2 s
 *   in benchmarks/abi (2-core x86-64 machine); later engines take a few
 *   hundredths of a second. The start is serialised, so any number of threads
 *   may race into it. A failed start may be retried, for example after
 *   setting REALVISION_INTEROP_DIR. When it starts, the runtime installs
 *   signal handlers of its own (for SIGSEGV and others), as in any process
 *   that hosts .NET.
 *
 * Errors
 *   Every function that can fail returns an rv_status. No C++ or .NET
 *   exception ever crosses this interface: each failure inside the engine
 *   becomes a status, a message and, where one applies, the engine's error
 *   code (URE000-URE007 and SF000 from the REALvision portal, RV001-RV003 of
 *   our own). Read them after the failed call with
 *   rv_engine_last_error_code(), rv_engine_last_error_message() and
 *   rv_engine_last_error_portal_code().
 *   A failure is recorded on the engine the call was given. Calls that have
 *   no engine to record it on (rv_initialize, rv_engine_create,
 *   rv_result_output, any call passed a NULL engine, and a call rejected with
 *   RV_ERROR_BUSY) record it for the calling thread instead. Read that
 *   record by passing NULL as the engine. A call resets the record it writes
 *   to when it starts.
 *   A fatal runtime failure (a stack overflow in managed code, for example)
 *   still ends the process, as it would in a .NET program.
 *
 * Threads
 *   - rv_abi_version, rv_version, rv_status_name: any thread, any time.
 *   - rv_initialize, rv_engine_create: any thread, concurrently.
 *   - Calls on different engines run in parallel on different threads.
 *   - One engine runs one call at a time. A second rv_slice_* call on an
 *     engine that is busy returns RV_ERROR_BUSY at once (recorded for the
 *     calling thread) and does not disturb the running call. Slicing itself
 *     uses several worker threads inside one call.
 *   - Read an engine's last error from the thread that made the failed call,
 *     before the next call on that engine.
 *   - rv_engine_destroy must not run while a call on the same engine is in
 *     progress; that is the caller's responsibility and is not checked.
 *   - An rv_result belongs to no engine: read it from any thread, free it once.
 *   - The progress callback runs on the thread that called rv_slice_*, never
 *     on an engine worker thread, one call at a time.
 *
 * Ownership
 *   - const char* values returned by rv_version, rv_status_name and the
 *     rv_engine_last_error_* functions belong to the library; do not free them.
 *   - char* values returned by rv_result_statistics_json belong to the
 *     caller; release them with rv_free().
 *   - rv_engine and rv_result objects belong to the caller; release them with
 *     rv_engine_destroy() and rv_result_free().
 *   - The bytes from rv_result_output belong to the result and stay valid
 *     until rv_result_free().
 *   - Strings and buffers passed in are only read during the call; the library
 *     keeps no pointer to them. All strings are NUL-terminated UTF-8.
 *
 * Units
 *   Settings use each setting's documented unit: millimetres, mm/s, degrees
 *   Celsius, or a fraction from 0 to 1 (infill_density 0.2 is 20 %); see
 *   docs/settings.md or `realvision settings`. Statistics are in millimetres,
 *   grams and seconds, as their key names say.
 *
 * Example (error handling shortened to one check per call)
 *
 *   #include <stdio.h>
 *   #include "realvision.h"
 *
 *   static int on_progress(double fraction, const char* stage, void* user_data) {
 *       (void)user_data;
 *       fprintf(stderr, "\r%3.0f %% %-20s", fraction * 100, stage);
 *       return 0;  // non-zero cancels the slice
 *   }
 *
 *   int main(void) {
 *       rv_engine* engine = NULL;
 *       if (rv_engine_create(NULL, 0, &engine) != RV_OK) {
 *           fprintf(stderr, "%s\n", rv_engine_last_error_message(NULL));
 *           return 1;
 *       }
 *       rv_result* result = NULL;
 *       rv_status status = rv_slice_file(engine, "calicat.stl", "{\"layer_height\": 0.3}",
 *                                        on_progress, NULL, &result);
 *       if (status != RV_OK) {
 *           fprintf(stderr, "%s %s: %s\n", rv_status_name(status),
 *                   rv_engine_last_error_portal_code(engine), rv_engine_last_error_message(engine));
 *           rv_engine_destroy(engine);
 *           return 1;
 *       }
 *       const uint8_t* data = NULL;
 *       size_t size = 0;
 *       rv_result_output(result, &data, &size);
 *       FILE* file = fopen("calicat.gcode", "wb");
 *       if (file != NULL) {
 *           fwrite(data, 1, size, file);
 *           fclose(file);
 *       }
 *       char* statistics = rv_result_statistics_json(result);
 *       printf("%s\n", statistics);
 *       rv_free(statistics);
 *       rv_result_free(result);
 *       rv_engine_destroy(engine);
 *       return 0;
 *   }
 *
 * Platform
 *   Linux (x86-64 and arm64) with glibc. NOTE: other systems need the
 *   runtime loading in native/realvision/rv_host.c ported (LoadLibrary and
 *   wide-character paths on Windows).
 */
#ifndef REALVISION_H
#define REALVISION_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#  if defined(REALVISION_BUILDING)
#    define RV_API __declspec(dllexport)
#  else
#    define RV_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define RV_API __attribute__((visibility("default")))
#else
#  define RV_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Version of this interface. It changes whenever a function signature, a
 * constant, a type or the meaning of a documented behaviour changes, so a
 * program built against one version can check at run time that the loaded
 * library has the same one (see rv_abi_version).
 */
#define REALVISION_ABI_VERSION 1

/* Status codes. Later versions may add codes, so treat any unknown non-zero code as a failure. */
typedef int32_t rv_status;
#define RV_OK 0
#define RV_ERROR_INVALID_ARGUMENT 1 /* a NULL pointer, an empty or non-UTF-8 string, data NULL with a size */
#define RV_ERROR_INPUT 2            /* invalid or unreadable model, workspace or format (URE000-URE006) */
#define RV_ERROR_SETTINGS 3         /* settings JSON that does not parse, or an unknown or out-of-range setting (RV001) */
#define RV_ERROR_SLICING 4          /* slicing or writing the output failed on valid input (SF000, RV003) */
#define RV_ERROR_CANCELLED 5        /* the progress callback returned non-zero */
#define RV_ERROR_PLUGIN 6           /* a plugin folder does not exist or a plugin failed to load (RV002) */
#define RV_ERROR_RUNTIME 7          /* the .NET runtime or RealVision.Interop.dll could not be found or started */
#define RV_ERROR_BUSY 8             /* the engine is running another call */
#define RV_ERROR_OUT_OF_MEMORY 9
#define RV_ERROR_INTERNAL 10        /* an unexpected failure inside the engine; the message names the exception */

/* An engine: loaded plugins and printer profiles. Create it once and reuse it for many slices. */
typedef struct rv_engine rv_engine;

/* The output of one successful slice: the file bytes and statistics. */
typedef struct rv_result rv_result;

/*
 * Progress callback. fraction runs from 0 to 1 and never decreases. stage
 * names the current step ("reading", "slicing", "building regions",
 * "planning paths", "writing", "done") and is valid only during the call. user_data is the pointer
 * given to rv_slice_*. Return 0 to continue or non-zero to cancel: the slice
 * then stops as soon as it can and returns RV_ERROR_CANCELLED without a
 * result, even when the request comes with the final "done" report. The
 * callback must not call rv_slice_* or rv_engine_destroy on the same engine.
 */
typedef int (*rv_progress_fn)(double fraction, const char* stage, void* user_data);

/* Returns REALVISION_ABI_VERSION of the library that is loaded. */
RV_API int32_t rv_abi_version(void);

/* Returns the version of the library and engine, such as "0.1.0". Needs no runtime. */
RV_API const char* rv_version(void);

/* Returns the name of a status code ("RV_OK", "RV_ERROR_INPUT", ...), or "RV_ERROR_UNKNOWN". */
RV_API const char* rv_status_name(rv_status status);

/*
 * Starts the .NET runtime with the RealVision.Interop.dll in interop_dir, or,
 * when interop_dir is NULL, in the folder found as described at the top of
 * this file. Optional: rv_engine_create starts the runtime itself. Returns
 * RV_OK when the runtime already runs from the same folder, and
 * RV_ERROR_RUNTIME when it runs from another one or cannot be started.
 * The error is recorded for the calling thread.
 */
RV_API rv_status rv_initialize(const char* interop_dir);

/*
 * Creates an engine. It loads the built-in plugins (plugins/ beside
 * RealVision.Interop.dll), then those in the folders of the environment
 * variable REALVISION_PLUGIN_PATH (separated by ':'), then those in the count
 * paths of plugin_folders, which may be NULL when count is 0. Fails with
 * RV_ERROR_PLUGIN when a folder in plugin_folders does not exist or a plugin
 * fails to load. On success *out_engine receives the engine; on failure it
 * is set to NULL and the error is recorded for the calling thread.
 * NOTE: each engine loads its plugins anew, and .NET keeps those assemblies
 * until the process ends (about 0.2 MB per engine in a loop of 200 creations
 * and destructions), so create engines once and reuse them.
 */
RV_API rv_status rv_engine_create(const char* const* plugin_folders, size_t count, rv_engine** out_engine);

/* Destroys an engine; NULL is ignored. Results of the engine stay valid. */
RV_API void rv_engine_destroy(rv_engine* engine);

/*
 * Slices the model or workspace at path. The file's extension selects the
 * input plugin (.stl, .rvwj, ...); files a workspace refers to are looked up
 * beside it. settings_json is NULL or a JSON object of setting names to
 * numbers, booleans or strings, such as {"layer_height": 0.2,
 * "infill_pattern": "grid"}; it overrides the generic Marlin printer's
 * profile. progress may be NULL. The output is the same, byte for byte, as
 * `realvision slice path --set key=value ...` with the same settings.
 * On success *out_result receives the result; on failure it is set to NULL.
 */
RV_API rv_status rv_slice_file(
    rv_engine* engine, const char* path, const char* settings_json,
    rv_progress_fn progress, void* user_data, rv_result** out_result);

/*
 * Slices a model held in memory: size bytes at data, in the format
 * format_name (an input plugin's name or extension: "stl", ".stl", "rvwj").
 * input_name, which may be NULL, names the input in messages and in the
 * output's header (the engine uses "input" without it). A workspace read
 * from memory cannot refer to other files. The other parameters are as for
 * rv_slice_file.
 */
RV_API rv_status rv_slice_buffer(
    rv_engine* engine, const void* data, size_t size, const char* format_name, const char* input_name,
    const char* settings_json, rv_progress_fn progress, void* user_data, rv_result** out_result);

/*
 * Returns the output file's bytes (G-code text, or binary for a binary
 * dialect) through *data and *size. The bytes belong to the result.
 */
RV_API rv_status rv_result_output(const rv_result* result, const uint8_t** data, size_t* size);

/*
 * Returns the statistics of a result as a JSON object, or NULL when result
 * is NULL or memory runs out. Release the string with rv_free(). Keys:
 *   "layers"               number of layers
 *   "estimated_time_s"     estimated print time, seconds
 *   "filament_length_mm"   filament pushed by extrusion moves, millimetres
 *   "filament_volume_mm3"  its volume, cubic millimetres
 *   "filament_weight_g"    its weight, grams
 *   "extrusion_bounds_mm"  [min x, min y, max x, max y] of all extrusion, millimetres
 *   "warnings"             array of warning messages (repaired meshes, dropped parts, ...)
 *   "printer"              printer profile name
 *   "dialect"              output dialect name, such as "gcode"
 *   "file_extension"       usual extension of the output, such as ".gcode"
 *   "content_type"         MIME type of the output
 * Numbers that have no finite value are null. Later versions may add keys.
 */
RV_API char* rv_result_statistics_json(const rv_result* result);

/* Releases a result and its output bytes; NULL is ignored. */
RV_API void rv_result_free(rv_result* result);

/* Releases a string that the library allocated for the caller; NULL is ignored. */
RV_API void rv_free(void* pointer);

/*
 * Returns the status of the last call on engine (RV_OK when it succeeded),
 * or, for a NULL engine, of the last call that recorded its error for the
 * calling thread.
 */
RV_API rv_status rv_engine_last_error_code(const rv_engine* engine);

/* Returns the message of that last call, or "" when it succeeded. Valid until the next call that writes the same record. */
RV_API const char* rv_engine_last_error_message(const rv_engine* engine);

/*
 * Returns the engine's error code of that last call ("URE000", "SF000",
 * "RV001", ...; see docs/errors.md), or "" when the failure has none, such
 * as RV_ERROR_INVALID_ARGUMENT or RV_ERROR_CANCELLED. Valid as for
 * rv_engine_last_error_message.
 */
RV_API const char* rv_engine_last_error_portal_code(const rv_engine* engine);

#ifdef __cplusplus
}
#endif

#endif /* REALVISION_H */
