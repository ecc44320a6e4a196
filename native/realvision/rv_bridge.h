/*
 * rv_bridge.h: the private contract between librealvision.so and
 * RealVision.Interop.dll. Each struct mirrors one in
 * engine/RealVision.Interop/InteropTypes.cs field by field; change both sides
 * together and raise RV_BRIDGE_VERSION (NativeExports.BridgeVersion) with them.
 * Nothing here is part of the public ABI.
 */
#ifndef RV_BRIDGE_H
#define RV_BRIDGE_H

#include <stddef.h>
#include <stdint.h>

#include "realvision.h"

#define RV_BRIDGE_VERSION 1

/* The C library's allocator; the managed side allocates every block it hands over with it. */
typedef struct rv_bridge_allocator {
    void* (*allocate)(size_t size);
    void* (*reallocate)(void* block, size_t size);
    void (*free)(void* block);
} rv_bridge_allocator;

typedef struct rv_bridge_init {
    int32_t bridge_version;
    rv_bridge_allocator allocator;
} rv_bridge_init;

/* A failure reported by the managed side; message and portal_code come from the allocator and may be NULL. */
typedef struct rv_bridge_error {
    int32_t status;
    char* message;
    char* portal_code;
} rv_bridge_error;

typedef struct rv_bridge_slice_arguments {
    const char* path;          /* a file, or NULL for a buffer */
    const uint8_t* data;
    size_t size;
    const char* format;
    const char* input_name;
    const char* settings_json;
    rv_progress_fn progress;
    void* user_data;
} rv_bridge_slice_arguments;

/* A finished slice; both blocks come from the allocator. */
typedef struct rv_bridge_slice_output {
    uint8_t* data;
    size_t size;
    char* statistics_json;
} rv_bridge_slice_output;

typedef struct rv_bridge_exports {
    int32_t bridge_version;
    const char* engine_version; /* owned by the managed side, never freed */
    int32_t (*create_engine)(const char* const* plugin_folders, size_t count, intptr_t* out_handle, rv_bridge_error* error);
    void (*destroy_engine)(intptr_t handle);
    int32_t (*slice)(intptr_t handle, const rv_bridge_slice_arguments* arguments, rv_bridge_slice_output* output,
                     rv_bridge_error* error);
} rv_bridge_exports;

/* Signature of NativeExports.Initialize. */
typedef int32_t (*rv_bridge_initialize_fn)(const rv_bridge_init* init, rv_bridge_exports* exports, rv_bridge_error* error);

#endif /* RV_BRIDGE_H */
