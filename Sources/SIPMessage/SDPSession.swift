/// A parsed SDP session description (RFC 8866, which obsoletes RFC 4566), as carried in SIP
/// bodies of type `application/sdp` (RFC 3261 section 13, RFC 3264).
///
/// Parsing is lenient: real equipment sends LF line ends, unknown line types, missing
/// mandatory lines and trailing junk, and a diagnostics tool must still read what is there.
/// Each such problem is recorded in ``notes``. Only a body that is not SDP at all (no
/// `<type>=<value>` line first) or one over ``SIPParseLimits/maxSDPLines`` throws.
///
/// Secrets (`a=crypto` keys, `a=ice-pwd`, `k=` keys) never appear in ``description``.
public struct SDPSession: Hashable, Sendable, SDPAttributeContainer, CustomStringConvertible {
    /// `v=`: the protocol version, 0 (RFC 8866 section 5.1). `nil` when absent or not a number.
    public var version: Int?
    /// `o=` (RFC 8866 section 5.2). `nil` when absent or malformed.
    public var origin: SDPOrigin?
    /// `s=` (RFC 8866 section 5.3), `-` by convention in SIP. `nil` when absent.
    public var sessionName: String?
    /// Session-level `i=` (RFC 8866 section 5.4).
    public var information: String?
    /// `u=` (RFC 8866 section 5.5).
    public var uri: String?
    /// `e=` lines (RFC 8866 section 5.6).
    public var emails: [String]
    /// `p=` lines (RFC 8866 section 5.6).
    public var phones: [String]
    /// Session-level `c=` (RFC 8866 section 5.7): the default for media without their own.
    public var connection: SDPConnection?
    /// Session-level `b=` lines (RFC 8866 section 5.8).
    public var bandwidths: [SDPBandwidth]
    /// `t=` lines with their `r=` lines (RFC 8866 sections 5.9, 5.10).
    public var timings: [SDPTiming]
    /// `z=` value as written (RFC 8866 section 5.11).
    public var timeZones: String?
    /// The method of a session-level `k=` line, without the key (RFC 8866 section 5.12).
    public var keyMethod: String?
    /// Session-level `a=` lines in order, with the known ones decoded (RFC 8866 section 5.13).
    public internal(set) var decodedAttributes: SDPDecodedAttributes

    /// Session-level `a=` lines in order (RFC 8866 section 5.13). Setting them decodes them again.
    public var attributes: [SDPAttribute] {
        get { decodedAttributes.attributes }
        set { decodedAttributes = SDPDecodedAttributes(newValue) }
    }
    /// The media descriptions in order (RFC 8866 section 5.14).
    public var media: [SDPMedia]
    /// What the parser noticed and worked around.
    public var notes: [SIPParseNote]

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
        self.version = version
        self.origin = origin
        self.sessionName = sessionName
        self.information = information
        self.uri = uri
        self.emails = emails
        self.phones = phones
        self.connection = connection
        self.bandwidths = bandwidths
        self.timings = timings
        self.timeZones = timeZones
        self.keyMethod = keyMethod
        self.decodedAttributes = SDPDecodedAttributes(attributes)
        self.media = media
        self.notes = notes
    }

    // MARK: - Conveniences

    /// The connection that applies to `media`: its own first `c=`, else the session's
    /// (RFC 8866 section 5.7).
    public func effectiveConnection(for media: SDPMedia) -> SDPConnection? {
        media.connections.first ?? connection
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
        return try bytes.withUnsafeBufferPointer { buffer throws(SIPParseError) in try parser.parse(buffer[...]) }
    }
}
