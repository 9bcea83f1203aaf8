/// What an `a=crypto:` attribute offers, without its key (RFC 4568 section 9.1:
/// `<tag> <crypto-suite> <key-params> [<session-params>]`).
///
/// The key parameters (`inline:<key||salt>`) are SRTP master keys; they are deliberately not
/// part of this type. The full line stays in ``SDPAttribute/value`` for those who need it.
public struct SDPCrypto: Hashable, Sendable, CustomStringConvertible {
    /// Decimal tag that the answer echoes (RFC 4568 section 9.1).
    public var tag: Int
    /// The crypto suite, e.g. `AES_CM_128_HMAC_SHA1_80` (RFC 4568 section 6.2).
    public var suite: String

    public init(tag: Int, suite: String) {
        self.tag = tag
        self.suite = suite
    }

    public var description: String { "\(tag) \(suite)" }

    /// Parses the tag and suite of an `a=crypto` value; the key parameters must be present
    /// (RFC 4568 section 9.1) but are not kept.
    static func parse(_ value: String) throws(SIPParseError) -> SDPCrypto {
        let fields = SDPText.fields(value)
        guard fields.count >= 3, let tag = SDPText.decimal(fields[0].utf8, maximum: 999_999_999) else {
            throw SIPParseError(
                .invalidBody,
                "crypto attribute is not <tag> <suite> <key-params> (RFC 4568 section 9.1)"
            )
        }
        return SDPCrypto(tag: tag, suite: String(fields[1]))
    }

    /// Checks an `a=crypto` value as ``parse(_:)`` does (the same error), on its bytes: the SDP
    /// parser checks every line, and making the value's String cost more than the check.
    static func check(_ value: SDPBytes) throws(SIPParseError) {
        var position = value.startIndex
        let tag = SDPText.nextField(value, from: &position)
        let suite = SDPText.nextField(value, from: &position)
        let keyParameters = SDPText.nextField(value, from: &position)
        // Decoding to a String would only turn invalid UTF-8 into U+FFFD, which is neither a
        // blank nor a digit: the fields and the tag read the same on the bytes.
        guard let tag, suite != nil, keyParameters != nil, SDPText.decimal(tag, maximum: 999_999_999) != nil else {
            throw SIPParseError(
                .invalidBody,
                "crypto attribute is not <tag> <suite> <key-params> (RFC 4568 section 9.1)"
            )
        }
    }
}
