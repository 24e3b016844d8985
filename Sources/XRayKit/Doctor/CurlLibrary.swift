import Foundation
import CCurl

/// libcurl, opened on the first https:// call rather than linked (Sources/CCurl says why). libcurl
/// brings TLS with the system's CA certificates and honours the proxy variables (https_proxy,
/// no_proxy) itself.
package struct CurlLibrary: @unchecked Sendable {
    /// The loaded library's functions; libcurl is thread-safe for separate easy handles.
    package let functions: OpaquePointer

    /// Debian and Ubuntu ship libcurl.so.4 (OpenSSL) and libcurl-gnutls.so.4; libcurl.so is the
    /// name a -dev package adds on other systems.
    package static let names = ["libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"]

    /// The system's libcurl, opened once per process (a static is initialised once, under a lock,
    /// which curl_global_init needs).
    package static let system: Result<CurlLibrary, LibraryMissing> = open(names)

    package static func open(_ names: [String]) -> Result<CurlLibrary, LibraryMissing> {
        openLibrary(names, purpose: "https:// calls (doctor --aws, audit, --verify)",
                    install: "libcurl (the libcurl4 package on Debian and Ubuntu, libcurl on Fedora and RHEL)") { name, error, size in
            xray_curl_open(name, error, size).map { CurlLibrary(functions: $0) }
        }
    }
}
