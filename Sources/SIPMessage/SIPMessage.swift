/// A parsed SIP message (RFC 3261 section 7): start line, header fields in order with their
/// original spelling, and body.
///
/// Parsing indexes the header section in one pass over the bytes, without building a String
/// per header; typed values (Via, CSeq, URIs, SDP, ...) are parsed when asked for. Parsing is
/// lenient: what real equipment gets wrong but can still be read is recorded in ``notes``,
/// and ``validate()`` lists every RFC 3261 violation for strict checks.
public struct SIPMessage: Hashable, Sendable {
    /// The message bytes as given (start line to end of body, plus anything after the body).
    public let bytes: [UInt8]
    let storedStartLine: StoredStartLine
    let fieldIndex: [HeaderFieldIndex]
    /// The body bytes' place in ``bytes`` (after the empty line, cut to Content-Length).
    public let bodyRange: Range<Int>
    /// What the lenient parser noticed and worked around.
    public let notes: [SIPParseNote]
    let limits: SIPParseLimits

    init(
        bytes: [UInt8],
        startLine: StoredStartLine,
        fieldIndex: [HeaderFieldIndex],
        bodyRange: Range<Int>,
        notes: [SIPParseNote],
        limits: SIPParseLimits
    ) {
        self.bytes = bytes
        self.storedStartLine = startLine
        self.fieldIndex = fieldIndex
        self.bodyRange = bodyRange
        self.notes = notes
        self.limits = limits
    }

    /// Parses a message from its bytes. Throws only when the bytes cannot be read as SIP at all
    /// (no start line, unsupported version, a limit exceeded); everything else becomes a note.
    public init(parsing bytes: [UInt8], limits: SIPParseLimits = .default) throws(SIPParseError) {
        self = try SIPMessageParser.parse(bytes, limits: limits)
    }

    /// Parses a message from text (as pasted from a log or an RFC).
    public init(parsing text: String, limits: SIPParseLimits = .default) throws(SIPParseError) {
        try self.init(parsing: Array(text.utf8), limits: limits)
    }

    /// The start line; its strings are made when asked for, not when parsing.
    public var startLine: SIPStartLine {
        switch storedStartLine {
        case .request(let method, let uri):
            .request(method: method, requestURI: String(decoding: bytes[uri], as: UTF8.self))
        case .response(let code, let reason):
            .response(statusCode: code, reasonPhrase: String(decoding: bytes[reason], as: UTF8.self))
        }
    }

    public var isRequest: Bool { if case .request = storedStartLine { true } else { false } }

    /// The method of a request, or `nil` for a response.
    public var method: SIPMethod? { if case .request(let method, _) = storedStartLine { method } else { nil } }

    /// The Request-URI of a request as written, or `nil` for a response.
    public var requestURI: String? {
        if case .request(_, let uri) = storedStartLine { String(decoding: bytes[uri], as: UTF8.self) } else { nil }
    }

    /// The Request-URI's bytes, without allocating.
    public var requestURIBytes: ArraySlice<UInt8>? {
        if case .request(_, let uri) = storedStartLine { bytes[uri] } else { nil }
    }

    /// The status code of a response, or `nil` for a request.
    public var statusCode: Int? { if case .response(let code, _) = storedStartLine { code } else { nil } }

    /// The reason phrase of a response, or `nil` for a request.
    public var reasonPhrase: String? {
        if case .response(_, let reason) = storedStartLine {
            String(decoding: bytes[reason], as: UTF8.self)
        } else {
            nil
        }
    }

    /// The body bytes.
    public var body: ArraySlice<UInt8> { bytes[bodyRange] }

    /// Every header field in message order.
    public var headerFields: [SIPHeaderField] { fieldIndex.map { SIPHeaderField(index: $0, bytes: bytes) } }

    /// How many header fields the message has.
    public var headerCount: Int { fieldIndex.count }

    /// The raw values of every field named `name`, in order (not split at commas).
    public func rawValues(_ name: SIPHeaderName) -> [ArraySlice<UInt8>] {
        var values: [ArraySlice<UInt8>] = []
        forEachRawValue(name) { values.append($0) }
        return values
    }

    /// Calls `body` with the raw value of every field named `name`, in order, without making
    /// an array: the typed accessors read most headers once per message.
    func forEachRawValue<Failure: Error>(
        _ name: SIPHeaderName,
        _ body: (ArraySlice<UInt8>) throws(Failure) -> Void
    ) throws(Failure) {
        for field in fieldIndex where matches(field, name) {
            try body(bytes[field.valueRange])
        }
    }

    /// The first field named `name`, unfolded, or `nil`.
    public func value(_ name: SIPHeaderName) -> String? {
        firstRawValue(name).map(SIPHeaderField.unfolded)
    }

    /// The values of every field named `name`, unfolded, in order.
    public func values(_ name: SIPHeaderName) -> [String] {
        rawValues(name).map(SIPHeaderField.unfolded)
    }

    /// The first raw value of `name` without allocating: the hot path for Call-ID, CSeq and Via.
    public func firstRawValue(_ name: SIPHeaderName) -> ArraySlice<UInt8>? {
        for field in fieldIndex where matches(field, name) {
            return bytes[field.valueRange]
        }
        return nil
    }

    /// How many fields are named `name`.
    func fieldCount(_ name: SIPHeaderName) -> Int {
        fieldIndex.reduce(0) { matches($1, name) ? $0 + 1 : $0 }
    }

    /// Whether the message has a field named `name`.
    public func contains(_ name: SIPHeaderName) -> Bool {
        fieldIndex.contains { matches($0, name) }
    }

    private func matches(_ field: HeaderFieldIndex, _ name: SIPHeaderName) -> Bool {
        if let known = name.known { return field.known == known }
        guard field.known == nil else { return false }
        let spelled = bytes[field.nameRange]
        let wanted = name.canonicalName.utf8
        guard spelled.count == wanted.count else { return false }
        return zip(spelled, wanted).allSatisfy { KnownHeader.lowercased($0) == KnownHeader.lowercased($1) }
    }
}

/// The start line as parsed: the method and status code decoded, the Request-URI and reason
/// phrase as places in the bytes.
enum StoredStartLine: Hashable, Sendable {
    case request(SIPMethod, uri: Range<Int>)
    case response(Int, reason: Range<Int>)
}
