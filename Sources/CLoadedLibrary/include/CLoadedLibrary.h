// A system library opened with dlopen on first use instead of linked, and the functions looked up in
// it: the part CCurl and CLibXML share. Each lists its functions once, as F(return type, symbol,
// (parameters)), and declares its struct with XRAY_LOADED_LIBRARY: the dlopen handle, then a typed
// function pointer named after each symbol, in the list's order, which is also the order the symbols
// are looked up in, so a field cannot be paired with another function's name.
#ifndef XRAY_CLOADEDLIBRARY_H
#define XRAY_CLOADEDLIBRARY_H

#include <stddef.h>

#define XRAY_FUNCTION_FIELD(result, symbol, parameters) result (*symbol) parameters;
#define XRAY_FUNCTION_SYMBOL(result, symbol, parameters) #symbol,

/// Declares `struct type` (the handle, then one field per function of FUNCTIONS) and `type##_symbols`,
/// the functions' names in the same order. The assertion holds when no padding sits between the fields,
/// so that field i + 1 is pointer i + 1 of the block xray_library_open fills.
#define XRAY_LOADED_LIBRARY(type, FUNCTIONS)                                                             \
    struct type {                                                                                        \
        void *library;                                                                                   \
        FUNCTIONS(XRAY_FUNCTION_FIELD)                                                                   \
    };                                                                                                   \
    static const char *const type##_symbols[] = {FUNCTIONS(XRAY_FUNCTION_SYMBOL)};                      \
    _Static_assert(sizeof(struct type) == sizeof(type##_symbols) + sizeof(void *), #type ": one pointer each")

/// Opens the library `name` into a `struct type` declared with XRAY_LOADED_LIBRARY.
#define XRAY_OPEN_LIBRARY(type, name, error, error_size) \
    ((type *)xray_library_open(name, type##_symbols, sizeof(type##_symbols) / sizeof(type##_symbols[0]), error, error_size))

/// Opens `name` (RTLD_NOW | RTLD_LOCAL) into a zeroed block of pointers: the handle, then the function
/// of each of the `count` names in `symbols`. NULL when the library cannot be loaded, lacks one of the
/// functions, or memory runs out; `error` then says which, and nothing stays open.
void *xray_library_open(const char *name, const char *const *symbols, size_t count, char *error, size_t error_size);

/// Closes the library and frees the block: for a library whose own set-up failed after it opened
/// (curl_global_init).
void xray_library_close(void *loaded);

#endif
