import SIPCapture

/// Formats capture times as RFC 3339 UTC with nanoseconds, quickly: messages come in time
/// order, so the date and time of day are computed once per second and reused.
struct RFC3339Formatter {
    /// 6 for microsecond captures, 9 for nanosecond ones: no more digits than the capture has.
    let fractionDigits: Int
    private var cachedSecond: Int64?
    private var cachedPrefix: [UInt8] = []

    init(fractionDigits: Int) {
        self.fractionDigits = min(max(fractionDigits, 1), 9)
    }

    /// Appends `2024-09-27T00:00:00.123456Z` (or 9 digits) to `output`.
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
        var scaled = fraction
        for _ in fractionDigits..<9 { scaled /= 10 }
        output.appendPadded(scaled, width: fractionDigits)
        output.append(0x5A)
    }
}
