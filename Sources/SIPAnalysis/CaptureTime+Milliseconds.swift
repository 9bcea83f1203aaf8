public import SIPCapture

extension CaptureTime {
    /// Milliseconds from this time to `later` (negative when `later` is earlier, as in merged
    /// captures whose clocks disagree).
    public func milliseconds(to later: CaptureTime) -> Double {
        Double(later.nanoseconds.subtractingReportingOverflow(nanoseconds).partialValue) / 1_000_000
    }
}
