// A system library opened with dlopen on first use instead of linked, and the functions looked up in
// it: the part CCurl and CLibXML share. Each of them declares its own struct with the layout of
// XRayLoadedLibrary (the handle, then one pointer per function, in the order of its name list) and
// typed fields over the same memory, so callers use typed function pointers.
#ifndef XRAY_CLOADEDLIBRARY_H
#define XRAY_CLOADEDLIBRARY_H

#include <stddef.h>

/// The dlopen handle, then `count` functions in the order their names were given.
typedef struct XRayLoadedLibrary {
    void *library;
    void *functions[];
} XRayLoadedLibrary;

/// Opens `name` (RTLD_NOW | RTLD_LOCAL) and looks up each of the `count` names in `symbols`. NULL when
/// the library cannot be loaded, lacks one of the functions, or memory runs out; `error` then says
/// which, and nothing stays open.
XRayLoadedLibrary *xray_library_open(const char *name, const char *const *symbols, size_t count,
                                     char *error, size_t error_size);

/// Closes the library and frees what xray_library_open allocated: for a library whose own set-up
/// failed after it opened (curl_global_init).
void xray_library_close(XRayLoadedLibrary *loaded);

#endif
