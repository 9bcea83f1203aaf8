/// Which way a dialog-creating request went relative to the platform.
public enum CallDirection: Sendable, Hashable {
    /// From the customer's equipment to the platform: the whitelist applies.
    case inbound
    /// From the platform to the customer's equipment or carrier: the routes apply.
    case outbound
    /// Taken as inbound for want of better knowledge; the text says why.
    case presumedInbound(String)
    /// Neither side is known to be the platform.
    case unknown

    /// Whether the whitelist checks apply.
    public var isInbound: Bool {
        switch self {
        case .inbound, .presumedInbound: true
        case .outbound, .unknown: false
        }
    }
}
