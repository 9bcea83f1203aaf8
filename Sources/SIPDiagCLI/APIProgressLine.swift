import VidaAPI

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// "downloading: 48 kB of 120 kB" on standard error while the API answers, redrawn in place and
/// erased when the request ends. Only on a terminal, like ``ProgressReporter``.
///
/// The client reports from URLSession's threads, so the line is written straight to the
/// descriptor (one write(2) per update, under a lock) rather than through the command's
/// buffered ``OutputSink``.
final class APIProgressLine: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// When the download figure was last drawn: it is redrawn at most five times a second.
    private var lastDownloadDraw: ContinuousClock.Instant?
    private var drawn = false

    /// A progress line on `output`'s descriptor, or `nil` when that is not a terminal.
    init?(output: OutputSink) {
        guard output.isTerminal, let descriptor = output.fileDescriptor else { return nil }
        self.descriptor = descriptor
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    func show(_ progress: VidaProgress) {
        let text: String
        var throttled = false
        switch progress {
        case .connecting(let attempt):
            text = attempt > 1 ? "connecting to the API (attempt \(attempt))" : "connecting to the API"
        case .waitingToRetry(let seconds, let attempt, let reason):
            let rounded = (seconds * 10).rounded() / 10
            text = "\(reason): retrying in \(rounded) s (attempt \(attempt))"
        case .receiving(let bytes, let expected):
            text = "downloading: " + Self.size(bytes) + (expected.map { " of " + Self.size($0) } ?? "")
            throttled = true
        }
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        if throttled {
            let now = ContinuousClock.now
            if let lastDownloadDraw, now - lastDownloadDraw < .milliseconds(200) { return }
            lastDownloadDraw = now
        }
        drawn = true
        put("\r\u{1B}[K" + text)
    }

    /// Erases the line if one was drawn.
    func erase() {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        guard drawn else { return }
        drawn = false
        put("\r\u{1B}[K")
    }

    private func put(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// `812 B`, `48 kB`, `3.2 MB`.
    static func size(_ bytes: Int64) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        if bytes < 1_000_000 { return "\(bytes / 1000) kB" }
        return "\(bytes / 1_000_000).\(bytes % 1_000_000 / 100_000) MB"
    }
}
