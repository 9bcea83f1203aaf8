/// A capture as the API returned it: the exact bytes, undecoded (`SIPCapture` decodes them, by
/// content rather than by the format asked for).
public struct CaptureDownload: Sendable {
    /// The response body, byte for byte.
    public let bytes: [UInt8]
    /// The response's `Content-Type`, when it had one.
    public let contentType: String?
    /// The format that was asked for.
    public let format: CaptureExportFormat
    /// The request URL with the token replaced by `***`, safe to print.
    public let redactedURL: String
    /// How many requests it took (1 when the first one succeeded).
    public let attempts: Int

    public init(bytes: [UInt8], contentType: String?, format: CaptureExportFormat, redactedURL: String, attempts: Int) {
        self.bytes = bytes
        self.contentType = contentType
        self.format = format
        self.redactedURL = redactedURL
        self.attempts = attempts
    }
}
