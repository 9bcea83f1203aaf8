/// An `a=fingerprint:` attribute: the hash of the DTLS certificate the endpoint will present
/// (RFC 8122 section 5: `<hash-func> <fingerprint>`). Public information, not a secret.
public struct SDPFingerprint: Hashable, Sendable, CustomStringConvertible {
    /// Hash function, lowercased, e.g. `sha-256` (RFC 8122 section 5 names are case-insensitive).
    public var hashFunction: String
    /// Colon-separated upper-case hex pairs, as written.
    public var fingerprint: String

    public init(hashFunction: String, fingerprint: String) {
        self.hashFunction = hashFunction
        self.fingerprint = fingerprint
    }

    public var description: String { "\(hashFunction) \(fingerprint)" }

    /// Parses `<hash-func> SP <fingerprint>` (RFC 8122 section 5).
    static func parse(_ value: String) throws(SIPParseError) -> SDPFingerprint {
        let fields = SDPText.fields(value)
        guard fields.count == 2 else {
            throw SIPParseError(.invalidBody, "fingerprint is not <hash function> <fingerprint> (RFC 8122 section 5)")
        }
        return SDPFingerprint(hashFunction: fields[0].lowercased(), fingerprint: String(fields[1]))
    }

    /// Checks an `a=fingerprint` value as ``parse(_:)`` does (the same error), on its bytes
    /// without making Strings: exactly two blank-separated fields.
    static func check(_ value: SDPBytes) throws(SIPParseError) {
        guard SDPText.fieldCount(value) == 2 else {
            throw SIPParseError(.invalidBody, "fingerprint is not <hash function> <fingerprint> (RFC 8122 section 5)")
        }
    }
}
