/// A `b=` line: proposed bandwidth in kilobits per second (RFC 8866 section 5.8), or bits per
/// second for `TIAS` (RFC 3890).
public struct SDPBandwidth: Hashable, Sendable, CustomStringConvertible {
    /// `CT` (conference total), `AS` (application specific), `TIAS`, `RS`, `RR`, ... as written.
    public var type: String
    /// The number after the colon.
    public var value: Int

    public init(type: String, value: Int) {
        self.type = type
        self.value = value
    }

    public var description: String { "\(type):\(value)" }

    /// Parses `<bwtype>:<bandwidth>` (RFC 8866 section 5.8).
    static func parse(_ text: SDPBytes, offset: Int) throws(SIPParseError) -> SDPBandwidth {
        let (type, rest) = SDPText.splitOnce(text, at: 0x3A)
        guard !type.isEmpty, let rest, let value = SDPText.decimal(SDPText.trimmed(rest)) else {
            throw SIPParseError(
                .invalidBody,
                "b= '\(SDPText.string(text))' is not <type>:<number> (RFC 8866 section 5.8)",
                offset: offset
            )
        }
        return SDPBandwidth(type: SDPText.string(SDPText.trimmed(type)), value: value)
    }
}
