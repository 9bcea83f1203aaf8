/// One element of Accept (RFC 3261 section 20.1), Accept-Encoding (section 20.2) or
/// Accept-Language (section 20.3): a media range, content coding or language range, then
/// `*(SEMI accept-param)` with `accept-param = ("q" EQUAL qvalue) / generic-param`.
///
/// The value is kept as written (`application/sdp`, `*/*`, `gzip`, `en-GB`); an Accept header
/// that lists no SDP (RFC 4475 section 3.3.15, sdp01.dat) is for analysis to judge.
public struct SIPAcceptValue: Hashable, Sendable {
    /// The media range, coding or language range, without parameters.
    public var value: String
    public var parameters: SIPParameters

    public init(value: String, parameters: SIPParameters = SIPParameters()) {
        self.value = value
        self.parameters = parameters
    }

    /// The `q` parameter when it is a `qvalue` between 0 and 1 (RFC 3261 section 20.1); `nil`
    /// when absent or malformed.
    public var qValue: Double? {
        guard let text = parameters.parameter("q")?.value, let number = Double(text), (0...1).contains(number) else {
            return nil
        }
        return number
    }

    /// Parses one list element. The value may hold token characters, `/` and `*`.
    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPAcceptValue
    {
        var scanner = SIPScanner(SIPScanner.trimmed(bytes))
        let start = scanner.index
        // SLASH is `SWS "/" SWS` (RFC 3261 section 25.1), so `text / plain` is `text/plain`.
        var value: [UInt8] = []
        while let part = scanner.token() {
            value.append(contentsOf: part)
            guard scanner.consumeSeparator(0x2F) else { break }
            value.append(0x2F)
        }
        guard let last = value.last, last != 0x2F else {
            throw SIPParseError(
                .invalidHeaderValue,
                "expected a media range, coding or language (RFC 3261 section 20.1 to 20.3)",
                offset: start
            )
        }
        let parameters = try scanner.parameters(limits: limits)
        try SIPHeaderValueText.expectEnd(&scanner, after: "an Accept element", rule: "RFC 3261 section 20.1")
        return SIPAcceptValue(value: String(decoding: value, as: UTF8.self), parameters: parameters)
    }

    /// The elements of one header value, split with ``SIPScanner/splitList(_:limits:)``. An empty
    /// value gives an empty list, which the grammar allows (RFC 3261 section 20.1).
    public static func parseList(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits
    ) throws(SIPParseError) -> [SIPAcceptValue] {
        var values: [SIPAcceptValue] = []
        for element in try SIPScanner.splitList(bytes, limits: limits) {
            values.append(try parse(element, limits: limits))
        }
        return values
    }
}
