#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One closure running on a thread of its own, joined before its results are used. The
/// package uses no Foundation, and Swift's task pool must not block on a condition variable:
/// a plain POSIX thread is what a producer that waits on a full queue needs.
package final class WorkerThread {
    #if canImport(Darwin)
    private var handle: pthread_t?
    #else
    private var handle = pthread_t()
    #endif
    private var joined = false

    /// The closure, kept alive until the thread has run it.
    private final class Work {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    private init() {}

    /// Starts `body` on a new thread, or returns `nil` when the system refuses one (the
    /// caller then does the work itself).
    package static func start(_ body: @escaping @Sendable () -> Void) -> WorkerThread? {
        let thread = WorkerThread()
        let work = Unmanaged.passRetained(Work(body)).toOpaque()
        let status = pthread_create(
            &thread.handle,
            nil,
            { context in
                let pointer: UnsafeMutableRawPointer? = context
                guard let pointer else { return nil }
                let work = Unmanaged<Work>.fromOpaque(pointer).takeRetainedValue()
                work.body()
                return nil
            },
            work
        )
        guard status == 0 else {
            Unmanaged<Work>.fromOpaque(work).release()
            return nil
        }
        return thread
    }

    /// Waits for the closure to return. Safe to call more than once.
    package func join() {
        guard !joined else { return }
        joined = true
        #if canImport(Darwin)
        guard let handle else { return }
        pthread_join(handle, nil)
        #else
        pthread_join(handle, nil)
        #endif
    }

    deinit { join() }
}
