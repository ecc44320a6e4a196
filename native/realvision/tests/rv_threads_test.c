/*
 * Slices one model with two engines in two threads at once and checks that
 * each output equals the CLI's, byte for byte, and that the engines are
 * created concurrently too (the runtime starts once).
 *
 *   rv_threads_test MODEL.stl CLI_OUTPUT.gcode SETTINGS_JSON
 *
 * The engine folder comes from REALVISION_INTEROP_DIR. Exits non-zero when a
 * check fails.
 */
#include "realvision.h"
#include "rv_test_util.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define THREAD_COUNT 2

typedef struct slice_job {
    int index;
    const char* model_path;
    const char* settings_json;
    const unsigned char* reference;
    size_t reference_size;
    pthread_barrier_t* start;
    rv_status create_status;
    rv_status slice_status;
    int matches;
    double started_s;
    double finished_s;
    char message[512];
} slice_job;

static double now_s(void) {
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return (double)time.tv_sec + (double)time.tv_nsec * 1e-9;
}

/* Creates an engine, waits for the other thread, then slices; all in this thread. */
static void* run_job(void* argument) {
    slice_job* job = argument;
    rv_engine* engine = NULL;
    job->create_status = rv_engine_create(NULL, 0, &engine);
    if (job->create_status != RV_OK) {
        snprintf(job->message, sizeof job->message, "%s", rv_engine_last_error_message(NULL));
    }
    pthread_barrier_wait(job->start);
    if (engine == NULL) {
        return NULL;
    }

    rv_result* result = NULL;
    job->started_s = now_s();
    job->slice_status = rv_slice_file(engine, job->model_path, job->settings_json, NULL, NULL, &result);
    job->finished_s = now_s();
    if (job->slice_status != RV_OK) {
        snprintf(job->message, sizeof job->message, "%s", rv_engine_last_error_message(engine));
    } else {
        char label[32];
        snprintf(label, sizeof label, "thread %d", job->index);
        job->matches = output_matches(result, job->reference, job->reference_size, label);
    }
    rv_result_free(result);
    rv_engine_destroy(engine);
    return NULL;
}

int main(int argc, char** argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s MODEL.stl CLI_OUTPUT.gcode SETTINGS_JSON\n", argv[0]);
        return 2;
    }
    size_t reference_size = 0;
    unsigned char* reference = read_file(argv[2], &reference_size);

    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, THREAD_COUNT);
    slice_job jobs[THREAD_COUNT];
    pthread_t threads[THREAD_COUNT];
    for (int i = 0; i < THREAD_COUNT; i++) {
        memset(&jobs[i], 0, sizeof jobs[i]);
        jobs[i].index = i;
        jobs[i].model_path = argv[1];
        jobs[i].settings_json = argv[3];
        jobs[i].reference = reference;
        jobs[i].reference_size = reference_size;
        jobs[i].start = &start;
        if (pthread_create(&threads[i], NULL, run_job, &jobs[i]) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 2;
        }
    }
    for (int i = 0; i < THREAD_COUNT; i++) {
        pthread_join(threads[i], NULL);
    }
    pthread_barrier_destroy(&start);

    for (int i = 0; i < THREAD_COUNT; i++) {
        slice_job* job = &jobs[i];
        if (job->create_status != RV_OK || job->slice_status != RV_OK) {
            fprintf(stderr, "thread %d: create %s, slice %s: %s\n", i, rv_status_name(job->create_status),
                    rv_status_name(job->slice_status), job->message);
        }
        CHECK(NULL, job->create_status == RV_OK, "each thread creates an engine");
        CHECK(NULL, job->slice_status == RV_OK, "each thread's slice succeeds");
        CHECK(NULL, job->matches, "each thread's output equals the CLI's");
        printf("thread %d: sliced from %.3f s to %.3f s\n", i, job->started_s - jobs[0].started_s,
               job->finished_s - jobs[0].started_s);
    }
    int overlapped = jobs[0].started_s < jobs[1].finished_s && jobs[1].started_s < jobs[0].finished_s;
    printf("the two slices %s in time\n", overlapped ? "overlapped" : "did not overlap");
    CHECK(NULL, overlapped, "the two slices run at the same time");
    free(reference);

    if (test_failures > 0) {
        fprintf(stderr, "%d check(s) failed\n", test_failures);
        return 1;
    }
    printf("all checks passed\n");
    return 0;
}
