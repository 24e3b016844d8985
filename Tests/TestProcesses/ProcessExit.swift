import Foundation

/// A child process's exit, for a task to await: the process's termination handler (installed here,
/// so create this before `run()`) resumes the waiting task, or marks the exit for a later `wait()`.
/// Both test targets use it; this target holds what they share.
public final class ProcessExit: @unchecked Sendable {
    private let lock = NSLock()
    private var exited = false
    private var waiter: CheckedContinuation<Void, Never>?

    public init(_ process: Process) {
        process.terminationHandler = { [self] _ in
            lock.lock()
            exited = true
            let waiting = waiter
            waiter = nil
            lock.unlock()
            waiting?.resume()
        }
    }

    /// Returns once the process has exited (its `terminationStatus` is then set), without holding a thread.
    public func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if exited {
                lock.unlock()
                continuation.resume()
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}
