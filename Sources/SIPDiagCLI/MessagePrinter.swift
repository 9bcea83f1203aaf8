import SIPCapture

/// Prints decoded capture items as they come.
protocol MessagePrinter {
    func print(_ message: MessageSummary)
    func print(_ event: CaptureEvent)
    /// Called once at the end, also after an error, with the reader for totals.
    func finish(reader: CaptureReader)
}
