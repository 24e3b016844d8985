// See include/CCurl.h: libcurl loaded on first use instead of linked.
#include "CCurl.h"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

struct XRayCurl {
    void *library;
    int (*global_init)(long flags);
    void *(*easy_init)(void);
    void (*easy_cleanup)(void *handle);
    int (*easy_perform)(void *handle);
    const char *(*easy_strerror)(int code);
    int (*easy_setopt)(void *handle, int option, ...);
    int (*easy_getinfo)(void *handle, int info, ...);
    void *(*slist_append)(void *list, const char *line);
    void (*slist_free_all)(void *list);
};

// CURL_GLOBAL_ALL: SSL and Win32 socket set-up (the latter does nothing here).
#define XRAY_CURL_GLOBAL_ALL 3L

const XRayCurl *xray_curl_open(const char *name, char *error, size_t error_size) {
    void *library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(error, error_size, "%s", reason ? reason : name);
        return NULL;
    }
    XRayCurl *curl = calloc(1, sizeof(XRayCurl));
    if (curl == NULL) {
        snprintf(error, error_size, "out of memory");
        dlclose(library);
        return NULL;
    }
    curl->library = library;
    const char *missing = NULL;
#define XRAY_LOOK_UP(field, symbol) \
    if (missing == NULL && (*(void **)&curl->field = dlsym(library, symbol)) == NULL) missing = symbol;
    XRAY_LOOK_UP(global_init, "curl_global_init")
    XRAY_LOOK_UP(easy_init, "curl_easy_init")
    XRAY_LOOK_UP(easy_cleanup, "curl_easy_cleanup")
    XRAY_LOOK_UP(easy_perform, "curl_easy_perform")
    XRAY_LOOK_UP(easy_strerror, "curl_easy_strerror")
    XRAY_LOOK_UP(easy_setopt, "curl_easy_setopt")
    XRAY_LOOK_UP(easy_getinfo, "curl_easy_getinfo")
    XRAY_LOOK_UP(slist_append, "curl_slist_append")
    XRAY_LOOK_UP(slist_free_all, "curl_slist_free_all")
#undef XRAY_LOOK_UP
    if (missing != NULL) {
        snprintf(error, error_size, "%s has no %s", name, missing);
        free(curl);
        dlclose(library);
        return NULL;
    }
    // Not thread-safe in older libcurl: the Swift side opens the library once, under a lock.
    int code = curl->global_init(XRAY_CURL_GLOBAL_ALL);
    if (code != 0) {
        snprintf(error, error_size, "curl_global_init failed: %s", curl->easy_strerror(code));
        free(curl);
        dlclose(library);
        return NULL;
    }
    return curl;
}

void *xray_curl_easy_init(const XRayCurl *curl) { return curl->easy_init(); }
void xray_curl_easy_cleanup(const XRayCurl *curl, void *handle) { curl->easy_cleanup(handle); }
int xray_curl_easy_perform(const XRayCurl *curl, void *handle) { return curl->easy_perform(handle); }
const char *xray_curl_easy_strerror(const XRayCurl *curl, int code) { return curl->easy_strerror(code); }

int xray_curl_setopt_long(const XRayCurl *curl, void *handle, int option, long value) {
    return curl->easy_setopt(handle, option, value);
}

int xray_curl_setopt_off_t(const XRayCurl *curl, void *handle, int option, int64_t value) {
    return curl->easy_setopt(handle, option, value);
}

int xray_curl_setopt_pointer(const XRayCurl *curl, void *handle, int option, const void *value) {
    return curl->easy_setopt(handle, option, value);
}

int xray_curl_setopt_data_callback(const XRayCurl *curl, void *handle, int option,
                                   size_t (*callback)(char *, size_t, size_t, void *)) {
    return curl->easy_setopt(handle, option, callback);
}

int xray_curl_setopt_progress_callback(const XRayCurl *curl, void *handle, int option,
                                       int (*callback)(void *, int64_t, int64_t, int64_t, int64_t)) {
    return curl->easy_setopt(handle, option, callback);
}

int xray_curl_getinfo_long(const XRayCurl *curl, void *handle, int info, long *value) {
    return curl->easy_getinfo(handle, info, value);
}

void *xray_curl_slist_append(const XRayCurl *curl, void *list, const char *line) {
    return curl->slist_append(list, line);
}

void xray_curl_slist_free_all(const XRayCurl *curl, void *list) { curl->slist_free_all(list); }
