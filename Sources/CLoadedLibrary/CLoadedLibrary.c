// See include/CLoadedLibrary.h.
#include "CLoadedLibrary.h"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *xray_library_open(const char *name, const char *const *symbols, size_t count, char *error, size_t error_size) {
    void *library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(error, error_size, "%s", reason ? reason : name);
        return NULL;
    }
    char *loaded = calloc(1 + count, sizeof(void *));
    if (loaded == NULL) {
        snprintf(error, error_size, "out of memory");
        dlclose(library);
        return NULL;
    }
    memcpy(loaded, &library, sizeof library);
    for (size_t index = 0; index < count; index++) {
        void *function = dlsym(library, symbols[index]);
        if (function == NULL) {
            snprintf(error, error_size, "%s has no %s", name, symbols[index]);
            xray_library_close(loaded);
            return NULL;
        }
        // POSIX's dlsym gives a function's address as void *, with a function pointer's representation.
        memcpy(loaded + (1 + index) * sizeof(void *), &function, sizeof function);
    }
    return loaded;
}

void xray_library_close(void *loaded) {
    void *library;
    memcpy(&library, loaded, sizeof library);
    dlclose(library);
    free(loaded);
}
