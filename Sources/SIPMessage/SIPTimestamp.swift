/// The Timestamp header value (RFC 3261 section 20.38): when the UAC sent the request, echoed
/// with the delay the UAS held it, for round-trip estimates (RFC 3261 section 8.2.6.1).
/// `Timestamp = "Timestamp" HCOLON 1*(DIGIT) ["." *(DIGIT)] [LWS delay]`,
/// `delay = *(DIGIT) ["." *(DIGIT)]`. The numbers are kept as written; their units are the
/// sender's choice.
public struct SIPTimestamp: Hashable, Sendable {
    /// The timestamp as written, e.g. `54.21`.
    public var value: String
    /// The delay as written, if any.
    public var delay: String?

    public init(value: String, delay: String? = nil) {
        self.value = value
        self.delay = delay
    }

    /// ``value`` as a number.
    public var number: Double? { Double(value) }
    /// ``delay`` as a number (an empty delay or `.` is 0).
    public var delayNumber: Double? {
        delay.flatMap { $0.allSatisfy { $0 == "." } ? 0 : Double($0) }
    }

    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPTimestamp {
        var scanner = SIPScanner(SIPScanner.trimmed(bytes))
        let start = scanner.index
        guard let value = number(&scanner), value.first.map(SIPHeaderValueText.isDigit) == true else {
            throw SIPParseError(
                .invalidHeaderValue,
                "Timestamp must start with a digit (RFC 3261 section 20.38)",
                offset: start
            )
        }
        var delay: ArraySlice<UInt8>?
        let beforeSpace = scanner.index
        scanner.skipWhitespace()
        if scanner.index > beforeSpace, !scanner.isAtEnd {
            delay = number(&scanner)
        }
        guard scanner.isAtEnd else {
            throw SIPParseError(
                .invalidHeaderValue,
                "unexpected \(SIPHeaderValueText.excerpt(scanner.rest)) in Timestamp (RFC 3261 section 20.38)",
                offset: scanner.index
            )
        }
        return SIPTimestamp(
            value: String(decoding: value, as: UTF8.self),
            delay: delay.map { String(decoding: $0, as: UTF8.self) }
        )
    }

    /// `*(DIGIT) ["." *(DIGIT)]`; `nil` when empty.
    private static func number(_ scanner: inout SIPScanner) -> ArraySlice<UInt8>? {
        let start = scanner.index
        _ = scanner.scan(while: SIPHeaderValueText.isDigit)
        if scanner.consume(0x2E) {
            _ = scanner.scan(while: SIPHeaderValueText.isDigit)
        }
        let run = scanner.consumed(from: start)
        return run.isEmpty ? nil : run
    }
}
