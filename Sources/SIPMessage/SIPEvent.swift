/// The Event header value (RFC 6665 section 8.2.1 and 8.4): which event package a SUBSCRIBE or
/// NOTIFY is about. `Event = ("Event" / "o") HCOLON event-type *(SEMI event-param)`,
/// `event-type = event-package *("." event-template)`, `event-param = generic-param /
/// ("id" EQUAL token)`.
public struct SIPEvent: Hashable, Sendable {
    /// The whole `event-type` as written, e.g. `presence.winfo`.
    public var eventType: String
    /// The `event-package`, e.g. `presence`.
    public var package: String
    /// The `event-template`s after the package, e.g. `["winfo"]` (RFC 6665 section 8.2.1).
    public var templates: [String]
    /// All parameters, `id` included.
    public var parameters: SIPParameters

    public init(eventType: String, parameters: SIPParameters = SIPParameters()) {
        self.eventType = eventType
        let parts = eventType.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        self.package = parts.first ?? eventType
        self.templates = Array(parts.dropFirst())
        self.parameters = parameters
    }

    /// The `id` parameter, which tells subscriptions in one dialog apart (RFC 6665 section 8.2.1).
    public var id: String? {
        parameters.parameter("id")?.value
    }

    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPEvent {
        var scanner = SIPScanner(SIPScanner.trimmed(bytes))
        let start = scanner.index
        guard let type = scanner.token() else {
            throw SIPParseError(
                .invalidHeaderValue,
                "expected an event package token (RFC 6665 section 8.4 event-type)",
                offset: start
            )
        }
        // token-nodot: the dots only separate package and templates, so none may be empty.
        if type.first == 0x2E || type.last == 0x2E
            || zip(type, type.dropFirst()).contains(where: { $0 == 0x2E && $1 == 0x2E })
        {
            throw SIPParseError(
                .invalidHeaderValue,
                "event type \(SIPHeaderValueText.excerpt(type)) has an empty package or template "
                    + "(RFC 6665 section 8.4 token-nodot)",
                offset: start
            )
        }
        let parameters = try scanner.parameters(limits: limits)
        try SIPHeaderValueText.expectEnd(&scanner, after: "Event parameters", rule: "RFC 6665 section 8.4")
        return SIPEvent(eventType: String(decoding: type, as: UTF8.self), parameters: parameters)
    }
}
