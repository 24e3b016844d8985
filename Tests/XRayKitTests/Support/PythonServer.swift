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
    /// The wait (seconds, while moto starts) suspends the test instead of holding one of the
    /// cooperative pool's threads.
    init(_ script: String, arguments: [String] = [], deadline: TimeInterval? = nil) async throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: TestSupport.which("python3")!)
        process.arguments = [TestSupport.path("Tests/XRayKitTests/Conformance/\(script)").path] + arguments
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = await Self.firstLine(of: output.fileHandleForReading, deadline: deadline)
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else {
            process.terminate()
            throw POSIXError(.ECONNREFUSED)
        }
        announcement = object
    }

    /// What `handle` gives up to its first newline or its end, or what came before `deadline`
    /// seconds passed. The blocking reads run on a thread of their own, not on the cooperative pool;
    /// one left reading after the deadline ends when the script is terminated and its output closes.
    private static func firstLine(of handle: FileHandle, deadline: TimeInterval?) async -> Data {
        let reading = LineRead()
        return await withCheckedContinuation { (continuation: CheckedContinuation<Data, Never>) in
            reading.start(continuation)
            Thread.detachNewThread {
                var line = Data()
                while !line.contains(UInt8(ascii: "\n")) {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    line += chunk
                    reading.received(line)
                }
                reading.finish()
            }
            if let deadline {
                DispatchQueue.global().asyncAfter(deadline: .now() + deadline) { reading.finish() }
            }
        }
    }

    /// The line read so far, handed to the waiting task once: at its end or at the deadline.
    private final class LineRead: @unchecked Sendable {
        private let lock = NSLock()
        private var line = Data()
        private var waiter: CheckedContinuation<Data, Never>?

        func start(_ continuation: CheckedContinuation<Data, Never>) {
            lock.lock(); waiter = continuation; lock.unlock()
        }

        func received(_ data: Data) {
            lock.lock(); line = data; lock.unlock()
        }

        func finish() {
            lock.lock()
            let waiting = waiter, data = line
            waiter = nil
            lock.unlock()
            waiting?.resume(returning: data)
        }
    }

    /// A refusal of the announcement by its reader: the script is stopped, the caller told.
    func refused() -> POSIXError {
        process.terminate()
        return POSIXError(.ECONNREFUSED)
    }

    /// Closes the script's input and terminates it. It does not wait for the exit (Foundation reaps
    /// the child), so a test's `defer` can call it without holding a thread.
    func stop() {
        try? input.fileHandleForWriting.close()
        process.terminate()
    }
}
