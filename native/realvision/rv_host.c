/*
 * rv_host.c: starts the .NET runtime inside the process and binds the managed
 * entry points of RealVision.Interop.dll.
 *
 * Steps (hostfxr's native hosting interface, .NET 5 and later):
 *   1. nethost's get_hostfxr_path finds libhostfxr.so (DOTNET_ROOT, or the
 *      system-wide installation);
 *   2. hostfxr_initialize_for_runtime_config reads
 *      RealVision.Interop.runtimeconfig.json and resolves the framework;
 *   3. the load_assembly_and_get_function_pointer delegate loads
 *      RealVision.Interop.dll into its own load context (dependencies from its
 *      .deps.json) and returns NativeExports.Initialize;
 *   4. Initialize checks the bridge version and fills the table of the other
 *      entry points.
 * hostfxr's error messages are captured and become the error message instead
 * of going to standard error.
 */
#ifndef _GNU_SOURCE
#  define _GNU_SOURCE /* dladdr */
#endif

#include "rv_internal.h"

#include <coreclr_delegates.h>
#include <hostfxr.h>
#include <nethost.h>

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define INTEROP_ASSEMBLY "RealVision.Interop.dll"
#define INTEROP_RUNTIME_CONFIG "RealVision.Interop.runtimeconfig.json"
#define INTEROP_TYPE "RealVision.Interop.NativeExports, RealVision.Interop"
#define INTEROP_DIR_VARIABLE "REALVISION_INTEROP_DIR"

/* hostfxr status codes that mean success (see hostfxr.h and the .NET host error code list). */
#define HOSTFXR_SUCCESS 0
#define HOSTFXR_SUCCESS_HOST_ALREADY_INITIALIZED 1
#define HOSTFXR_SUCCESS_DIFFERENT_RUNTIME_PROPERTIES 2

static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int started;
static rv_bridge_exports bridge_exports;
static char started_dir[PATH_MAX];

/* hostfxr messages of the start in progress; written only by the thread holding start_lock. */
static char hostfxr_messages[2048];

/* Appends one hostfxr message, folding its line breaks and indentation into single spaces. */
static void capture_hostfxr_message(const char_t* message) {
    size_t used = strlen(hostfxr_messages);
    if (used > 0 && used + 1 < sizeof hostfxr_messages) {
        hostfxr_messages[used++] = ' '; /* separates this message from the previous one */
    }
    for (const char* c = message; *c != '\0' && used + 1 < sizeof hostfxr_messages; c++) {
        int is_space = *c == ' ' || *c == '\n' || *c == '\r' || *c == '\t';
        if (is_space && (used == 0 || hostfxr_messages[used - 1] == ' ')) {
            continue;
        }
        hostfxr_messages[used++] = is_space ? ' ' : *c;
    }
    while (used > 0 && hostfxr_messages[used - 1] == ' ') {
        used--;
    }
    hostfxr_messages[used] = '\0';
}

typedef struct hostfxr_functions {
    hostfxr_initialize_for_runtime_config_fn initialize_for_runtime_config;
    hostfxr_get_runtime_delegate_fn get_runtime_delegate;
    hostfxr_close_fn close;
    hostfxr_set_error_writer_fn set_error_writer;
    hostfxr_set_runtime_property_value_fn set_runtime_property_value;
} hostfxr_functions;

/* Picks the folder of RealVision.Interop.dll: argument, environment variable, or the folder of this library. */
static rv_status find_interop_dir(const char* interop_dir, char* resolved, rv_error_record* record) {
    char candidate[PATH_MAX];
    const char* origin;
    const char* from_environment = getenv(INTEROP_DIR_VARIABLE);
    if (interop_dir != NULL) {
        origin = "the folder passed to rv_initialize";
        if (strlen(interop_dir) >= sizeof candidate) {
            return rv_record_fail(record, RV_ERROR_INVALID_ARGUMENT, "interop_dir is longer than %d bytes.", PATH_MAX - 1);
        }
        strcpy(candidate, interop_dir);
    } else if (from_environment != NULL && from_environment[0] != '\0') {
        origin = "the folder in " INTEROP_DIR_VARIABLE;
        if (strlen(from_environment) >= sizeof candidate) {
            return rv_record_fail(record, RV_ERROR_RUNTIME, INTEROP_DIR_VARIABLE " is longer than %d bytes.", PATH_MAX - 1);
        }
        strcpy(candidate, from_environment);
    } else {
        origin = "the folder of librealvision.so";
        Dl_info info;
        if (dladdr((void*)&rv_host_start, &info) == 0 || info.dli_fname == NULL || strlen(info.dli_fname) >= sizeof candidate) {
            return rv_record_fail(record, RV_ERROR_RUNTIME,
                "Cannot tell where librealvision.so was loaded from; pass the folder of " INTEROP_ASSEMBLY
                " to rv_initialize or set " INTEROP_DIR_VARIABLE ".");
        }
        strcpy(candidate, info.dli_fname);
        char* slash = strrchr(candidate, '/');
        if (slash == NULL) {
            strcpy(candidate, ".");
        } else {
            *slash = '\0';
        }
    }

    if (realpath(candidate, resolved) == NULL) {
        return rv_record_fail(record, RV_ERROR_RUNTIME, "The engine folder '%s' (%s) cannot be opened: %s.", candidate, origin,
            strerror(errno));
    }
    const char* needed[] = {INTEROP_ASSEMBLY, INTEROP_RUNTIME_CONFIG};
    for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++) {
        char file[PATH_MAX];
        if ((size_t)snprintf(file, sizeof file, "%s/%s", resolved, needed[i]) >= sizeof file || access(file, R_OK) != 0) {
            return rv_record_fail(record, RV_ERROR_RUNTIME,
                "%s was not found in '%s' (%s). Build it with `dotnet build engine/RealVision.Interop -c Release`, then pass "
                "its output folder to rv_initialize or set " INTEROP_DIR_VARIABLE ".",
                needed[i], resolved, origin);
        }
    }
    return RV_OK;
}

static rv_status load_hostfxr(const char* assembly_path, hostfxr_functions* functions, rv_error_record* record) {
    char hostfxr_path[PATH_MAX];
    size_t size = sizeof hostfxr_path;
    struct get_hostfxr_parameters parameters = {sizeof parameters, assembly_path, NULL};
    int rc = get_hostfxr_path(hostfxr_path, &size, &parameters);
    if (rc != 0) {
        return rv_record_fail(record, RV_ERROR_RUNTIME,
            "The .NET runtime was not found (nethost error 0x%08x). Install the .NET 10 runtime, or set DOTNET_ROOT to "
            "its folder.",
            (unsigned)rc);
    }

    /* Stays loaded for the life of the process, as the runtime does. */
    void* library = dlopen(hostfxr_path, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char* reason = dlerror();
        return rv_record_fail(record, RV_ERROR_RUNTIME, "Loading %s failed: %s.", hostfxr_path, reason != NULL ? reason : "unknown reason");
    }
    functions->initialize_for_runtime_config =
        (hostfxr_initialize_for_runtime_config_fn)dlsym(library, "hostfxr_initialize_for_runtime_config");
    functions->get_runtime_delegate = (hostfxr_get_runtime_delegate_fn)dlsym(library, "hostfxr_get_runtime_delegate");
    functions->close = (hostfxr_close_fn)dlsym(library, "hostfxr_close");
    functions->set_error_writer = (hostfxr_set_error_writer_fn)dlsym(library, "hostfxr_set_error_writer");
    functions->set_runtime_property_value =
        (hostfxr_set_runtime_property_value_fn)dlsym(library, "hostfxr_set_runtime_property_value");
    if (functions->initialize_for_runtime_config == NULL || functions->get_runtime_delegate == NULL || functions->close == NULL
        || functions->set_error_writer == NULL || functions->set_runtime_property_value == NULL) {
        return rv_record_fail(record, RV_ERROR_RUNTIME,
            "%s lacks the native hosting functions of .NET 5 or later; install the .NET 10 runtime.", hostfxr_path);
    }
    return RV_OK;
}

/* Gets NativeExports.Initialize through hostfxr. Runs with hostfxr's error writer set to capture_hostfxr_message. */
static rv_status get_initialize(const hostfxr_functions* functions, const char* interop_dir, const char* config_path,
                                const char* assembly_path, rv_bridge_initialize_fn* initialize, rv_error_record* record) {
    hostfxr_handle context = NULL;
    int rc = functions->initialize_for_runtime_config(config_path, NULL, &context);
    if ((rc != HOSTFXR_SUCCESS && rc != HOSTFXR_SUCCESS_HOST_ALREADY_INITIALIZED
         && rc != HOSTFXR_SUCCESS_DIFFERENT_RUNTIME_PROPERTIES)
        || context == NULL) {
        if (context != NULL) {
            functions->close(context);
        }
        return rv_record_fail(record, RV_ERROR_RUNTIME, "Starting the .NET runtime with %s failed (hostfxr error 0x%08x). %s",
            config_path, (unsigned)rc, hostfxr_messages);
    }

    if (rc == HOSTFXR_SUCCESS) {
        /*
         * This context starts the runtime, so its properties still apply. Without this,
         * AppContext.BaseDirectory is the host program's folder, and the engine looks for
         * plugins/ and printers/ there. When another component started the runtime first,
         * the managed side finds those folders beside RealVision.Interop.dll instead.
         */
        char base_directory[PATH_MAX + 1];
        snprintf(base_directory, sizeof base_directory, "%s/", interop_dir); /* .NET's base folders end in a separator */
        rc = functions->set_runtime_property_value(context, "APP_CONTEXT_BASE_DIRECTORY", base_directory);
        if (rc != HOSTFXR_SUCCESS) {
            functions->close(context);
            return rv_record_fail(record, RV_ERROR_RUNTIME, "Setting the runtime's base folder failed (hostfxr error 0x%08x). %s",
                (unsigned)rc, hostfxr_messages);
        }
    }

    load_assembly_and_get_function_pointer_fn load_assembly = NULL;
    rc = functions->get_runtime_delegate(context, hdt_load_assembly_and_get_function_pointer, (void**)&load_assembly);
    /* The context only serves to get the delegate; the runtime stays loaded after closing it. */
    functions->close(context);
    if (rc != HOSTFXR_SUCCESS || load_assembly == NULL) {
        return rv_record_fail(record, RV_ERROR_RUNTIME, "The .NET runtime did not provide its loader (hostfxr error 0x%08x). %s",
            (unsigned)rc, hostfxr_messages);
    }

    rc = load_assembly(assembly_path, INTEROP_TYPE, "Initialize", UNMANAGEDCALLERSONLY_METHOD, NULL, (void**)initialize);
    if (rc != 0 || *initialize == NULL) {
        return rv_record_fail(record, RV_ERROR_RUNTIME,
            "Loading NativeExports.Initialize from %s failed (error 0x%08x); the assembly may be from another version. %s",
            assembly_path, (unsigned)rc, hostfxr_messages);
    }
    return RV_OK;
}

static rv_status bind_managed_engine(rv_bridge_initialize_fn initialize, rv_error_record* record) {
    rv_bridge_init init = {RV_BRIDGE_VERSION, {malloc, realloc, free}};
    rv_bridge_exports exports;
    rv_bridge_error error = {0, NULL, NULL};
    memset(&exports, 0, sizeof exports);
    rv_status status = initialize(&init, &exports, &error);
    if (status != RV_OK) {
        return rv_record_take(record, status, &error);
    }
    if (exports.bridge_version != RV_BRIDGE_VERSION || exports.create_engine == NULL || exports.destroy_engine == NULL
        || exports.slice == NULL) {
        return rv_record_fail(record, RV_ERROR_RUNTIME,
            "RealVision.Interop.dll returned an incomplete entry point table; use it with the librealvision.so of the same build.");
    }
    if (exports.engine_version == NULL || strcmp(exports.engine_version, rv_version()) != 0) {
        return rv_record_fail(record, RV_ERROR_RUNTIME,
            "librealvision.so is version %s but RealVision.Interop.dll is version %s; use both from the same build.", rv_version(),
            exports.engine_version != NULL ? exports.engine_version : "(unknown)");
    }
    bridge_exports = exports;
    return RV_OK;
}

static rv_status start_locked(const char* interop_dir, rv_error_record* record) {
    if (interop_dir == NULL && atomic_load(&started)) {
        return RV_OK; /* another thread started it while this one waited for the lock */
    }
    char folder[PATH_MAX];
    rv_status status = find_interop_dir(interop_dir, folder, record);
    if (status != RV_OK) {
        return status;
    }
    if (atomic_load(&started)) {
        if (strcmp(folder, started_dir) != 0) {
            return rv_record_fail(record, RV_ERROR_RUNTIME,
                "The runtime already runs the engine from '%s'; a process can host only one, so '%s' cannot be used.", started_dir,
                folder);
        }
        return RV_OK;
    }

    char assembly_path[PATH_MAX + sizeof INTEROP_ASSEMBLY];
    char config_path[PATH_MAX + sizeof INTEROP_RUNTIME_CONFIG];
    snprintf(assembly_path, sizeof assembly_path, "%s/%s", folder, INTEROP_ASSEMBLY);
    snprintf(config_path, sizeof config_path, "%s/%s", folder, INTEROP_RUNTIME_CONFIG);

    hostfxr_functions functions = {NULL, NULL, NULL, NULL, NULL};
    status = load_hostfxr(assembly_path, &functions, record);
    if (status != RV_OK) {
        return status;
    }

    hostfxr_messages[0] = '\0';
    hostfxr_error_writer_fn previous_writer = functions.set_error_writer(capture_hostfxr_message);
    rv_bridge_initialize_fn initialize = NULL;
    status = get_initialize(&functions, folder, config_path, assembly_path, &initialize, record);
    functions.set_error_writer(previous_writer);
    if (status != RV_OK) {
        return status;
    }

    status = bind_managed_engine(initialize, record);
    if (status == RV_OK) {
        strcpy(started_dir, folder);
        atomic_store(&started, 1);
    }
    return status;
}

rv_status rv_host_start(const char* interop_dir, rv_error_record* record, const rv_bridge_exports** exports) {
    /* Fast path once started: engines are created without taking the lock. */
    if (interop_dir == NULL && atomic_load(&started)) {
        *exports = &bridge_exports;
        return RV_OK;
    }

    pthread_mutex_lock(&start_lock);
    rv_status status = start_locked(interop_dir, record);
    pthread_mutex_unlock(&start_lock);
    *exports = status == RV_OK ? &bridge_exports : NULL;
    return status;
}
