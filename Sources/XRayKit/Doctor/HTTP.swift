import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// HTTP for doctor, with a hard deadline: URLRequest's timeoutInterval bounds idle time only on
/// some platforms, and a server that accepts and never answers must not hold doctor past --timeout.
enum HTTP {
    enum Outcome: Sendable {
        case response(status: Int, body: Data)
        case timedOut
        case failed(URLError.Code?, String)
    }

    static func send(_ request: URLRequest, timeout: Double) async -> Outcome {
        let task = Task { () -> Outcome in
            do {
                let (data, response) = try await URLSession.shared.data(for: request)
                return .response(status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: data)
            } catch let error as URLError {
                return error.code == .timedOut ? .timedOut : .failed(error.code, error.localizedDescription)
            } catch {
                return .failed(nil, "\(error)")
            }
        }
        return await withTaskGroup(of: Outcome?.self) { group in
            group.addTask { await task.value }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            guard let first else {
                task.cancel()
                return .timedOut
            }
            return first
        }
    }
}
