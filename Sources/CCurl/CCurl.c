// See include/CCurl.h: libcurl loaded on first use instead of linked.
#include "CCurl.h"
#include "CLoadedLibrary.h"
#include <stdio.h>

#define XRAY_CURL_FUNCTIONS(F)                                             \
    F(int, curl_global_init, (long flags))                                 \
    F(void *, curl_easy_init, (void))                                      \
    F(void, curl_easy_cleanup, (void *handle))                             \
    F(int, curl_easy_perform, (void *handle))                              \
    F(const char *, curl_easy_strerror, (int code))                        \
    F(int, curl_easy_setopt, (void *handle, int option, ...))              \
    F(int, curl_easy_getinfo, (void *handle, int info, ...))               \
    F(void *, curl_slist_append, (void *list, const char *line))           \
    F(void, curl_slist_free_all, (void *list))

XRAY_LOADED_LIBRARY(XRayCurl, XRAY_CURL_FUNCTIONS);

// CURL_GLOBAL_ALL: SSL and Win32 socket set-up (the latter does nothing here).
#define XRAY_CURL_GLOBAL_ALL 3L

const XRayCurl *xray_curl_open(const char *name, char *error, size_t error_size) {
    XRayCurl *curl = XRAY_OPEN_LIBRARY(XRayCurl, name, error, error_size);
    if (curl == NULL) {
        return NULL;
    }
    // Not thread-safe in older libcurl: the Swift side opens the library once, under a lock.
    int code = curl->curl_global_init(XRAY_CURL_GLOBAL_ALL);
    if (code != 0) {
        snprintf(error, error_size, "curl_global_init failed: %s", curl->curl_easy_strerror(code));
        xray_library_close(curl);
        return NULL;
    }
    return curl;
}

void *xray_curl_easy_init(const XRayCurl *curl) { return curl->curl_easy_init(); }
void xray_curl_easy_cleanup(const XRayCurl *curl, void *handle) { curl->curl_easy_cleanup(handle); }
int xray_curl_easy_perform(const XRayCurl *curl, void *handle) { return curl->curl_easy_perform(handle); }
const char *xray_curl_easy_strerror(const XRayCurl *curl, int code) { return curl->curl_easy_strerror(code); }

int xray_curl_setopt_long(const XRayCurl *curl, void *handle, int option, long value) {
    return curl->curl_easy_setopt(handle, option, value);
}

int xray_curl_setopt_off_t(const XRayCurl *curl, void *handle, int option, int64_t value) {
    return curl->curl_easy_setopt(handle, option, value);
}

int xray_curl_setopt_pointer(const XRayCurl *curl, void *handle, int option, const void *value) {
    return curl->curl_easy_setopt(handle, option, value);
}

int xray_curl_setopt_data_callback(const XRayCurl *curl, void *handle, int option,
                                   size_t (*callback)(char *, size_t, size_t, void *)) {
    return curl->curl_easy_setopt(handle, option, callback);
}

int xray_curl_setopt_progress_callback(const XRayCurl *curl, void *handle, int option,
                                       int (*callback)(void *, int64_t, int64_t, int64_t, int64_t)) {
    return curl->curl_easy_setopt(handle, option, callback);
}

int xray_curl_getinfo_long(const XRayCurl *curl, void *handle, int info, long *value) {
    return curl->curl_easy_getinfo(handle, info, value);
}

void *xray_curl_slist_append(const XRayCurl *curl, void *list, const char *line) {
    return curl->curl_slist_append(list, line);
}

void xray_curl_slist_free_all(const XRayCurl *curl, void *list) { curl->curl_slist_free_all(list); }
