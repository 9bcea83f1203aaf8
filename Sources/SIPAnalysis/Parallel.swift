/// Two pieces of work at once: one on a worker thread, one on the calling thread. For the last
/// steps of an analysis, where the work splits into independent halves (building calls, writing
/// them) and a machine has a second core.
package enum Parallel {
    /// Runs `first` on a worker thread while this thread runs `second`, and returns both results
    /// when both are done. When no thread can be started, runs both here, `first` first.
    package static func both<First: Sendable, Second>(
        _ first: @escaping @Sendable () -> First,
        _ second: () -> Second
    ) -> (First, Second) {
        let slot = ResultSlot<First>()
        guard let worker = WorkerThread.start({ slot.value = first() }) else { return (first(), second()) }
        let secondResult = second()
        worker.join()
        // The worker always stores its result before it ends; `first()` again would only
        // repeat work if it somehow did not.
        return (slot.value ?? first(), secondResult)
    }

    /// Where the worker leaves its result. `@unchecked Sendable`: written by the worker before
    /// it ends, read by the caller only after joining it.
    private final class ResultSlot<Value>: @unchecked Sendable {
        var value: Value?
    }
}
