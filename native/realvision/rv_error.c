/* rv_error.c: error records, on engines and per thread. */
#include "rv_internal.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_key_t thread_record_key;
static pthread_once_t thread_record_once = PTHREAD_ONCE_INIT;
static int thread_record_key_ready;

static void destroy_thread_record(void* pointer) {
    rv_error_record* record = pointer;
    rv_record_release(record);
    free(record);
}

static void create_thread_record_key(void) {
    thread_record_key_ready = pthread_key_create(&thread_record_key, destroy_thread_record) == 0;
}

rv_error_record* rv_thread_record(void) {
    pthread_once(&thread_record_once, create_thread_record_key);
    if (!thread_record_key_ready) {
        return NULL;
    }
    rv_error_record* record = pthread_getspecific(thread_record_key);
    if (record == NULL) {
        record = calloc(1, sizeof *record);
        if (record != NULL && pthread_setspecific(thread_record_key, record) != 0) {
            free(record);
            record = NULL;
        }
    }
    return record;
}

void rv_record_release(rv_error_record* record) {
    if (record == NULL) {
        return;
    }
    free(record->message);
    free(record->portal_code);
    record->message = NULL;
    record->portal_code = NULL;
}

void rv_record_clear(rv_error_record* record) {
    if (record == NULL) {
        return;
    }
    rv_record_release(record);
    record->status = RV_OK;
}

rv_status rv_record_fail(rv_error_record* record, rv_status status, const char* format, ...) {
    if (record == NULL) {
        return status;
    }
    rv_record_release(record);
    record->status = status;

    va_list args;
    va_start(args, format);
    int length = vsnprintf(NULL, 0, format, args);
    va_end(args);
    if (length < 0) {
        return status;
    }
    record->message = malloc((size_t)length + 1);
    if (record->message != NULL) {
        va_start(args, format);
        vsnprintf(record->message, (size_t)length + 1, format, args);
        va_end(args);
    }
    return status;
}

rv_status rv_record_take(rv_error_record* record, rv_status status, rv_bridge_error* error) {
    if (record == NULL) {
        free(error->message);
        free(error->portal_code);
    } else {
        rv_record_release(record);
        record->status = status;
        record->message = error->message;
        record->portal_code = error->portal_code;
    }
    error->message = NULL;
    error->portal_code = NULL;
    return status;
}
