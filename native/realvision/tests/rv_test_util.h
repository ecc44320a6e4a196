/*
 * rv_test_util.h: checks and file helpers shared by the C tests of librealvision.
 */
#ifndef RV_TEST_UTIL_H
#define RV_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_failures = 0;

/* Records a failed check with the engine's (or the thread's, for NULL) last error. */
#define CHECK(engine, condition, description)                                                                          \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            fprintf(stderr, "FAILED %s:%d: %s (last error: %s '%s')\n", __FILE__, __LINE__, description,             \
                    rv_status_name(rv_engine_last_error_code(engine)), rv_engine_last_error_message(engine));          \
            ++test_failures;                                                                                           \
        }                                                                                                              \
    } while (0)

/* Reads a whole file into a malloc'd buffer; exits on failure, since no test can run without its input. */
static unsigned char* read_file(const char* path, size_t* size) {
    FILE* file = fopen(path, "rb");
    if (file == NULL) {
        perror(path);
        exit(2);
    }
    fseek(file, 0, SEEK_END);
    long length = ftell(file);
    fseek(file, 0, SEEK_SET);
    unsigned char* data = malloc(length > 0 ? (size_t)length : 1);
    if (data == NULL || length < 0 || fread(data, 1, (size_t)length, file) != (size_t)length) {
        fprintf(stderr, "reading %s failed\n", path);
        exit(2);
    }
    fclose(file);
    *size = (size_t)length;
    return data;
}

/* Returns 1 when the result's output equals the expected bytes; otherwise prints the first difference, prefixed with label. */
static int output_matches(const rv_result* result, const unsigned char* expected, size_t expected_size, const char* label) {
    const uint8_t* data = NULL;
    size_t size = 0;
    if (rv_result_output(result, &data, &size) != RV_OK) {
        fprintf(stderr, "%s: rv_result_output failed\n", label);
        return 0;
    }
    if (size != expected_size) {
        fprintf(stderr, "%s: %zu output bytes, the CLI wrote %zu\n", label, size, expected_size);
        return 0;
    }
    for (size_t i = 0; i < size; i++) {
        if (data[i] != expected[i]) {
            fprintf(stderr, "%s: output differs from the CLI's at byte %zu\n", label, i);
            return 0;
        }
    }
    return 1;
}

#endif /* RV_TEST_UTIL_H */
