import SIPCapture

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// "reading big.pcap: 42% (120 MB, 350000 messages)" on standard error while a long capture is
/// read, redrawn in place at most twice a second, and erased at the end. Only on a terminal:
/// logs and pipes get no progress noise.
struct ProgressReporter {
    private let output: OutputSink
    private let name: String
    private let totalBytes: Int64?
    private let clock = ContinuousClock()
    private var lastDraw: ContinuousClock.Instant
    private var drawn = false

    /// Reports only when `output` is a terminal; `path` gives the size for a percentage.
    init?(output: OutputSink, name: String, path: String?) {
        guard output.isTerminal else { return nil }
        self.output = output
        self.name = name
        var status = stat()
        totalBytes = path.flatMap { stat($0, &status) == 0 && status.st_size > 0 ? Int64(status.st_size) : nil }
        lastDraw = clock.now
    }

    /// Call with the reader's counters every few hundred items.
    mutating func tick(_ statistics: CaptureStatistics) {
        let now = clock.now
        guard now - lastDraw >= .milliseconds(500) else { return }
        lastDraw = now
        var text = "\r\u{1B}[Kreading \(name): "
        if let totalBytes { text += "\(statistics.bytesRead * 100 / totalBytes)% (" }
        text += "\(statistics.bytesRead / 1_000_000) MB, \(statistics.sipMessages) messages"
        if totalBytes != nil { text += ")" }
        output.write(text)
        output.flush()
        drawn = true
    }

    /// Erases the progress line, so the command's own output starts on a clean line.
    mutating func finish() {
        guard drawn else { return }
        output.write("\r\u{1B}[K")
        output.flush()
        drawn = false
    }
}
