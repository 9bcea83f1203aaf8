/// A parsed SDP session description (RFC 8866, which obsoletes RFC 4566), as carried in SIP
/// bodies of type `application/sdp` (RFC 3261 section 13, RFC 3264).
///
/// Parsing is lenient: real equipment sends LF line ends, unknown line types, missing
/// mandatory lines and trailing junk, and a diagnostics tool must still read what is there.
/// Each such problem is recorded in ``notes``. Only a body that is not SDP at all (no
/// `<type>=<value>` line first) or one over ``SIPParseLimits/maxSDPLines`` throws.
///
/// Secrets (`a=crypto` keys, `a=ice-pwd`, `k=` keys) never appear in ``description``.
public struct SDPSession: Hashable, Sendable, SDPAttributeContainer, CustomStringConvertible, CustomReflectable {
    private enum Storage: Sendable {
        case parsed(SDPParsedBody)
        /// Values built in code or changed. Boxed: the session stays one word wide, so copying it
        /// (in ``SIPBody``, in arrays) moves no large payload.
        indirect case built(SDPSessionFields)
    }

    private var storage: Storage

    public init(
        version: Int? = 0,
        origin: SDPOrigin? = nil,
        sessionName: String? = nil,
        information: String? = nil,
        uri: String? = nil,
        emails: [String] = [],
        phones: [String] = [],
        connection: SDPConnection? = nil,
        bandwidths: [SDPBandwidth] = [],
        timings: [SDPTiming] = [],
        timeZones: String? = nil,
        keyMethod: String? = nil,
        attributes: [SDPAttribute] = [],
        media: [SDPMedia] = [],
        notes: [SIPParseNote] = []
    ) {
        storage = .built(
            SDPSessionFields(
                version: version,
                origin: origin,
                sessionName: sessionName,
                information: information,
                uri: uri,
                emails: emails,
                phones: phones,
                connection: connection,
                bandwidths: bandwidths,
                timings: timings,
                timeZones: timeZones,
                keyMethod: keyMethod,
                decodedAttributes: SDPDecodedAttributes(attributes),
                media: media,
                notes: notes
            )
        )
    }

    /// The session of a parsed body, read from it on request.
    init(_ body: SDPParsedBody) {
        storage = .parsed(body)
    }

    /// All the values, read from the body when parsed.
    var fields: SDPSessionFields {
        switch storage {
        case .built(let fields):
            fields
        case .parsed:
            SDPSessionFields(
                version: version,
                origin: origin,
                sessionName: sessionName,
                information: information,
                uri: uri,
                emails: emails,
                phones: phones,
                connection: connection,
                bandwidths: bandwidths,
                timings: timings,
                timeZones: timeZones,
                keyMethod: keyMethod,
                decodedAttributes: decodedAttributes,
                media: media,
                notes: notes
            )
        }
    }

    /// Changes the values, which makes a parsed session hold them from now on.
    private mutating func update(_ change: (inout SDPSessionFields) -> Void) {
        var fields = fields
        change(&fields)
        storage = .built(fields)
    }

    /// The parsed body, when the session comes from a parse.
    private var body: SDPParsedBody? {
        guard case .parsed(let body) = storage else { return nil }
        return body
    }

    /// `v=`: the protocol version, 0 (RFC 8866 section 5.1). `nil` when absent or not a number.
    public var version: Int? {
        get {
            guard let body else { return fields.version }
            return body.decode(body.first(0x76, in: body.lines.indices)) { SDPText.decimal(SDPText.trimmed($0)) }
        }
        set { update { $0.version = newValue } }
    }

    /// `o=` (RFC 8866 section 5.2). `nil` when absent or malformed.
    public var origin: SDPOrigin? {
        get {
            guard let body else { return fields.origin }
            return body.decode(body.first(0x6F, in: body.lines.indices)) { value in
                var notes: [SIPParseNote] = []
                return try? SDPOrigin.parse(value, offset: 0, notes: &notes)
            }
        }
        set { update { $0.origin = newValue } }
    }

    /// `s=` (RFC 8866 section 5.3), `-` by convention in SIP. `nil` when absent.
    public var sessionName: String? {
        get {
            guard let body else { return fields.sessionName }
            return body.decode(body.first(0x73, in: body.lines.indices), SDPText.token)
        }
        set { update { $0.sessionName = newValue } }
    }

    /// Session-level `i=` (RFC 8866 section 5.4).
    public var information: String? {
        get {
            guard let body else { return fields.information }
            return body.decode(body.last(SDPLineRecord.information, in: 0..<body.sessionEnd), SDPText.string)
        }
        set { update { $0.information = newValue } }
    }

    /// `u=` (RFC 8866 section 5.5).
    public var uri: String? {
        get {
            guard let body else { return fields.uri }
            return body.decode(body.first(0x75, in: body.lines.indices), SDPText.string)
        }
        set { update { $0.uri = newValue } }
    }

    /// `e=` lines (RFC 8866 section 5.6).
    public var emails: [String] {
        get {
            guard let body else { return fields.emails }
            return body.all(0x65, in: body.lines.indices, SDPText.string)
        }
        set { update { $0.emails = newValue } }
    }

    /// `p=` lines (RFC 8866 section 5.6).
    public var phones: [String] {
        get {
            guard let body else { return fields.phones }
            return body.all(0x70, in: body.lines.indices, SDPText.string)
        }
        set { update { $0.phones = newValue } }
    }

    /// Session-level `c=` (RFC 8866 section 5.7): the default for media without their own. The
    /// first that parses; later ones are noted.
    public var connection: SDPConnection? {
        get {
            guard let body else { return fields.connection }
            return body.first(SDPLineRecord.connection, in: 0..<body.sessionEnd, SDPConnection.read)
        }
        set { update { $0.connection = newValue } }
    }

    /// Session-level `b=` lines (RFC 8866 section 5.8).
    public var bandwidths: [SDPBandwidth] {
        get {
            guard let body else { return fields.bandwidths }
            return body.all(SDPLineRecord.bandwidth, in: 0..<body.sessionEnd) { try? SDPBandwidth.parse($0, offset: 0) }
        }
        set { update { $0.bandwidths = newValue } }
    }

    /// `t=` lines with their `r=` lines (RFC 8866 sections 5.9, 5.10).
    public var timings: [SDPTiming] {
        get {
            guard let body else { return fields.timings }
            return body.read { bytes in
                var timings: [SDPTiming] = []
                // Every t= and r= line is session-level, wherever it is (noted when misplaced).
                for record in body.lines {
                    let value = SDPParsedBody.value(record, in: bytes)
                    if record.type == 0x74, let timing = try? SDPTiming.parse(value, offset: 0) {
                        timings.append(timing)
                    } else if record.type == 0x72, !timings.isEmpty {
                        timings[timings.count - 1].repeatTimes.append(SDPText.string(value))
                    }
                }
                return timings
            }
        }
        set { update { $0.timings = newValue } }
    }

    /// `z=` value as written (RFC 8866 section 5.11).
    public var timeZones: String? {
        get {
            guard let body else { return fields.timeZones }
            return body.decode(body.first(0x7A, in: body.lines.indices), SDPText.string)
        }
        set { update { $0.timeZones = newValue } }
    }

    /// The method of a session-level `k=` line, without the key (RFC 8866 section 5.12).
    public var keyMethod: String? {
        get {
            guard let body else { return fields.keyMethod }
            return body.decode(body.last(SDPLineRecord.key, in: 0..<body.sessionEnd), SDPText.keyMethod)
        }
        set { update { $0.keyMethod = newValue } }
    }

    /// Session-level `a=` lines in order, with the known ones decoded (RFC 8866 section 5.13).
    public internal(set) var decodedAttributes: SDPDecodedAttributes {
        get {
            guard let body else { return fields.decodedAttributes }
            return SDPDecodedAttributes(body, lines: 0..<body.sessionEnd)
        }
        set { update { $0.decodedAttributes = newValue } }
    }

    /// Session-level `a=` lines in order (RFC 8866 section 5.13). Setting them decodes them again.
    public var attributes: [SDPAttribute] {
        get { decodedAttributes.attributes }
        set { decodedAttributes = SDPDecodedAttributes(newValue) }
    }

    /// The media descriptions in order (RFC 8866 section 5.14).
    public var media: [SDPMedia] {
        get {
            guard let body else { return fields.media }
            return body.media
        }
        set { update { $0.media = newValue } }
    }

    /// What the parser noticed and worked around.
    public var notes: [SIPParseNote] {
        get { body?.notes ?? fields.notes }
        set { update { $0.notes = newValue } }
    }

    // MARK: - Conveniences

    /// The connection that applies to `media`: its own first `c=`, else the session's
    /// (RFC 8866 section 5.7).
    public func effectiveConnection(for media: SDPMedia) -> SDPConnection? {
        media.firstConnection ?? connection
    }

    /// The direction that applies to `media`: its own attribute, else the session's, else
    /// `sendrecv` (RFC 8866 section 6.7, RFC 3264 section 5.1).
    public func direction(for media: SDPMedia) -> SDPDirection {
        media.direction ?? direction ?? .sendrecv
    }

    /// The codecs of `media` (see ``SDPMedia/codecs``): `a=rtpmap` names, or RFC 3551 static
    /// payload type names (0 PCMU/8000, 8 PCMA/8000, 18 G729/8000, ...) when there is none.
    public func codecs(for media: SDPMedia) -> [SDPCodec] {
        media.codecs
    }

    /// The names of the codecs of `media` (``SDPMedia/codecNames``): `codecs(for: media).map(\.name)`
    /// without making the codecs.
    public func codecNames(for media: SDPMedia) -> [String] {
        media.codecNames
    }

    /// Whether `media` is on hold: direction `sendonly` or `inactive` (RFC 3264 section 8.4),
    /// or connection address `0.0.0.0` (the RFC 2543 convention, RFC 3264 section 8.4).
    public func isHold(_ media: SDPMedia) -> Bool {
        direction(for: media).isHold || effectiveConnection(for: media)?.isHoldAddress == true
    }

    /// Whether the whole session is on hold: it has streams that are not rejected (port not 0)
    /// and every one of them is on hold (``isHold(_:)``).
    public var isHold: Bool {
        let active = media.filter { !$0.isRejected }
        return !active.isEmpty && active.allSatisfy { isHold($0) }
    }

    /// The session as SDP text with CRLF line ends, secrets redacted (`a=crypto` keys,
    /// `a=ice-pwd`, `k=` keys). For display, not for sending.
    public var description: String {
        var lines: [String] = []
        if let version { lines.append("v=\(version)") }
        if let origin { lines.append("o=\(origin)") }
        if let sessionName { lines.append("s=\(sessionName)") }
        if let information { lines.append("i=\(information)") }
        if let uri { lines.append("u=\(uri)") }
        lines += emails.map { "e=\($0)" } + phones.map { "p=\($0)" }
        if let connection { lines.append("c=\(connection)") }
        lines += bandwidths.map { "b=\($0)" }
        for timing in timings {
            lines.append("t=\(timing)")
            lines += timing.repeatTimes.map { "r=\($0)" }
        }
        if let timeZones { lines.append("z=\(timeZones)") }
        if let keyMethod { lines.append("k=\(keyMethod):<redacted>") }
        lines += attributes.map(\.description)
        for item in media {
            lines.append(item.description)
            if let information = item.information { lines.append("i=\(information)") }
            lines += item.connections.map { "c=\($0)" } + item.bandwidths.map { "b=\($0)" }
            if let keyMethod = item.keyMethod { lines.append("k=\(keyMethod):<redacted>") }
            lines += item.attributes.map(\.description)
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    // MARK: - Parsing

    /// Parses an SDP body (RFC 8866 section 5). `bytes` is a slice of the message, so note and
    /// error offsets are offsets in the message.
    ///
    /// Throws ``SIPParseError/Code/invalidBody`` when the first non-empty line is not a
    /// `<type>=<value>` line (the body is not SDP), and ``SIPParseError/Code/limitExceeded``
    /// (naming `maxSDPLines`) for more than ``SIPParseLimits/maxSDPLines`` lines.
    public static func parse(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits
    ) throws(SIPParseError) -> SDPSession {
        // Note and error offsets count from the message start, the slice's first index.
        var parser = SDPSessionParser(limits: limits, base: bytes.startIndex)
        let (lines, notes) = try bytes.withUnsafeBufferPointer { buffer throws(SIPParseError) in
            try parser.parse(buffer[...])
        }
        return SDPSession(SDPParsedBody(bytes: bytes, lines: lines, limits: limits, notes: notes))
    }

    /// The properties, as a synthesized mirror would list stored ones: a parsed session's
    /// storage is the body's bytes, which dumps must not show (they may hold keys).
    public var customMirror: Mirror {
        let fields = fields
        return Mirror(
            self,
            children: [
                "version": fields.version as Any, "origin": fields.origin as Any,
                "sessionName": fields.sessionName as Any, "information": fields.information as Any,
                "uri": fields.uri as Any, "emails": fields.emails, "phones": fields.phones,
                "connection": fields.connection as Any, "bandwidths": fields.bandwidths, "timings": fields.timings,
                "timeZones": fields.timeZones as Any, "keyMethod": fields.keyMethod as Any,
                "decodedAttributes": fields.decodedAttributes, "media": fields.media, "notes": fields.notes,
            ],
            displayStyle: .struct
        )
    }

    public static func == (lhs: SDPSession, rhs: SDPSession) -> Bool {
        if let left = lhs.body, let right = rhs.body, left === right { return true }
        return lhs.fields == rhs.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields)
    }
}
