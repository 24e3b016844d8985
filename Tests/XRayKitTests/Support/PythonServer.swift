import Foundation

/// A Python script of `Conformance/` run for a test's lifetime (a moto account, an organisation, a
/// stub): it announces where it serves with one JSON line on standard output, and ends when its
/// standard input closes or it is terminated (`stop`).
final class PythonServer: @unchecked Sendable {
    /// The first line the script printed, as a JSON object.
    let announcement: [String: Any]
    private let process: Process
    private let input: Pipe

    /// Starts `Conformance/<script>` and reads its first line, waiting at most `deadline` seconds
    /// when given (else until the line or the end of its output). Throws when it is not a JSON object.
    init(_ script: String, arguments: [String] = [], deadline: TimeInterval? = nil) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.which("python3")!)
        process.arguments = [TestSupport.path("Tests/XRayKitTests/Conformance/\(script)").path] + arguments
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        let end = deadline.map { Date().addingTimeInterval($0) }
        while !line.contains(UInt8(ascii: "\n")) && end.map({ Date() < $0 }) ?? true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else {
            process.terminate()
            throw POSIXError(.ECONNREFUSED)
        }
        announcement = object
    }

    /// A refusal of the announcement by its reader: the script is stopped, the caller told.
    func refused() -> POSIXError {
        process.terminate()
        return POSIXError(.ECONNREFUSED)
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }
}
