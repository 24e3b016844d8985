// libcurl, loaded with dlopen the first time doctor or audit makes an https:// call, so that the
// xrayctl binary does not link it: lint, generate and sampling start without the ~30 libraries
// libcurl brings in (TLS, Kerberos, LDAP, HTTP/2...) and run on machines that have no libcurl.
// Only the runtime library is needed (no -dev package): the few constants and prototypes used are
// declared here with the values of curl/curl.h, which are part of libcurl's stable ABI (soname 4).
// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: each argument type
// has a wrapper of its own.
#ifndef XRAY_CCURL_H
#define XRAY_CCURL_H

#include <stddef.h>
#include <stdint.h>

/// A loaded libcurl: the dlopen handle and the functions looked up in it.
typedef struct XRayCurl XRayCurl;

/// Loads the library of that name and initialises it (curl_global_init). NULL when it cannot be
/// loaded or lacks a function; `error` then says why.
const XRayCurl *xray_curl_open(const char *name, char *error, size_t error_size);

void *xray_curl_easy_init(const XRayCurl *curl);
void xray_curl_easy_cleanup(const XRayCurl *curl, void *handle);
int xray_curl_easy_perform(const XRayCurl *curl, void *handle);
const char *xray_curl_easy_strerror(const XRayCurl *curl, int code);

int xray_curl_setopt_long(const XRayCurl *curl, void *handle, int option, long value);
int xray_curl_setopt_off_t(const XRayCurl *curl, void *handle, int option, int64_t value);
/// Strings (copied by libcurl), lists and callback data.
int xray_curl_setopt_pointer(const XRayCurl *curl, void *handle, int option, const void *value);
/// CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION.
int xray_curl_setopt_data_callback(const XRayCurl *curl, void *handle, int option,
                                   size_t (*callback)(char *data, size_t size, size_t count, void *context));
/// CURLOPT_XFERINFOFUNCTION.
int xray_curl_setopt_progress_callback(const XRayCurl *curl, void *handle, int option,
                                       int (*callback)(void *context, int64_t download_total, int64_t downloaded,
                                                       int64_t upload_total, int64_t uploaded));
int xray_curl_getinfo_long(const XRayCurl *curl, void *handle, int info, long *value);

void *xray_curl_slist_append(const XRayCurl *curl, void *list, const char *line);
void xray_curl_slist_free_all(const XRayCurl *curl, void *list);

// Options (CURLOPTTYPE_LONG 0, _OBJECTPOINT 10000, _FUNCTIONPOINT 20000, _OFF_T 30000, plus the number).
#define XRAY_CURLOPT_WRITEDATA 10001
#define XRAY_CURLOPT_URL 10002
#define XRAY_CURLOPT_ERRORBUFFER 10010
#define XRAY_CURLOPT_WRITEFUNCTION 20011
#define XRAY_CURLOPT_HTTPHEADER 10023
#define XRAY_CURLOPT_HEADERDATA 10029
#define XRAY_CURLOPT_CUSTOMREQUEST 10036
#define XRAY_CURLOPT_NOPROGRESS 43
#define XRAY_CURLOPT_NOBODY 44
#define XRAY_CURLOPT_POST 47
#define XRAY_CURLOPT_FOLLOWLOCATION 52
#define XRAY_CURLOPT_XFERINFODATA 10057
#define XRAY_CURLOPT_HEADERFUNCTION 20079
#define XRAY_CURLOPT_HTTPGET 80
#define XRAY_CURLOPT_NOSIGNAL 99
#define XRAY_CURLOPT_TIMEOUT_MS 155
#define XRAY_CURLOPT_PROTOCOLS 181
#define XRAY_CURLOPT_XFERINFOFUNCTION 20219
#define XRAY_CURLOPT_POSTFIELDSIZE_LARGE 30120
#define XRAY_CURLOPT_COPYPOSTFIELDS 10165

#define XRAY_CURLPROTO_HTTP 1
#define XRAY_CURLPROTO_HTTPS 2
#define XRAY_CURL_ERROR_SIZE 256

// CURLINFO_LONG (0x200000) + 2.
#define XRAY_CURLINFO_RESPONSE_CODE 0x200002

// The CURLcode values doctor tells apart.
#define XRAY_CURLE_OK 0
#define XRAY_CURLE_UNSUPPORTED_PROTOCOL 1
#define XRAY_CURLE_URL_MALFORMAT 3
#define XRAY_CURLE_COULDNT_RESOLVE_PROXY 5
#define XRAY_CURLE_COULDNT_RESOLVE_HOST 6
#define XRAY_CURLE_COULDNT_CONNECT 7
#define XRAY_CURLE_WEIRD_SERVER_REPLY 8
#define XRAY_CURLE_PARTIAL_FILE 18
#define XRAY_CURLE_OPERATION_TIMEDOUT 28
#define XRAY_CURLE_SSL_CONNECT_ERROR 35
#define XRAY_CURLE_GOT_NOTHING 52
#define XRAY_CURLE_SEND_ERROR 55
#define XRAY_CURLE_RECV_ERROR 56
#define XRAY_CURLE_PEER_FAILED_VERIFICATION 60
#define XRAY_CURLE_FILESIZE_EXCEEDED 63

#endif
