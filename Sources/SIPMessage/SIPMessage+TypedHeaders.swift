/// Typed header values, parsed when asked for. Each throws ``SIPParseError`` (with the byte
/// offset in the message) when the header does not follow its grammar, and is `nil` or empty
/// when the header is absent. The hot-path values (Call-ID, CSeq number, tags, top Via branch)
/// can also be read as bytes with ``SIPMessage/firstRawValue(_:)``.
extension SIPMessage {
    /// Every Via value, top first (RFC 3261 section 20.42).
    public func via() throws(SIPParseError) -> [SIPVia] {
        var result: [SIPVia] = []
        for value in rawValues(.via) { result += try SIPVia.parseList(value, limits: limits) }
        return result
    }

    /// The top Via: the one that identifies the transaction (RFC 3261 section 17.1.3).
    public func topVia() throws(SIPParseError) -> SIPVia? {
        guard let value = firstRawValue(.via) else { return nil }
        return try SIPVia.parseList(value, limits: limits).first
    }

    /// From (RFC 3261 section 20.20).
    public func from() throws(SIPParseError) -> SIPNameAddress? {
        try firstRawValue(.from).map { value throws(SIPParseError) in try SIPNameAddress.parse(value, limits: limits) }
    }

    /// To (RFC 3261 section 20.39).
    public func to() throws(SIPParseError) -> SIPNameAddress? {
        try firstRawValue(.to).map { value throws(SIPParseError) in try SIPNameAddress.parse(value, limits: limits) }
    }

    /// Call-ID (RFC 3261 section 20.8).
    public func callID() throws(SIPParseError) -> SIPCallID? {
        try firstRawValue(.callID).map { value throws(SIPParseError) in try SIPCallID.parse(value, limits: limits) }
    }

    /// CSeq (RFC 3261 section 20.16).
    public func cseq() throws(SIPParseError) -> SIPCSeq? {
        try firstRawValue(.cseq).map { value throws(SIPParseError) in try SIPCSeq.parse(value, limits: limits) }
    }

    /// Contact values (RFC 3261 section 20.10), all fields together; `.wildcard` for `*`.
    public func contacts() throws(SIPParseError) -> [SIPContact] {
        var result: [SIPContact] = []
        for value in rawValues(.contact) { result.append(try SIPContact.parseList(value, limits: limits)) }
        return result
    }

    /// Addresses of a route-like or identity header (Route, Record-Route, Refer-To,
    /// P-Asserted-Identity, P-Preferred-Identity, Remote-Party-ID, Diversion, History-Info).
    public func addresses(_ header: SIPAddressHeader) throws(SIPParseError) -> [SIPNameAddress] {
        var result: [SIPNameAddress] = []
        for value in rawValues(SIPHeaderName(header.name)) { result += try header.parse(value, limits: limits) }
        return result
    }

    /// Max-Forwards (RFC 3261 section 20.22).
    public func maxForwards() throws(SIPParseError) -> SIPMaxForwards? {
        try firstRawValue(.maxForwards).map { value throws(SIPParseError) in
            try SIPMaxForwards.parse(value, limits: limits)
        }
    }

    /// Content-Type (RFC 3261 section 20.15).
    public func contentType() throws(SIPParseError) -> SIPMediaType? {
        try firstRawValue(.contentType).map { value throws(SIPParseError) in
            try SIPMediaType.parse(value, limits: limits)
        }
    }

    /// Expires (RFC 3261 section 20.19).
    public func expires() throws(SIPParseError) -> SIPExpires? {
        try firstRawValue(.expires).map { value throws(SIPParseError) in try SIPExpires.parse(value, limits: limits) }
    }

    /// Reason values (RFC 3326), e.g. the Q.850 cause of a BYE or CANCEL.
    public func reasons() throws(SIPParseError) -> [SIPReason] {
        var result: [SIPReason] = []
        for value in rawValues(.reason) { result += try SIPReason.parseList(value, limits: limits) }
        return result
    }

    /// WWW-Authenticate or Proxy-Authenticate challenges (RFC 3261 section 22).
    public func challenges(proxy: Bool = false) throws(SIPParseError) -> [SIPChallenge] {
        var result: [SIPChallenge] = []
        for value in rawValues(proxy ? .proxyAuthenticate : .wwwAuthenticate) {
            result += try SIPChallenge.parseAll(value, limits: limits)
        }
        return result
    }

    /// Authorization or Proxy-Authorization credentials; secrets stay redacted in every text form.
    public func credentials(proxy: Bool = false) throws(SIPParseError) -> [SIPCredentials] {
        var result: [SIPCredentials] = []
        for value in rawValues(proxy ? .proxyAuthorization : .authorization) {
            result.append(try SIPCredentials.parse(value, limits: limits))
        }
        return result
    }

    /// A token list header: Allow, Supported, Require, Proxy-Require, Unsupported.
    public func tokens(_ name: SIPHeaderName) throws(SIPParseError) -> [String] {
        var result: [String] = []
        for value in rawValues(name) { result += try SIPTokenList.parse(value, limits: limits).tokens }
        return result
    }

    /// The Request-URI of a request, parsed (RFC 3261 section 19.1).
    public func parsedRequestURI() throws(SIPParseError) -> SIPURI? {
        try requestURIBytes.map { value throws(SIPParseError) in try SIPURI.parse(value, limits: limits) }
    }

    /// The body by its Content-Type: SDP, multipart (with its parts), or bytes; never throws,
    /// a malformed body is kept as bytes with a note.
    public func parsedBody() -> (body: SIPBody, notes: [SIPParseNote]) {
        let type = firstRawValue(.contentType).flatMap { try? SIPMediaType.parse($0, limits: limits) }
        return SIPBody.parse(body, contentType: type, limits: limits)
    }
}
