import Foundation

/// Plain searches for text in text, byte for byte over UTF-8. With Foundation imported,
/// `String.contains(_:)` and `range(of:)` go through `NSString`, which on Linux copies the whole
/// text into UTF-16 for every call: for a rule that looks through every file's text for a few
/// words, that copying was most of a lint run's time.
extension String {
    /// Whether `needle` occurs in the text, compared byte for byte.
    package func containsBytes(_ needle: String) -> Bool {
        !utf8Offsets(of: needle, first: true).isEmpty
    }

    /// The UTF-8 offsets where `needle` starts in the text, left to right and not overlapping;
    /// only the first when `first`.
    package func utf8Offsets(of needle: String, first: Bool = false) -> [Int] {
        var text = self
        var needle = needle
        return text.withUTF8 { haystack in
            needle.withUTF8 { pattern in
                guard !pattern.isEmpty, let base = haystack.baseAddress, let patternBase = pattern.baseAddress else { return [] }
                var offsets: [Int] = []
                var start = 0
                // The pattern's first byte by memchr, then the rest by memcmp.
                while start + pattern.count <= haystack.count,
                      let found = memchr(base + start, Int32(pattern[0]), haystack.count - pattern.count + 1 - start) {
                    let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                    if memcmp(base + offset, patternBase, pattern.count) == 0 {
                        offsets.append(offset)
                        if first { break }
                        start = offset + pattern.count
                    } else {
                        start = offset + 1
                    }
                }
                return offsets
            }
        }
    }

    /// The text with every occurrence of `needle` replaced, left to right, compared byte for byte.
    package func replacingBytes(_ needle: String, with replacement: String) -> String {
        let offsets = utf8Offsets(of: needle)
        guard !offsets.isEmpty else { return self }
        let bytes = utf8
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + offsets.count * max(0, replacement.utf8.count - needle.utf8.count))
        var start = 0
        for offset in offsets {
            result.append(contentsOf: bytes.dropFirst(start).prefix(offset - start))
            result.append(contentsOf: replacement.utf8)
            start = offset + needle.utf8.count
        }
        result.append(contentsOf: bytes.dropFirst(start))
        return String(decoding: result, as: UTF8.self)
    }
}
