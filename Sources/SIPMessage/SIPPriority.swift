/// The Priority header value (RFC 3261 section 20.26): how urgent a request is to the caller.
/// `priority-value = "emergency" / "urgent" / "normal" / "non-urgent" / other-priority`,
/// `other-priority = token`. Values compare case-insensitively, as ABNF literals do
/// (RFC 2234 section 2.3), and keep their spelling.
public struct SIPPriority: Hashable, Sendable, CustomStringConvertible {
    /// The value as written.
    public var value: String

    public init(_ value: String) {
        self.value = value
    }

    public static let emergency = SIPPriority("emergency")
    public static let urgent = SIPPriority("urgent")
    public static let normal = SIPPriority("normal")
    public static let nonUrgent = SIPPriority("non-urgent")

    public var description: String { value }

    public static func == (lhs: SIPPriority, rhs: SIPPriority) -> Bool {
        lhs.value.lowercased() == rhs.value.lowercased()
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value.lowercased())
    }

    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPPriority {
        var scanner = SIPScanner(SIPScanner.trimmed(bytes))
        let start = scanner.index
        guard let token = scanner.token() else {
            throw SIPParseError(.invalidHeaderValue, "Priority is not a token (RFC 3261 section 20.26)", offset: start)
        }
        try SIPHeaderValueText.expectEnd(&scanner, after: "the Priority token", rule: "RFC 3261 section 20.26")
        return SIPPriority(String(decoding: token, as: UTF8.self))
    }
}
