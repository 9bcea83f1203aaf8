/// How much a finding matters. Ordered most severe first, so that sorting findings ascending
/// puts errors at the top.
public enum FindingSeverity: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// The call failed, or will fail, because of this.
    case error
    /// Not fatal here, but a known cause of trouble (one-way audio, slow setup, a fragile setup).
    case warning
    /// Worth knowing when reading the call.
    case info

    public var description: String { rawValue }

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }

    public static func < (left: FindingSeverity, right: FindingSeverity) -> Bool { left.rank < right.rank }
}
