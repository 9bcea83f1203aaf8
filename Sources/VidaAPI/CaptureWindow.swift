/// The search window of `GET /api/v2/sip/captures`: the `from` and `to` query parameters, in epoch
/// milliseconds as vida-openapi.json says.
public struct CaptureWindow: Sendable, Equatable {
    /// Start of the window, epoch milliseconds.
    public var fromMilliseconds: Int64
    /// End of the window, epoch milliseconds.
    public var toMilliseconds: Int64

    public init(fromMilliseconds: Int64, toMilliseconds: Int64) {
        self.fromMilliseconds = fromMilliseconds
        self.toMilliseconds = toMilliseconds
    }
}
