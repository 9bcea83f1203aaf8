import SIPMessage

/// A Reason header (RFC 3326) kept out of line. Calls, transactions and responses are kept for
/// every call of a capture and most carry no Reason: a reference is 8 bytes where the value is 72,
/// which is most of a response's size.
final class ReasonBox: Hashable, Sendable {
    let reason: SIPReason

    init(_ reason: SIPReason) {
        self.reason = reason
    }

    static func == (left: ReasonBox, right: ReasonBox) -> Bool {
        left.reason == right.reason
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(reason)
    }
}
