import Foundation

/// How many children the tests run at once. Tests await their children rather than hold a
/// thread each (`ProcessExit`), so nothing else bounds them: unbounded, every test of a run could
/// start its child at the same moment (a load of 16 to 18 on two cores was seen), and the tests
/// that give xrayctl a deadline (doctor's `--timeout` against loopback servers) would race a
/// starved machine. Two per core keeps the cores busy while one child starts and another exits.
/// The Python servers a test keeps running (moto, the X-Ray stubs) take no slot, so a test never
/// waits on a slot its own server holds; nor do the README apply test's two parts, which keep a
/// core busy each for about a minute: holding two slots that long would leave the other tests
/// fewer than the cores.
actor ProcessSlots {
    static let shared = ProcessSlots(limit: max(2, 2 * ProcessInfo.processInfo.activeProcessorCount))

    private let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.limit = limit
    }

    /// Returns once a slot is free, and takes it.
    func take() async {
        if running < limit {
            running += 1
        } else {
            // `give()` hands its slot straight to the first waiter.
            await withCheckedContinuation { waiting.append($0) }
        }
    }

    func give() {
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
    }
}
