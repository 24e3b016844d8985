// A system library opened with dlopen on first use instead of linked, and the functions looked up in
// it: the part CCurl and CLibXML share. Each lists its functions once, as F(return type, symbol,
// (parameters)); its struct's fields (the dlopen handle first, then one typed function pointer named
// after each symbol) and the slots looked up (each symbol with its field's offset) both come from that
// list, so a field cannot be paired with another function's name.
#ifndef XRAY_CLOADEDLIBRARY_H
#define XRAY_CLOADEDLIBRARY_H

#include <stddef.h>

/// A function to look up: its symbol, and where in the caller's struct its address goes.
typedef struct XRayFunctionSlot {
    const char *symbol;
    size_t offset;
} XRayFunctionSlot;

/// A struct field for one entry of a function list: a pointer to a function of that type, named after
/// its symbol.
#define XRAY_FUNCTION_FIELD(result, symbol, parameters) result (*symbol) parameters;

/// Opens `name` (RTLD_NOW | RTLD_LOCAL) into a zeroed block of `size` bytes: the handle at offset 0,
/// each slot's function at its offset. NULL when the library cannot be loaded, lacks one of the
/// functions, or memory runs out; `error` then says which, and nothing stays open.
void *xray_library_open(const char *name, const XRayFunctionSlot *slots, size_t count, size_t size,
                        char *error, size_t error_size);

/// Closes the library and frees the block: for a library whose own set-up failed after it opened
/// (curl_global_init).
void xray_library_close(void *loaded);

#endif
