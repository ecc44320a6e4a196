/*
 * slice_file.c: slices a model through the RealVision C ABI, printing
 * progress to standard error and the statistics to standard output.
 *
 *   slice_file INPUT [OUTPUT] [SETTINGS_JSON]
 *
 * INPUT is an .stl or .rvwj file. OUTPUT (default: none) receives the
 * G-code. SETTINGS_JSON overrides settings, such as '{"layer_height": 0.3}'.
 * The engine folder (RealVision.Interop.dll) is found as realvision.h
 * describes: REALVISION_INTEROP_DIR, or the folder of librealvision.so.
 * Exit status: 0 on success, 1 on failure (the message goes to standard error).
 */
#include "realvision.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What print_progress printed last. */
typedef struct progress_state {
    double fraction;
    char stage[64];
} progress_state;

/* Prints a line when the stage changes and every tenth of the way, so the log stays short. */
static int print_progress(double fraction, const char* stage, void* user_data) {
    progress_state* last = user_data;
    if (strcmp(stage, last->stage) != 0 || fraction - last->fraction >= 0.1) {
        fprintf(stderr, "progress %5.1f %% %s\n", fraction * 100.0, stage);
        last->fraction = fraction;
        snprintf(last->stage, sizeof last->stage, "%s", stage);
    }
    return 0; /* non-zero would cancel the slice */
}

static int write_file(const char* path, const uint8_t* data, size_t size) {
    FILE* file = fopen(path, "wb");
    if (file == NULL) {
        perror(path);
        return 0;
    }
    int ok = fwrite(data, 1, size, file) == size;
    ok = (fclose(file) == 0) && ok;
    if (!ok) {
        fprintf(stderr, "slice_file: writing %s failed\n", path);
    }
    return ok;
}

int main(int argc, char** argv) {
    if (argc < 2 || argc > 4) {
        fprintf(stderr, "usage: %s INPUT [OUTPUT] [SETTINGS_JSON]\n", argv[0]);
        return 1;
    }
    const char* input = argv[1];
    const char* output = argc > 2 && argv[2][0] != '\0' ? argv[2] : NULL;
    const char* settings = argc > 3 ? argv[3] : NULL;

    if (rv_abi_version() != REALVISION_ABI_VERSION) {
        fprintf(stderr, "slice_file: built for ABI %d, but the loaded library has ABI %d\n", REALVISION_ABI_VERSION,
                (int)rv_abi_version());
        return 1;
    }
    fprintf(stderr, "librealvision %s (ABI %d)\n", rv_version(), (int)rv_abi_version());

    rv_engine* engine = NULL;
    rv_status status = rv_engine_create(NULL, 0, &engine);
    if (status != RV_OK) {
        fprintf(stderr, "slice_file: %s: %s\n", rv_status_name(status), rv_engine_last_error_message(NULL));
        return 1;
    }

    progress_state last = {0.0, ""};
    rv_result* result = NULL;
    status = rv_slice_file(engine, input, settings, print_progress, &last, &result);
    if (status != RV_OK) {
        fprintf(stderr, "slice_file: %s %s: %s\n", rv_status_name(status), rv_engine_last_error_portal_code(engine),
                rv_engine_last_error_message(engine));
        rv_engine_destroy(engine);
        return 1;
    }

    const uint8_t* data = NULL;
    size_t size = 0;
    int ok = rv_result_output(result, &data, &size) == RV_OK;
    if (ok && output != NULL) {
        ok = write_file(output, data, size);
    }
    char* statistics = rv_result_statistics_json(result);
    if (statistics != NULL) {
        printf("output bytes: %zu\nstatistics: %s\n", size, statistics);
    }
    rv_free(statistics);
    rv_result_free(result);
    rv_engine_destroy(engine);
    return ok && statistics != NULL ? 0 : 1;
}
