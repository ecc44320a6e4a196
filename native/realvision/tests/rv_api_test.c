/*
 * Checks the C ABI of librealvision against the real engine: versions, bad
 * arguments, error codes and messages, progress, cancellation from the
 * callback, the busy guard, and that slicing a buffer gives the CLI's bytes.
 *
 *   rv_api_test MODEL.stl CLI_OUTPUT.gcode SETTINGS_JSON
 *
 * CLI_OUTPUT.gcode is `realvision slice MODEL.stl` with the same settings.
 * The engine folder comes from REALVISION_INTEROP_DIR. Exits non-zero when a
 * check fails.
 */
#include "realvision.h"
#include "rv_test_util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char* model_path;
static const char* settings_json;
static unsigned char* reference;
static size_t reference_size;

static int contains(const char* text, const char* part) {
    return text != NULL && strstr(text, part) != NULL;
}

static void test_versions(void) {
    CHECK(NULL, rv_abi_version() == REALVISION_ABI_VERSION, "rv_abi_version matches the header");
    CHECK(NULL, strcmp(rv_version(), EXPECTED_VERSION) == 0, "rv_version is the version of Directory.Build.props");
    CHECK(NULL, strcmp(rv_status_name(RV_OK), "RV_OK") == 0, "RV_OK has its name");
    CHECK(NULL, strcmp(rv_status_name(RV_ERROR_CANCELLED), "RV_ERROR_CANCELLED") == 0, "RV_ERROR_CANCELLED has its name");
    CHECK(NULL, strcmp(rv_status_name(12345), "RV_ERROR_UNKNOWN") == 0, "an unknown status has a name");
}

/* Runs before any engine exists: a failed start is reported, and a later start may still succeed. */
static void test_initialize_errors(void) {
    CHECK(NULL, rv_initialize("") == RV_ERROR_INVALID_ARGUMENT, "rv_initialize rejects an empty folder");
    CHECK(NULL, rv_initialize("/nonexistent/realvision") == RV_ERROR_RUNTIME, "rv_initialize rejects a missing folder");
    CHECK(NULL, rv_engine_last_error_code(NULL) == RV_ERROR_RUNTIME, "the thread record has the runtime error");
    CHECK(NULL, contains(rv_engine_last_error_message(NULL), "/nonexistent/realvision"), "the message names the folder");
    CHECK(NULL, rv_initialize("/tmp") == RV_ERROR_RUNTIME, "rv_initialize rejects a folder without the assembly");
    CHECK(NULL, contains(rv_engine_last_error_message(NULL), "RealVision.Interop.dll"), "the message names the missing assembly");
    CHECK(NULL, rv_initialize(NULL) == RV_OK, "rv_initialize starts the runtime from REALVISION_INTEROP_DIR");
    CHECK(NULL, rv_engine_last_error_code(NULL) == RV_OK, "a successful call resets the thread record");
    CHECK(NULL, strcmp(rv_engine_last_error_message(NULL), "") == 0, "the message is empty after success");
    CHECK(NULL, rv_initialize(getenv("REALVISION_INTEROP_DIR")) == RV_OK, "starting again from the same folder succeeds");
    CHECK(NULL, rv_initialize("/tmp") == RV_ERROR_RUNTIME, "a second runtime folder is rejected");
}

static void test_create_errors(void) {
    rv_engine* engine = (rv_engine*)&engine; /* not NULL, so the check below can tell that create reset it */
    CHECK(NULL, rv_engine_create(NULL, 0, NULL) == RV_ERROR_INVALID_ARGUMENT, "create rejects a NULL out_engine");
    CHECK(NULL, contains(rv_engine_last_error_message(NULL), "out_engine"), "the message names out_engine");

    CHECK(NULL, rv_engine_create(NULL, 1, &engine) == RV_ERROR_INVALID_ARGUMENT, "create rejects NULL folders with a count");
    CHECK(NULL, engine == NULL, "a failed create sets the engine to NULL");

    const char* null_folder[] = {NULL};
    CHECK(NULL, rv_engine_create(null_folder, 1, &engine) == RV_ERROR_INVALID_ARGUMENT, "create rejects a NULL folder");
    CHECK(NULL, contains(rv_engine_last_error_message(NULL), "plugin_folders[0]"), "the message names the folder index");

    const char* missing[] = {"/nonexistent/realvision-plugins"};
    CHECK(NULL, rv_engine_create(missing, 1, &engine) == RV_ERROR_PLUGIN, "create rejects a missing plugin folder");
    CHECK(NULL, engine == NULL, "no engine for a missing plugin folder");
    CHECK(NULL, strcmp(rv_engine_last_error_portal_code(NULL), "RV002") == 0, "a plugin failure carries RV002");
    CHECK(NULL, contains(rv_engine_last_error_message(NULL), "/nonexistent/realvision-plugins"), "the message names the folder");
}

static void test_slice_argument_errors(rv_engine* engine) {
    rv_result* result = (rv_result*)&result;
    CHECK(NULL, rv_slice_file(NULL, model_path, NULL, NULL, NULL, &result) == RV_ERROR_INVALID_ARGUMENT, "slice rejects a NULL engine");
    CHECK(NULL, result == NULL, "a failed slice sets the result to NULL");
    CHECK(NULL, rv_engine_last_error_code(NULL) == RV_ERROR_INVALID_ARGUMENT, "a NULL engine's error goes to the thread record");

    CHECK(engine, rv_slice_file(engine, model_path, NULL, NULL, NULL, NULL) == RV_ERROR_INVALID_ARGUMENT, "slice rejects a NULL out_result");
    CHECK(engine, contains(rv_engine_last_error_message(engine), "out_result"), "the message names out_result");
    CHECK(engine, rv_slice_file(engine, NULL, NULL, NULL, NULL, &result) == RV_ERROR_INVALID_ARGUMENT, "slice rejects a NULL path");
    CHECK(engine, strcmp(rv_engine_last_error_portal_code(engine), "") == 0, "an argument error has no engine error code");

    CHECK(engine, rv_slice_file(engine, "/nonexistent/model.stl", NULL, NULL, NULL, &result) == RV_ERROR_INPUT, "a missing file is an input error");
    CHECK(engine, strcmp(rv_engine_last_error_portal_code(engine), "URE006") == 0, "a missing file carries URE006");
    CHECK(engine, result == NULL, "no result for a missing file");

    size_t size = 0;
    unsigned char* data = read_file(model_path, &size);
    CHECK(engine, rv_slice_buffer(engine, data, size, "obj", NULL, NULL, NULL, NULL, &result) == RV_ERROR_INPUT, "an unknown format is an input error");
    CHECK(engine, strcmp(rv_engine_last_error_portal_code(engine), "URE001") == 0, "an unknown format carries URE001");
    CHECK(engine, contains(rv_engine_last_error_message(engine), "'obj'"), "the message names the format");
    CHECK(engine, rv_slice_buffer(engine, data, size, NULL, NULL, NULL, NULL, NULL, &result) == RV_ERROR_INVALID_ARGUMENT, "slice rejects a NULL format");
    CHECK(engine, rv_slice_buffer(engine, NULL, 10, "stl", NULL, NULL, NULL, NULL, &result) == RV_ERROR_INVALID_ARGUMENT, "slice rejects NULL data with a size");
    CHECK(engine, rv_slice_buffer(engine, data, 40, "stl", NULL, NULL, NULL, NULL, &result) == RV_ERROR_INPUT, "a truncated STL is an input error");
    CHECK(engine, strcmp(rv_engine_last_error_portal_code(engine), "URE000") == 0, "a truncated STL carries URE000");

    CHECK(engine, rv_slice_buffer(engine, data, size, "stl", NULL, "{\"layer_height\": ", NULL, NULL, &result) == RV_ERROR_SETTINGS, "settings JSON that does not parse is rejected");
    CHECK(engine, strcmp(rv_engine_last_error_portal_code(engine), "RV001") == 0, "a settings error carries RV001");
    CHECK(engine, rv_slice_buffer(engine, data, size, "stl", NULL, "[1, 2]", NULL, NULL, &result) == RV_ERROR_SETTINGS, "settings JSON that is not an object is rejected");
    CHECK(engine, rv_slice_buffer(engine, data, size, "stl", NULL, "{\"no_such_setting\": 1}", NULL, NULL, &result) == RV_ERROR_SETTINGS, "an unknown setting is rejected");
    CHECK(engine, contains(rv_engine_last_error_message(engine), "no_such_setting"), "the message names the unknown setting");
    CHECK(engine, rv_slice_buffer(engine, data, size, "stl", NULL, "{\"infill_density\": 15}", NULL, NULL, &result) == RV_ERROR_SETTINGS, "an out-of-range setting is rejected");
    CHECK(engine, rv_slice_buffer(engine, data, size, "stl", NULL, "{\"infill_pattern\": \"caf\xe9\"}", NULL, NULL, &result) == RV_ERROR_INVALID_ARGUMENT, "settings that are not UTF-8 are rejected");
    CHECK(engine, result == NULL, "no result after a rejected setting");
    free(data);

    const uint8_t* bytes = NULL;
    CHECK(NULL, rv_result_output(NULL, &bytes, &size) == RV_ERROR_INVALID_ARGUMENT, "rv_result_output rejects a NULL result");
    CHECK(NULL, rv_result_statistics_json(NULL) == NULL, "no statistics for a NULL result");
    rv_result_free(NULL);
    rv_free(NULL);
    rv_engine_destroy(NULL);
}

typedef struct progress_log {
    int calls;
    double last_fraction;
    int decreased;
    int on_other_thread;
    pthread_t caller;
    char last_stage[64];
    const char* cancel_at_stage; /* cancel at the first report of this stage; NULL never cancels */
    rv_engine* engine;           /* when set, the callback tries a second slice on it */
    rv_status nested_status;
} progress_log;

static int record_progress(double fraction, const char* stage, void* user_data) {
    progress_log* log = user_data;
    log->calls++;
    log->decreased |= fraction < log->last_fraction;
    log->last_fraction = fraction;
    log->on_other_thread |= !pthread_equal(pthread_self(), log->caller);
    snprintf(log->last_stage, sizeof log->last_stage, "%s", stage);
    if (log->engine != NULL) {
        rv_result* nested = NULL;
        log->nested_status = rv_slice_file(log->engine, model_path, NULL, NULL, NULL, &nested);
        rv_result_free(nested);
        log->engine = NULL;
    }
    return log->cancel_at_stage != NULL && strcmp(stage, log->cancel_at_stage) == 0;
}

static progress_log new_log(const char* cancel_at_stage) {
    progress_log log;
    memset(&log, 0, sizeof log);
    log.caller = pthread_self();
    log.cancel_at_stage = cancel_at_stage;
    return log;
}

static void test_progress_and_buffer(rv_engine* engine) {
    size_t size = 0;
    unsigned char* data = read_file(model_path, &size);
    progress_log log = new_log(NULL);
    rv_result* result = NULL;
    rv_status status = rv_slice_buffer(engine, data, size, "stl", "calicat.stl", settings_json, record_progress, &log, &result);
    free(data);
    CHECK(engine, status == RV_OK, "slicing a buffer succeeds");
    CHECK(engine, rv_engine_last_error_code(engine) == RV_OK, "success leaves RV_OK as the last error");
    CHECK(engine, log.calls >= 3, "progress is reported several times");
    CHECK(engine, !log.decreased, "progress never decreases");
    CHECK(engine, log.last_fraction == 1.0, "the last report is 1");
    CHECK(engine, strcmp(log.last_stage, "done") == 0, "the last stage is done");
    CHECK(engine, !log.on_other_thread, "the callback runs on the calling thread");
    if (result == NULL) {
        return;
    }
    CHECK(engine, output_matches(result, reference, reference_size, "buffer slice"), "a buffer slice writes the CLI's bytes");

    char* statistics = rv_result_statistics_json(result);
    CHECK(engine, contains(statistics, "\"layers\":"), "statistics have layers");
    CHECK(engine, contains(statistics, "\"filament_length_mm\":"), "statistics have the filament length");
    CHECK(engine, contains(statistics, "\"filament_weight_g\":"), "statistics have the filament weight");
    CHECK(engine, contains(statistics, "\"estimated_time_s\":"), "statistics have the print time");
    CHECK(engine, contains(statistics, "\"warnings\":["), "statistics have warnings");
    CHECK(engine, contains(statistics, "\"file_extension\":\".gcode\""), "statistics have the file extension");
    rv_free(statistics);
    rv_result_free(result);
}

static void test_cancellation(rv_engine* engine) {
    const char* stages[] = {"reading", "planning paths", "done"};
    for (size_t i = 0; i < sizeof stages / sizeof stages[0]; i++) {
        progress_log log = new_log(stages[i]);
        rv_result* result = (rv_result*)&result;
        rv_status status = rv_slice_file(engine, model_path, settings_json, record_progress, &log, &result);
        char description[128];
        snprintf(description, sizeof description, "cancelling at '%s' returns RV_ERROR_CANCELLED", stages[i]);
        CHECK(engine, status == RV_ERROR_CANCELLED, description);
        CHECK(engine, result == NULL, "a cancelled slice has no result");
        CHECK(engine, rv_engine_last_error_code(engine) == RV_ERROR_CANCELLED, "the engine records the cancellation");
        CHECK(engine, contains(rv_engine_last_error_message(engine), "cancelled"), "the message says cancelled");
        CHECK(engine, strcmp(rv_engine_last_error_portal_code(engine), "") == 0, "a cancellation has no engine error code");
    }

    rv_result* result = NULL;
    CHECK(engine, rv_slice_file(engine, model_path, settings_json, NULL, NULL, &result) == RV_OK, "the engine slices again after a cancellation");
    CHECK(engine, result != NULL, "a file slice returns a result");
    if (result != NULL) {
        CHECK(engine, output_matches(result, reference, reference_size, "file slice"), "a file slice writes the CLI's bytes");
    }
    rv_result_free(result);
}

static void test_busy_engine(rv_engine* engine) {
    progress_log log = new_log(NULL);
    log.engine = engine;
    rv_result* result = NULL;
    rv_status status = rv_slice_file(engine, model_path, settings_json, record_progress, &log, &result);
    CHECK(engine, status == RV_OK, "the outer slice succeeds");
    CHECK(engine, log.nested_status == RV_ERROR_BUSY, "a second call on a busy engine returns RV_ERROR_BUSY");
    CHECK(NULL, rv_engine_last_error_code(NULL) == RV_ERROR_BUSY, "the busy error goes to the thread record");
    rv_result_free(result);
}

int main(int argc, char** argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s MODEL.stl CLI_OUTPUT.gcode SETTINGS_JSON\n", argv[0]);
        return 2;
    }
    model_path = argv[1];
    reference = read_file(argv[2], &reference_size);
    settings_json = argv[3];

    test_versions();
    test_initialize_errors();
    test_create_errors();

    rv_engine* engine = NULL;
    rv_status status = rv_engine_create(NULL, 0, &engine);
    CHECK(NULL, status == RV_OK, "an engine with the built-in plugins is created");
    if (engine != NULL) {
        test_slice_argument_errors(engine);
        test_progress_and_buffer(engine);
        test_cancellation(engine);
        test_busy_engine(engine);
        rv_engine_destroy(engine);
    }
    free(reference);

    if (test_failures > 0) {
        fprintf(stderr, "%d check(s) failed\n", test_failures);
        return 1;
    }
    printf("all checks passed\n");
    return 0;
}
