import Foundation

/// A system library xrayctl opens with dlopen only when a command needs it (libcurl for https://,
/// libxml2 for IAM's and STS's XML answers; see Sources/CCurl and Sources/CLibXML), and why it
/// could not be opened. The commands that need it report this; the others never try.
package struct LibraryMissing: Error, Sendable, CustomStringConvertible {
    /// The first name tried, the one users know (libcurl.so.4, libxml2.so.2).
    package var name: String
    /// What it is needed for: "https:// calls".
    package var purpose: String
    /// The package that installs it, for the message.
    package var install: String
    /// dlopen's answer for each name tried.
    package var reasons: [String]

    package var description: String {
        "\(purpose) need \(name), which cannot be loaded (\(reasons.joined(separator: "; "))): install \(install)"
    }
}

/// Tries each name in turn; the first that opens wins.
package func openLibrary<Loaded>(_ names: [String], purpose: String, install: String,
                                 _ open: (String, UnsafeMutablePointer<CChar>, Int) -> Loaded?) -> Result<Loaded, LibraryMissing> {
    var reasons: [String] = []
    let error = UnsafeMutablePointer<CChar>.allocate(capacity: 512)
    defer { error.deallocate() }
    for name in names {
        error[0] = 0
        if let loaded = open(name, error, 512) { return .success(loaded) }
        reasons.append(String(cString: error))
    }
    return .failure(LibraryMissing(name: names.first ?? "", purpose: purpose, install: install, reasons: reasons))
}
