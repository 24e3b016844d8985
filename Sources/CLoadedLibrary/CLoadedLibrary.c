// See include/CLoadedLibrary.h.
#include "CLoadedLibrary.h"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

XRayLoadedLibrary *xray_library_open(const char *name, const char *const *symbols, size_t count,
                                     char *error, size_t error_size) {
    void *library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(error, error_size, "%s", reason ? reason : name);
        return NULL;
    }
    XRayLoadedLibrary *loaded = calloc(1, sizeof(XRayLoadedLibrary) + count * sizeof(void *));
    if (loaded == NULL) {
        snprintf(error, error_size, "out of memory");
        dlclose(library);
        return NULL;
    }
    loaded->library = library;
    for (size_t index = 0; index < count; index++) {
        // POSIX's dlsym returns functions as void *; the typed fields over this memory read them back.
        loaded->functions[index] = dlsym(library, symbols[index]);
        if (loaded->functions[index] == NULL) {
            snprintf(error, error_size, "%s has no %s", name, symbols[index]);
            xray_library_close(loaded);
            return NULL;
        }
    }
    return loaded;
}

void xray_library_close(XRayLoadedLibrary *loaded) {
    dlclose(loaded->library);
    free(loaded);
}
