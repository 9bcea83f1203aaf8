import Foundation

/// ``ServerState`` behind an `NSLock`, shared by the accept thread, the connection threads and
/// the test.
///
/// Not `Synchronization.Mutex`: on Linux it is built on raw futex calls that the thread sanitizer
/// does not model, so every access under it was reported as a data race, which would bury real
/// races in the client's tests that run this server under `--sanitize=thread`.
final class LockedState: @unchecked Sendable {
    // @unchecked: `value` is only touched between lock() and unlock().
    private let lock = NSLock()
    private var value = ServerState()

    func withLock<Result>(_ body: (inout ServerState) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
