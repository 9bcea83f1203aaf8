import SIPCapture

/// Formats capture times as RFC 3339 UTC with nanoseconds, quickly: messages come in time
/// order, so the date and time of day are computed once per second and reused.
struct RFC3339Formatter {
    private var cachedSecond: Int64?
    private var cachedPrefix: [UInt8] = []

    /// Appends `2024-09-27T00:00:00.123456789Z` to `output`.
    mutating func append(_ time: CaptureTime, to output: OutputSink) {
        let (second, fraction) = time.secondsAndFraction
        if cachedSecond != second {
            cachedSecond = second
            // Formatting a whole second via CaptureTime keeps one calendar implementation.
            let text = CaptureTime(nanoseconds: second &* 1_000_000_000).rfc3339(fractionDigits: 0)
            cachedPrefix = Array(text.utf8.dropLast())
        }
        output.append(contentsOf: cachedPrefix)
        output.append(0x2E)
        output.appendPadded(fraction, width: 9)
        output.append(0x5A)
    }
}
