/*
 * rv_internal.h: declarations shared by the files of librealvision; not installed.
 */
#ifndef RV_INTERNAL_H
#define RV_INTERNAL_H

#include "realvision.h"
#include "rv_bridge.h"

#if defined(__GNUC__)
#  define RV_PRINTF(format_index, first_arg) __attribute__((format(printf, format_index, first_arg)))
#else
#  define RV_PRINTF(format_index, first_arg)
#endif

/*
 * Where a failed call leaves its error: on its engine, or, for calls without
 * one, in the calling thread's record. Strings are malloc'd and owned by the
 * record; NULL reads as "".
 */
typedef struct rv_error_record {
    rv_status status;
    char* message;
    char* portal_code;
} rv_error_record;

/* Returns the calling thread's record, or NULL when it cannot be allocated. */
rv_error_record* rv_thread_record(void);

/* Resets a record to RV_OK with no message; NULL is ignored. */
void rv_record_clear(rv_error_record* record);

/* Stores a failure with a formatted message and returns status; record may be NULL. */
rv_status rv_record_fail(rv_error_record* record, rv_status status, const char* format, ...) RV_PRINTF(3, 4);

/*
 * Stores a failure with the status that a managed entry point returned and
 * returns that status. The record takes ownership of the strings in error,
 * which come from malloc through the bridge allocator.
 */
rv_status rv_record_take(rv_error_record* record, rv_status status, rv_bridge_error* error);

/* Releases the strings of a record. */
void rv_record_release(rv_error_record* record);

/*
 * Starts the .NET runtime and the managed engine once per process (see
 * rv_initialize in realvision.h). On success *exports points to the managed
 * entry points; on failure the reason goes to record.
 */
rv_status rv_host_start(const char* interop_dir, rv_error_record* record, const rv_bridge_exports** exports);

#endif /* RV_INTERNAL_H */
