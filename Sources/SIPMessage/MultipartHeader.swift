/// One header of a body part: `name: value` (RFC 2045 section 3, RFC 5621 section 3).
/// Folded values are unfolded (CRLF removed, the white space kept, RFC 5322 section 2.2.3).
public struct MultipartHeader: Hashable, Sendable, CustomStringConvertible {
    /// The name as written; names compare case-insensitively (RFC 2045 section 3).
    public var name: String
    /// The value without surrounding white space.
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public var description: String { "\(name): \(value)" }
}
