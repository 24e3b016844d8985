// See include/CCurl.h: libcurl loaded on first use instead of linked.
#include "CCurl.h"
#include "CLoadedLibrary.h"
#include <stdio.h>

// XRayLoadedLibrary's layout (the handle, then the functions in the order of `names`), with typed
// fields over the same memory.
struct XRayCurl {
    void *library;
    union {
        void *functions[9];
        struct {
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
    };
};

static const char *const names[] = {
    "curl_global_init", "curl_easy_init", "curl_easy_cleanup", "curl_easy_perform", "curl_easy_strerror",
    "curl_easy_setopt", "curl_easy_getinfo", "curl_slist_append", "curl_slist_free_all",
};
_Static_assert(sizeof(names) / sizeof(names[0]) == sizeof(((XRayCurl *)0)->functions) / sizeof(void *),
               "a name for each function");
_Static_assert(sizeof(XRayCurl) == sizeof(XRayLoadedLibrary) + sizeof(((XRayCurl *)0)->functions),
               "the layout of XRayLoadedLibrary");

// CURL_GLOBAL_ALL: SSL and Win32 socket set-up (the latter does nothing here).
#define XRAY_CURL_GLOBAL_ALL 3L

const XRayCurl *xray_curl_open(const char *name, char *error, size_t error_size) {
    XRayCurl *curl = (XRayCurl *)xray_library_open(name, names, sizeof(names) / sizeof(names[0]), error, error_size);
    if (curl == NULL) {
        return NULL;
    }
    // Not thread-safe in older libcurl: the Swift side opens the library once, under a lock.
    int code = curl->global_init(XRAY_CURL_GLOBAL_ALL);
    if (code != 0) {
        snprintf(error, error_size, "curl_global_init failed: %s", curl->easy_strerror(code));
        xray_library_close((XRayLoadedLibrary *)curl);
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
