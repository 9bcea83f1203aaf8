public import SIPCapture

/// An address taken to be the platform's, and why.
public struct PlatformAddress: Sendable, Hashable {
    public var address: IPAddress
    /// Why it is the platform: "configured", or what in the capture shows it.
    public var reason: String
    /// The message that shows it, for inferred addresses.
    public var callID: String?
    public var time: CaptureTime?

    public init(address: IPAddress, reason: String, callID: String? = nil, time: CaptureTime? = nil) {
        self.address = address
        self.reason = reason
        self.callID = callID
        self.time = time
    }
}
