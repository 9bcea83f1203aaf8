import SIPAnalysis

/// Runs an async operation (the API client's calls) to completion from the synchronous command
/// code, on the calling thread.
///
/// The operation's task prefers an executor whose jobs the calling thread runs itself until the
/// task ends. Blocking the caller on a semaphore instead would deadlock when the caller is a
/// thread of Swift's cooperative pool (as in tests, which run commands in-process) and the pool
/// has no other thread free to run the task.
enum AsyncBridge {
    static func run<Value: Sendable, Failure: Error>(
        _ operation: @escaping @Sendable () async throws(Failure) -> Value
    ) -> Result<Value, Failure> {
        let executor = CallerThreadExecutor()
        let result = ResultSlot<Result<Value, Failure>>()
        Task(executorPreference: executor) {
            do throws(Failure) {
                result.value = .success(try await operation())
            } catch {
                result.value = .failure(error)
            }
            executor.stop()
        }
        executor.runUntilStopped()
        // The task set the value before stopping the executor, and the queue's lock orders the
        // two: the value is always there.
        guard let value = result.value else { fatalError("AsyncBridge: the task ended without a result") }
        return value
    }
}

/// A task executor whose jobs are run by the thread that called ``runUntilStopped()``.
private final class CallerThreadExecutor: TaskExecutor, @unchecked Sendable {
    /// `nil` is the stop signal. Jobs come one or two at a time: the capacity is never reached.
    private let jobs = BoundedQueue<UnownedJob?>(capacity: 1024)

    func enqueue(_ job: consuming ExecutorJob) {
        jobs.put(UnownedJob(job))
    }

    func stop() { jobs.put(nil) }

    func runUntilStopped() {
        while let job = jobs.take() {
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Where the task leaves its result for the calling thread.
private final class ResultSlot<Value>: @unchecked Sendable {
    var value: Value?
}
