/// The Session-Expires header value (RFC 4028 section 4): the session interval and who
/// refreshes it. `Session-Expires = ("Session-Expires" / "x") HCOLON delta-seconds
/// *(SEMI se-params)`, `se-params = refresher-param / generic-param`,
/// `refresher-param = "refresher" EQUAL ("uas" / "uac")`.
public struct SIPSessionExpires: Hashable, Sendable {
    /// Which side refreshes the session (RFC 4028 section 4).
    public enum Refresher: String, Hashable, Sendable {
        case uac
        case uas
    }

    /// The session interval in seconds (`delta-seconds`, 0 to 2**32-1).
    public var seconds: UInt32
    /// `nil` when absent or not `uac`/`uas` (then a note says so; the raw value stays in
    /// ``parameters``).
    public var refresher: Refresher?
    /// All parameters, `refresher` included, in the order written.
    public var parameters: SIPParameters
    public var notes: [SIPParseNote]

    public init(
        seconds: UInt32,
        refresher: Refresher? = nil,
        parameters: SIPParameters = SIPParameters(),
        notes: [SIPParseNote] = []
    ) {
        self.seconds = seconds
        self.refresher = refresher
        self.parameters = parameters
        self.notes = notes
    }

    public static func parse(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits
    ) throws(SIPParseError) -> SIPSessionExpires {
        var scanner = SIPScanner(SIPScanner.trimmed(bytes))
        let digits = scanner.scan { $0 != 0x3B && !SIPScanner.isWhitespace($0) } ?? scanner.rest.prefix(0)
        let seconds = try SIPExpires.deltaSeconds(digits, field: "Session-Expires", rule: "RFC 4028 section 4")
        let parameters = try scanner.parameters(limits: limits)
        try SIPHeaderValueText.expectEnd(&scanner, after: "Session-Expires parameters", rule: "RFC 4028 section 4")
        var refresher: Refresher?
        var notes: [SIPParseNote] = []
        if let parameter = parameters.parameter("refresher") {
            // ABNF literals are case-insensitive (RFC 2234 section 2.3), so `UAC` is `uac`.
            refresher = parameter.value.flatMap { Refresher(rawValue: $0.lowercased()) }
            if refresher == nil {
                notes.append(
                    SIPParseNote(
                        .invalidHeaderValue,
                        "refresher is neither uac nor uas (RFC 4028 section 4); ignored",
                        offset: digits.startIndex
                    )
                )
            }
        }
        return SIPSessionExpires(seconds: seconds, refresher: refresher, parameters: parameters, notes: notes)
    }
}
