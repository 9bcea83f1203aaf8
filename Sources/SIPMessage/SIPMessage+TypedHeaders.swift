/// Typed header values, parsed when asked for. Each throws ``SIPParseError`` (with the byte
/// offset in the message) when the header does not follow its grammar, and is `nil` or empty
/// when the header is absent. The hot-path values (Call-ID, CSeq number, tags, top Via branch)
/// can also be read as bytes with ``SIPMessage/firstRawValue(_:)``.
extension SIPMessage {
    /// Every Via value, top first (RFC 3261 section 20.42).
    public func via() throws(SIPParseError) -> [SIPVia] {
        var result: [SIPVia] = []
        // Usually one value a line: as many as lines is a lower bound, never too much.
        result.reserveCapacity(fieldCount(.via))
        var notes: [SIPParseNote] = []
        try forEachRawValue(.via) { value throws(SIPParseError) in
            try SIPVia.appendList(value, to: &result, limits: limits, notes: &notes)
        }
        return result
    }

    /// The top Via: the one that identifies the transaction (RFC 3261 section 17.1.3).
    public func topVia() throws(SIPParseError) -> SIPVia? {
        guard let value = firstRawValue(.via) else { return nil }
        return try SIPVia.parseList(value, limits: limits).first
    }

    /// From (RFC 3261 section 20.20).
    public func from() throws(SIPParseError) -> SIPNameAddress? {
        guard let value = firstRawValue(.from) else { return nil }
        return try SIPNameAddress.parse(value, limits: limits)
    }

    /// To (RFC 3261 section 20.39).
    public func to() throws(SIPParseError) -> SIPNameAddress? {
        guard let value = firstRawValue(.to) else { return nil }
        return try SIPNameAddress.parse(value, limits: limits)
    }

    /// Call-ID (RFC 3261 section 20.8).
    public func callID() throws(SIPParseError) -> SIPCallID? {
        guard let value = firstRawValue(.callID) else { return nil }
        return try SIPCallID.parse(value, limits: limits)
    }

    /// CSeq (RFC 3261 section 20.16).
    public func cseq() throws(SIPParseError) -> SIPCSeq? {
        guard let value = firstRawValue(.cseq) else { return nil }
        return try SIPCSeq.parse(value, limits: limits)
    }

    /// Contact values (RFC 3261 section 20.10), all fields together; `.wildcard` for `*`.
    public func contacts() throws(SIPParseError) -> [SIPContact] {
        var result: [SIPContact] = []
        try forEachRawValue(.contact) { value throws(SIPParseError) in
            result.append(try SIPContact.parseList(value, limits: limits))
        }
        return result
    }

    /// Addresses of a route-like or identity header (Route, Record-Route, Refer-To,
    /// P-Asserted-Identity, P-Preferred-Identity, Remote-Party-ID, Diversion, History-Info).
    public func addresses(_ header: SIPAddressHeader) throws(SIPParseError) -> [SIPNameAddress] {
        var result: [SIPNameAddress] = []
        var notes: [SIPParseNote] = []
        try forEachRawValue(header.headerName) { value throws(SIPParseError) in
            try header.append(value, to: &result, limits: limits, notes: &notes)
        }
        return result
    }

    /// Max-Forwards (RFC 3261 section 20.22).
    public func maxForwards() throws(SIPParseError) -> SIPMaxForwards? {
        guard let value = firstRawValue(.maxForwards) else { return nil }
        return try SIPMaxForwards.parse(value, limits: limits)
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
        try forEachRawValue(name) { value throws(SIPParseError) in
            try SIPTokenList.appendTokens(value, to: &result, limits: limits)
        }
        return result
    }

    /// The Request-URI of a request, parsed (RFC 3261 section 19.1).
    public func parsedRequestURI() throws(SIPParseError) -> SIPURI? {
        guard let value = requestURIBytes else { return nil }
        return try SIPURI.parse(value, limits: limits)
    }

    /// The body by its Content-Type: SDP, multipart (with its parts), or bytes; never throws,
    /// a malformed body is kept as bytes with a note.
    public func parsedBody() -> (body: SIPBody, notes: [SIPParseNote]) {
        let type = firstRawValue(.contentType).flatMap { try? SIPMediaType.parse($0, limits: limits) }
        return SIPBody.parse(body, contentType: type, limits: limits)
    }
}
