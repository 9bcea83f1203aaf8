/// A media description: an `m=` line and the `i=`, `c=`, `b=`, `k=` and `a=` lines after it
/// (RFC 8866 sections 5 and 5.14).
///
/// `m=<media> <port>[/<number of ports>] <proto> <fmt> ...`. A malformed `m=` line still makes a
/// media description (with the fields that could be read), so the lines after it are not
/// mistaken for session-level ones.
///
/// A parsed media description reads its properties from the body's bytes on request (the parse
/// checked them); one built in code, or changed, holds its values.
public struct SDPMedia: Hashable, Sendable, SDPAttributeContainer, CustomStringConvertible, CustomReflectable {
    private enum Storage: Sendable {
        /// These lines of a parsed body, its `m=` line first.
        case parsed(SDPParsedBody, Range<Int>)
        /// Values built in code or changed, boxed so that a media description stays small.
        indirect case built(SDPMediaFields)
    }

    private var storage: Storage

    public init(
        mediaType: String,
        port: Int?,
        portCount: Int? = nil,
        transportProtocol: String,
        formats: [String],
        line: String? = nil,
        information: String? = nil,
        connections: [SDPConnection] = [],
        bandwidths: [SDPBandwidth] = [],
        keyMethod: String? = nil,
        attributes: [SDPAttribute] = []
    ) {
        var portText = port.map(String.init) ?? "?"
        if let portCount { portText += "/\(portCount)" }
        storage = .built(
            SDPMediaFields(
                mediaType: mediaType,
                port: port,
                portCount: portCount,
                transportProtocol: transportProtocol,
                formats: formats,
                line: line ?? ([mediaType, portText, transportProtocol] + formats).joined(separator: " "),
                information: information,
                connections: connections,
                bandwidths: bandwidths,
                keyMethod: keyMethod,
                decodedAttributes: SDPDecodedAttributes(attributes)
            )
        )
    }

    /// The media description of `lines` (its `m=` line first) of a parsed body.
    init(_ body: SDPParsedBody, lines: Range<Int>) {
        storage = .parsed(body, lines)
    }

    /// All the values, read from the body when parsed.
    var fields: SDPMediaFields {
        switch storage {
        case .built(let fields):
            return fields
        case .parsed(let body, let lines):
            var notes: [SIPParseNote] = []
            let line = body.decode(body.lines[lines.lowerBound]) { value in
                SDPMediaFields.parse(value, offset: nil, notes: &notes)
            }
            var fields = line ?? SDPMediaFields(mediaType: "", port: nil, transportProtocol: "", formats: [], line: "")
            fields.information = information
            fields.connections = connections
            fields.bandwidths = bandwidths
            fields.keyMethod = keyMethod
            fields.decodedAttributes = decodedAttributes
            return fields
        }
    }

    /// Changes the values, which makes a parsed description hold them from now on.
    private mutating func update(_ change: (inout SDPMediaFields) -> Void) {
        var fields = fields
        change(&fields)
        storage = .built(fields)
    }

    /// What `read` finds in the first fields of the `m=` line of a parsed description.
    private func mHead<Value>(
        _ read: ((mediaType: SDPBytes?, port: Int?, portCount: Int?, proto: SDPBytes?)) -> Value
    ) -> Value? {
        guard case .parsed(let body, let lines) = storage else { return nil }
        return body.decode(body.lines[lines.lowerBound]) { value in read(SDPMediaLine.head(value)) }
    }

    /// What `read` finds in the `m=` line of a parsed description.
    private func mLine<Value>(_ read: (SDPMediaLine) -> Value) -> Value? {
        guard case .parsed(let body, let lines) = storage else { return nil }
        return body.decode(body.lines[lines.lowerBound]) { value in
            var notes: [SIPParseNote] = []
            return read(SDPMediaLine.scan(value, offset: nil, notes: &notes))
        }
    }

    /// The other lines of a parsed description (after `m=`).
    private var parsedRest: (body: SDPParsedBody, lines: Range<Int>)? {
        guard case .parsed(let body, let lines) = storage else { return nil }
        return (body, (lines.lowerBound + 1)..<lines.upperBound)
    }

    /// `audio`, `video`, `text`, `application`, `message`, `image`, ... as written.
    public var mediaType: String {
        get {
            guard case .parsed(let body, let lines) = storage else { return fields.mediaType }
            // Only the first field: the port and protocol need not be read.
            return body.decode(body.lines[lines.lowerBound]) { value in
                var position = value.startIndex
                return SDPText.nextField(value, from: &position).map(SDPText.token) ?? ""
            } ?? ""
        }
        set { update { $0.mediaType = newValue } }
    }

    /// The transport port, 0 to 65535; 0 means the stream is rejected or disabled
    /// (RFC 3264 section 6). `nil` when the `m=` line's port is not a valid port.
    public var port: Int? {
        get {
            guard case .parsed = storage else { return fields.port }
            return mHead(\.port) ?? nil
        }
        set { update { $0.port = newValue } }
    }

    /// The number of ports after `/` (RFC 8866 section 5.14), when given.
    public var portCount: Int? {
        get {
            guard case .parsed = storage else { return fields.portCount }
            return mHead(\.portCount) ?? nil
        }
        set { update { $0.portCount = newValue } }
    }

    /// The transport protocol, e.g. `RTP/AVP`, `RTP/SAVP`, `UDP/TLS/RTP/SAVPF`, `udptl`.
    public var transportProtocol: String {
        get { mHead { $0.proto.map(SDPText.token) ?? "" } ?? fields.transportProtocol }
        set { update { $0.transportProtocol = newValue } }
    }

    /// The formats: RTP payload type numbers, or other format names for non-RTP protocols.
    public var formats: [String] {
        get { mLine { $0.formatTexts } ?? fields.formats }
        set { update { $0.formats = newValue } }
    }

    /// The `m=` line's value as written.
    public var line: String {
        get { mLine { SDPText.string($0.value) } ?? fields.line }
        set { update { $0.line = newValue } }
    }

    /// `i=`: media title (RFC 8866 section 5.4).
    public var information: String? {
        get {
            guard let (body, lines) = parsedRest else { return fields.information }
            return body.decode(body.last(SDPLineRecord.information, in: lines), SDPText.string)
        }
        set { update { $0.information = newValue } }
    }

    /// `c=` lines at media level (RFC 8866 section 5.7; several are allowed for multicast).
    public var connections: [SDPConnection] {
        get {
            guard let (body, lines) = parsedRest else { return fields.connections }
            return body.all(SDPLineRecord.connection, in: lines, SDPConnection.read)
        }
        set { update { $0.connections = newValue } }
    }

    /// The first of ``connections``, without decoding the others.
    var firstConnection: SDPConnection? {
        guard let (body, lines) = parsedRest else { return fields.connections.first }
        return body.first(SDPLineRecord.connection, in: lines, SDPConnection.read)
    }

    /// `b=` lines at media level.
    public var bandwidths: [SDPBandwidth] {
        get {
            guard let (body, lines) = parsedRest else { return fields.bandwidths }
            return body.all(SDPLineRecord.bandwidth, in: lines) { try? SDPBandwidth.parse($0, offset: 0) }
        }
        set { update { $0.bandwidths = newValue } }
    }

    /// The method of a media-level `k=` line (`clear`, `base64`, `uri`, `prompt`), without the key
    /// itself, which is secret (RFC 8866 section 5.12, obsolete).
    public var keyMethod: String? {
        get {
            guard let (body, lines) = parsedRest else { return fields.keyMethod }
            return body.decode(body.last(SDPLineRecord.key, in: lines), SDPText.keyMethod)
        }
        set { update { $0.keyMethod = newValue } }
    }

    /// Media-level `a=` lines in order, with the known ones decoded (RFC 8866 section 5.13).
    public internal(set) var decodedAttributes: SDPDecodedAttributes {
        get {
            guard let (body, lines) = parsedRest else { return fields.decodedAttributes }
            return SDPDecodedAttributes(body, lines: lines)
        }
        set { update { $0.decodedAttributes = newValue } }
    }

    /// Media-level `a=` lines in order. Setting them decodes them again.
    public var attributes: [SDPAttribute] {
        get { decodedAttributes.attributes }
        set { decodedAttributes = SDPDecodedAttributes(newValue) }
    }

    /// Port 0: the stream is rejected (in an answer) or disabled (RFC 3264 section 6).
    public var isRejected: Bool { port == 0 }

    /// Whether the protocol is RTP based (`RTP/AVP`, `RTP/SAVP`, `UDP/TLS/RTP/SAVPF`, ...), so
    /// formats are payload types (RFC 8866 section 5.14).
    public var isRTP: Bool {
        mHead { $0.proto.map { Self.isRTP($0) } ?? false } ?? Self.isRTP(transportProtocol.utf8)
    }

    /// Whether one `/`-separated part of `proto` is `RTP`, ignoring case (RFC 8866 section 8.2.3:
    /// RTP profiles are named `RTP/<profile>`, and DTLS-SRTP adds `UDP/TLS/` before that).
    static func isRTP(_ proto: some Collection<UInt8>) -> Bool {
        // `length` counts the bytes of the current part, `matches` whether they spell "rtp" so far.
        var length = 0
        var matches = true
        for byte in proto {
            if byte == 0x2F {
                if matches, length == 3 { return true }
                length = 0
                matches = true
                continue
            }
            let folded = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            switch length {
            case 0: matches = matches && folded == 0x72
            case 1: matches = matches && folded == 0x74
            case 2: matches = matches && folded == 0x70
            default: matches = false
            }
            length += 1
        }
        return matches && length == 3
    }

    /// The formats that are RTP payload type numbers (0 to 127).
    public var payloadTypes: [Int] {
        formats.compactMap { SDPText.decimal($0.utf8, maximum: 127) }
    }

    /// The codecs offered, in preference order (RFC 3264 section 5.1): from `a=rtpmap` when
    /// present, else from RFC 3551's static table for RTP, with `a=fmtp` parameters attached.
    /// The first `a=rtpmap` or `a=fmtp` line of a format wins.
    public var codecs: [SDPCodec] {
        if case .parsed(let body, let lines) = storage,
            let codecs = SDPMediaLine.codecs(
                body,
                mLine: lines.lowerBound,
                rest: (lines.lowerBound + 1)..<lines.upperBound
            )
        {
            return codecs
        }
        return builtCodecs
    }

    /// The ``SDPCodec/name`` of each of ``codecs``, in order, without making the codecs (no
    /// `a=fmtp` parameters are read): what a call summary lists (RFC 3264 section 5.1 order).
    public var codecNames: [String] {
        if case .parsed(let body, let lines) = storage,
            let names = SDPMediaLine.codecNames(
                body,
                mLine: lines.lowerBound,
                rest: (lines.lowerBound + 1)..<lines.upperBound
            )
        {
            return names
        }
        return builtCodecs.map(\.name)
    }

    /// ``codecs`` from the decoded attributes, for descriptions built in code and for parsed
    /// ones with many `a=rtpmap` or `a=fmtp` lines.
    private var builtCodecs: [SDPCodec] {
        let formats = formats
        let decodedAttributes = decodedAttributes.decodedValues
        // Read in place: a local copy of the attributes would retain each of their arrays.
        let isRTP = isRTP
        // An m= line may list thousands of formats: past a handful of lines, look-up tables
        // built once replace the scan of the lines per format (formats times lines).
        let isLarge = decodedAttributes.rtpMaps.count > 8 || decodedAttributes.fmtpFormats.count > 8
        var maps: [Int: SDPRTPMap] = [:]
        var parameters: [String: String] = [:]
        if isLarge {
            for map in decodedAttributes.rtpMaps where maps[map.payloadType] == nil { maps[map.payloadType] = map }
            for (format, text) in zip(decodedAttributes.fmtpFormats, decodedAttributes.fmtpParameters)
            where parameters[format] == nil {
                parameters[format] = text
            }
        }
        var result: [SDPCodec] = []
        result.reserveCapacity(formats.count)
        for format in formats {
            let payloadType = isRTP ? SDPText.decimal(format.utf8, maximum: 127) : nil
            var formatParameters: String?
            if isLarge {
                formatParameters = parameters[format]
            } else if let index = decodedAttributes.fmtpFormats.firstIndex(of: format),
                decodedAttributes.fmtpParameters.indices.contains(index)
            {
                formatParameters = decodedAttributes.fmtpParameters[index]
            }
            let map = payloadType.flatMap { type in
                isLarge ? maps[type] : decodedAttributes.rtpMaps.first { $0.payloadType == type }
            }
            result.append(
                SDPCodec.describing(format: format, payloadType: payloadType, rtpMap: map, parameters: formatParameters)
            )
        }
        return result
    }

    /// `audio 49170 RTP/AVP 0 8 101`.
    public var description: String { "m=\(line)" }

    /// The properties, as a synthesized mirror would list stored ones: a parsed description's
    /// storage is the body's bytes, which dumps must not show (they may hold keys).
    public var customMirror: Mirror {
        let fields = fields
        return Mirror(
            self,
            children: [
                "mediaType": fields.mediaType, "port": fields.port as Any, "portCount": fields.portCount as Any,
                "transportProtocol": fields.transportProtocol, "formats": fields.formats, "line": fields.line,
                "information": fields.information as Any, "connections": fields.connections,
                "bandwidths": fields.bandwidths, "keyMethod": fields.keyMethod as Any,
                "decodedAttributes": fields.decodedAttributes,
            ],
            displayStyle: .struct
        )
    }

    public static func == (lhs: SDPMedia, rhs: SDPMedia) -> Bool {
        if case .parsed(let leftBody, let leftLines) = lhs.storage,
            case .parsed(let rightBody, let rightLines) =
                rhs.storage, leftBody === rightBody, leftLines == rightLines
        {
            return true
        }
        return lhs.fields == rhs.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields)
    }

    /// Checks an `m=` value, noting what ``SDPMediaFields/parse(_:offset:notes:)`` would.
    static func check(_ value: SDPBytes, offset: Int, notes: inout [SIPParseNote]) {
        _ = SDPMediaLine.scan(value, offset: offset, notes: &notes)
    }
}
