/*
 * realvision.c: the public functions of realvision.h. Arguments are checked
 * here, so their messages name the C parameters; the work is forwarded to the
 * managed entry points bound by rv_host.c.
 */
#define REALVISION_BUILDING 1
#include "realvision.h"

#include "rv_internal.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#ifndef REALVISION_VERSION
#  error "REALVISION_VERSION must be defined by the build (CMake reads it from Directory.Build.props)."
#endif

struct rv_engine {
    intptr_t handle; /* GCHandle of the managed EngineSession */
    atomic_flag busy;
    rv_error_record error;
};

struct rv_result {
    uint8_t* data;
    size_t size;
    char* statistics_json;
};

/* Returned in place of a message that could not be stored for lack of memory. */
static const char missing_message[] = "The error message could not be stored (out of memory).";

RV_API int32_t rv_abi_version(void) {
    return REALVISION_ABI_VERSION;
}

RV_API const char* rv_version(void) {
    return REALVISION_VERSION;
}

RV_API const char* rv_status_name(rv_status status) {
    switch (status) {
    case RV_OK:
        return "RV_OK";
    case RV_ERROR_INVALID_ARGUMENT:
        return "RV_ERROR_INVALID_ARGUMENT";
    case RV_ERROR_INPUT:
        return "RV_ERROR_INPUT";
    case RV_ERROR_SETTINGS:
        return "RV_ERROR_SETTINGS";
    case RV_ERROR_SLICING:
        return "RV_ERROR_SLICING";
    case RV_ERROR_CANCELLED:
        return "RV_ERROR_CANCELLED";
    case RV_ERROR_PLUGIN:
        return "RV_ERROR_PLUGIN";
    case RV_ERROR_RUNTIME:
        return "RV_ERROR_RUNTIME";
    case RV_ERROR_BUSY:
        return "RV_ERROR_BUSY";
    case RV_ERROR_OUT_OF_MEMORY:
        return "RV_ERROR_OUT_OF_MEMORY";
    case RV_ERROR_INTERNAL:
        return "RV_ERROR_INTERNAL";
    default:
        return "RV_ERROR_UNKNOWN";
    }
}

RV_API rv_status rv_initialize(const char* interop_dir) {
    rv_error_record* record = rv_thread_record();
    rv_record_clear(record);
    if (interop_dir != NULL && interop_dir[0] == '\0') {
        return rv_record_fail(record, RV_ERROR_INVALID_ARGUMENT,
            "interop_dir is an empty string; pass the folder of RealVision.Interop.dll, or NULL to find it.");
    }
    const rv_bridge_exports* exports = NULL;
    return rv_host_start(interop_dir, record, &exports);
}

RV_API rv_status rv_engine_create(const char* const* plugin_folders, size_t count, rv_engine** out_engine) {
    rv_error_record* record = rv_thread_record();
    rv_record_clear(record);
    if (out_engine == NULL) {
        return rv_record_fail(record, RV_ERROR_INVALID_ARGUMENT, "out_engine is NULL; pass the address of an rv_engine pointer.");
    }
    *out_engine = NULL;
    if (plugin_folders == NULL && count > 0) {
        return rv_record_fail(record, RV_ERROR_INVALID_ARGUMENT, "plugin_folders is NULL but count is %zu.", count);
    }
    for (size_t i = 0; i < count; i++) {
        if (plugin_folders[i] == NULL || plugin_folders[i][0] == '\0') {
            return rv_record_fail(record, RV_ERROR_INVALID_ARGUMENT, "plugin_folders[%zu] is %s; pass a folder path.", i,
                plugin_folders[i] == NULL ? "NULL" : "an empty string");
        }
    }

    const rv_bridge_exports* exports = NULL;
    rv_status status = rv_host_start(NULL, record, &exports);
    if (status != RV_OK) {
        return status;
    }

    rv_engine* engine = calloc(1, sizeof *engine);
    if (engine == NULL) {
        return rv_record_fail(record, RV_ERROR_OUT_OF_MEMORY, "Out of memory while creating an engine.");
    }
    atomic_flag_clear(&engine->busy);

    rv_bridge_error error = {0, NULL, NULL};
    status = exports->create_engine(plugin_folders, count, &engine->handle, &error);
    if (status != RV_OK) {
        free(engine);
        return rv_record_take(record, status, &error);
    }
    *out_engine = engine;
    return RV_OK;
}

RV_API void rv_engine_destroy(rv_engine* engine) {
    if (engine == NULL) {
        return;
    }
    const rv_bridge_exports* exports = NULL;
    /* An engine exists only after a successful start, so this takes the lock-free path and returns RV_OK. */
    if (rv_host_start(NULL, NULL, &exports) == RV_OK) {
        exports->destroy_engine(engine->handle);
    }
    rv_record_release(&engine->error);
    free(engine);
}

/*
 * Claims the engine for one call and clears its error. Returns RV_OK, or a
 * failure recorded for the calling thread (NULL engine, engine busy).
 */
static rv_status begin_call(rv_engine* engine, rv_result** out_result) {
    if (out_result != NULL) {
        *out_result = NULL;
    }
    if (engine == NULL) {
        rv_error_record* record = rv_thread_record();
        return rv_record_fail(record, RV_ERROR_INVALID_ARGUMENT, "engine is NULL; create one with rv_engine_create.");
    }
    if (atomic_flag_test_and_set(&engine->busy)) {
        rv_error_record* record = rv_thread_record();
        return rv_record_fail(record, RV_ERROR_BUSY,
            "The engine is running another call; wait for it, or create one engine per thread.");
    }
    rv_record_clear(&engine->error);
    return RV_OK;
}

static rv_status end_call(rv_engine* engine, rv_status status) {
    atomic_flag_clear(&engine->busy);
    return status;
}

/* Runs one slice on a claimed engine and wraps its output in a result. */
static rv_status run_slice(rv_engine* engine, const rv_bridge_slice_arguments* arguments, rv_result** out_result) {
    if (out_result == NULL) {
        return rv_record_fail(&engine->error, RV_ERROR_INVALID_ARGUMENT,
            "out_result is NULL; pass the address of an rv_result pointer.");
    }
    const rv_bridge_exports* exports = NULL;
    rv_status status = rv_host_start(NULL, &engine->error, &exports);
    if (status != RV_OK) {
        return status;
    }

    rv_result* result = calloc(1, sizeof *result);
    if (result == NULL) {
        return rv_record_fail(&engine->error, RV_ERROR_OUT_OF_MEMORY, "Out of memory while allocating a result.");
    }
    rv_bridge_slice_output output = {NULL, 0, NULL};
    rv_bridge_error error = {0, NULL, NULL};
    status = exports->slice(engine->handle, arguments, &output, &error);
    if (status != RV_OK) {
        free(result);
        return rv_record_take(&engine->error, status, &error);
    }
    result->data = output.data;
    result->size = output.size;
    result->statistics_json = output.statistics_json;
    *out_result = result;
    return RV_OK;
}

RV_API rv_status rv_slice_file(rv_engine* engine, const char* path, const char* settings_json, rv_progress_fn progress,
                               void* user_data, rv_result** out_result) {
    rv_status status = begin_call(engine, out_result);
    if (status != RV_OK) {
        return status;
    }
    if (path == NULL || path[0] == '\0') {
        status = rv_record_fail(&engine->error, RV_ERROR_INVALID_ARGUMENT, "path is %s; pass the model or workspace file to slice.",
            path == NULL ? "NULL" : "an empty string");
        return end_call(engine, status);
    }
    rv_bridge_slice_arguments arguments = {path, NULL, 0, NULL, NULL, settings_json, progress, user_data};
    return end_call(engine, run_slice(engine, &arguments, out_result));
}

RV_API rv_status rv_slice_buffer(rv_engine* engine, const void* data, size_t size, const char* format_name,
                                 const char* input_name, const char* settings_json, rv_progress_fn progress, void* user_data,
                                 rv_result** out_result) {
    rv_status status = begin_call(engine, out_result);
    if (status != RV_OK) {
        return status;
    }
    if (data == NULL && size > 0) {
        status = rv_record_fail(&engine->error, RV_ERROR_INVALID_ARGUMENT, "data is NULL but size is %zu.", size);
        return end_call(engine, status);
    }
    if (format_name == NULL || format_name[0] == '\0') {
        status = rv_record_fail(&engine->error, RV_ERROR_INVALID_ARGUMENT,
            "format_name is %s; pass an input format such as \"stl\" or \"rvwj\".", format_name == NULL ? "NULL" : "an empty string");
        return end_call(engine, status);
    }
    rv_bridge_slice_arguments arguments = {NULL, data, size, format_name, input_name, settings_json, progress, user_data};
    return end_call(engine, run_slice(engine, &arguments, out_result));
}

RV_API rv_status rv_result_output(const rv_result* result, const uint8_t** data, size_t* size) {
    rv_error_record* record = rv_thread_record();
    rv_record_clear(record);
    const char* missing = NULL;
    if (result == NULL) {
        missing = "result";
    } else if (data == NULL) {
        missing = "data";
    } else if (size == NULL) {
        missing = "size";
    }
    if (missing != NULL) {
        return rv_record_fail(record, RV_ERROR_INVALID_ARGUMENT,
            "%s is NULL; pass a result and the addresses of a pointer and a size.", missing);
    }
    *data = result->data;
    *size = result->size;
    return RV_OK;
}

RV_API char* rv_result_statistics_json(const rv_result* result) {
    if (result == NULL || result->statistics_json == NULL) {
        return NULL;
    }
    size_t length = strlen(result->statistics_json);
    char* copy = malloc(length + 1);
    if (copy != NULL) {
        memcpy(copy, result->statistics_json, length + 1);
    }
    return copy;
}

RV_API void rv_result_free(rv_result* result) {
    if (result == NULL) {
        return;
    }
    free(result->data);
    free(result->statistics_json);
    free(result);
}

RV_API void rv_free(void* pointer) {
    free(pointer);
}

static const rv_error_record* record_of(const rv_engine* engine) {
    return engine != NULL ? &engine->error : rv_thread_record();
}

RV_API rv_status rv_engine_last_error_code(const rv_engine* engine) {
    const rv_error_record* record = record_of(engine);
    return record != NULL ? record->status : RV_ERROR_OUT_OF_MEMORY;
}

RV_API const char* rv_engine_last_error_message(const rv_engine* engine) {
    const rv_error_record* record = record_of(engine);
    if (record == NULL) {
        return missing_message;
    }
    if (record->message != NULL) {
        return record->message;
    }
    return record->status == RV_OK ? "" : missing_message;
}

RV_API const char* rv_engine_last_error_portal_code(const rv_engine* engine) {
    const rv_error_record* record = record_of(engine);
    return record != NULL && record->portal_code != NULL ? record->portal_code : "";
}
