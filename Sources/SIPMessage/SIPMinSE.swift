/// The Min-SE header value (RFC 4028 section 5): the smallest session interval a proxy or UA
/// accepts. `Min-SE = "Min-SE" HCOLON delta-seconds *(SEMI generic-param)`. RFC 4028 also
/// requires at least 90 seconds; that is a rule about behaviour, checked by analysis, not here.
public struct SIPMinSE: Hashable, Sendable {
    public var seconds: UInt32
    public var parameters: SIPParameters

    public init(seconds: UInt32, parameters: SIPParameters = SIPParameters()) {
        self.seconds = seconds
        self.parameters = parameters
    }

    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPMinSE {
        var scanner = SIPScanner(SIPScanner.trimmed(bytes))
        let digits = scanner.scan { $0 != 0x3B && !SIPScanner.isWhitespace($0) } ?? scanner.rest.prefix(0)
        let seconds = try SIPExpires.deltaSeconds(digits, field: "Min-SE", rule: "RFC 4028 section 5")
        let parameters = try scanner.parameters(limits: limits)
        try SIPHeaderValueText.expectEnd(&scanner, after: "Min-SE parameters", rule: "RFC 4028 section 5")
        return SIPMinSE(seconds: seconds, parameters: parameters)
    }
}
