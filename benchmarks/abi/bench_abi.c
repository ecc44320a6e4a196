/*
 * bench_abi.c: times the C ABI on one model: starting the runtime, creating
 * engines, and rv_slice_file calls after a warm-up. Prints one "name seconds"
 * line per measurement, for run.sh to summarise.
 *
 *   bench_abi MODEL SETTINGS_JSON WARMUP CALLS [progress]
 *
 * With "progress" each call passes a callback that counts reports. The engine
 * folder comes from REALVISION_INTEROP_DIR or the folder of librealvision.so.
 */
#include "realvision.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void) {
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return (double)time.tv_sec + (double)time.tv_nsec * 1e-9;
}

static int count_reports(double fraction, const char* stage, void* user_data) {
    (void)fraction;
    (void)stage;
    ++*(long*)user_data;
    return 0;
}

static int fail(const rv_engine* engine, const char* function_name) {
    fprintf(stderr, "bench_abi: %s failed: %s\n", function_name, rv_engine_last_error_message(engine));
    return 1;
}

int main(int argc, char** argv) {
    if (argc < 5 || argc > 6) {
        fprintf(stderr, "usage: %s MODEL SETTINGS_JSON WARMUP CALLS [progress]\n", argv[0]);
        return 2;
    }
    const char* model = argv[1];
    const char* settings = argv[2];
    int warmup = atoi(argv[3]);
    int calls = atoi(argv[4]);
    int with_progress = argc == 6 && strcmp(argv[5], "progress") == 0;

    double start = now_s();
    if (rv_initialize(NULL) != RV_OK) {
        return fail(NULL, "rv_initialize");
    }
    printf("runtime_start_s %.6f\n", now_s() - start);

    rv_engine* engine = NULL;
    for (int i = 0; i < 3; i++) {
        rv_engine_destroy(engine);
        engine = NULL;
        start = now_s();
        if (rv_engine_create(NULL, 0, &engine) != RV_OK) {
            return fail(NULL, "rv_engine_create");
        }
        printf("%s %.6f\n", i == 0 ? "engine_create_first_s" : "engine_create_next_s", now_s() - start);
    }

    long reports = 0;
    size_t output_size = 0;
    for (int i = 0; i < warmup + calls; i++) {
        rv_result* result = NULL;
        start = now_s();
        rv_status status = rv_slice_file(engine, model, settings, with_progress ? count_reports : NULL, &reports, &result);
        double elapsed = now_s() - start;
        if (status != RV_OK) {
            return fail(engine, "rv_slice_file");
        }
        const uint8_t* data = NULL;
        rv_result_output(result, &data, &output_size);
        rv_result_free(result);
        printf("%s %.6f\n", i < warmup ? "warmup_slice_s" : "slice_s", elapsed);
    }
    printf("output_bytes %zu\n", output_size);
    if (with_progress) {
        printf("progress_reports_per_call %.1f\n", (double)reports / (warmup + calls));
    }
    rv_engine_destroy(engine);
    return 0;
}
