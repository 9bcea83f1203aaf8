/// A media description: an `m=` line and the `i=`, `c=`, `b=`, `k=` and `a=` lines after it
/// (RFC 8866 sections 5 and 5.14).
///
/// `m=<media> <port>[/<number of ports>] <proto> <fmt> ...`. A malformed `m=` line still makes a
/// media description (with the fields that could be read), so the lines after it are not
/// mistaken for session-level ones.
public struct SDPMedia: Hashable, Sendable, SDPAttributeContainer, CustomStringConvertible {
    /// `audio`, `video`, `text`, `application`, `message`, `image`, ... as written.
    public var mediaType: String
    /// The transport port, 0 to 65535; 0 means the stream is rejected or disabled
    /// (RFC 3264 section 6). `nil` when the `m=` line's port is not a valid port.
    public var port: Int?
    /// The number of ports after `/` (RFC 8866 section 5.14), when given.
    public var portCount: Int?
    /// The transport protocol, e.g. `RTP/AVP`, `RTP/SAVP`, `UDP/TLS/RTP/SAVPF`, `udptl`.
    public var transportProtocol: String
    /// The formats: RTP payload type numbers, or other format names for non-RTP protocols.
    public var formats: [String]
    /// The `m=` line's value as written.
    public var line: String
    /// `i=`: media title (RFC 8866 section 5.4).
    public var information: String?
    /// `c=` lines at media level (RFC 8866 section 5.7; several are allowed for multicast).
    public var connections: [SDPConnection]
    /// `b=` lines at media level.
    public var bandwidths: [SDPBandwidth]
    /// The method of a media-level `k=` line (`clear`, `base64`, `uri`, `prompt`), without the key
    /// itself, which is secret (RFC 8866 section 5.12, obsolete).
    public var keyMethod: String?
    /// Media-level `a=` lines in order.
    public var attributes: [SDPAttribute]

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
        self.mediaType = mediaType
        self.port = port
        self.portCount = portCount
        self.transportProtocol = transportProtocol
        self.formats = formats
        var portText = port.map(String.init) ?? "?"
        if let portCount { portText += "/\(portCount)" }
        self.line = line ?? ([mediaType, portText, transportProtocol] + formats).joined(separator: " ")
        self.information = information
        self.connections = connections
        self.bandwidths = bandwidths
        self.keyMethod = keyMethod
        self.attributes = attributes
    }

    /// Port 0: the stream is rejected (in an answer) or disabled (RFC 3264 section 6).
    public var isRejected: Bool { port == 0 }

    /// Whether the protocol is RTP based (`RTP/AVP`, `RTP/SAVP`, `UDP/TLS/RTP/SAVPF`, ...), so
    /// formats are payload types (RFC 8866 section 5.14).
    public var isRTP: Bool {
        transportProtocol.uppercased().split(separator: "/").contains("RTP")
    }

    /// The formats that are RTP payload type numbers (0 to 127).
    public var payloadTypes: [Int] {
        formats.compactMap { SDPText.decimal($0, maximum: 127) }
    }

    /// The codecs offered, in preference order (RFC 3264 section 5.1): from `a=rtpmap` when
    /// present, else from RFC 3551's static table for RTP, with `a=fmtp` parameters attached.
    public var codecs: [SDPCodec] {
        // Look-up tables built once: an m= line may list thousands of formats, so a scan of
        // the attributes per format would cost formats times attributes. The first line wins.
        var maps: [Int: SDPRTPMap] = [:]
        for map in rtpMaps where maps[map.payloadType] == nil { maps[map.payloadType] = map }
        var parameters: [Substring: String] = [:]
        for attribute in attributes(named: "fmtp") {
            guard let value = attribute.value else { continue }
            let (format, rest) = SDPText.splitOnce(SDPText.trimmed(value[...]), at: " ")
            if parameters[format] == nil { parameters[format] = rest.map { String(SDPText.trimmed($0)) } ?? "" }
        }
        return formats.map { format in
            let payloadType = isRTP ? SDPText.decimal(format, maximum: 127) : nil
            var codec: SDPCodec
            if let payloadType, let map = maps[payloadType] {
                codec = SDPCodec(
                    format: format,
                    payloadType: payloadType,
                    encodingName: map.encodingName,
                    clockRate: map.clockRate,
                    channels: map.channels
                )
            } else if let payloadType, let known = SDPCodec.staticPayloadType(payloadType) {
                codec = known
                codec.format = format
            } else {
                codec = SDPCodec(format: format, payloadType: payloadType, encodingName: nil, clockRate: nil)
            }
            codec.parameters = parameters[format[...]]
            return codec
        }
    }

    /// `audio 49170 RTP/AVP 0 8 101`.
    public var description: String { "m=\(line)" }

    /// Parses an `m=` value. Never throws: a media description is always made, and problems go
    /// to `notes`, so later lines stay attached to the right stream.
    static func parse(_ value: Substring, offset: Int, notes: inout [SIPParseNote]) -> SDPMedia {
        let fields = SDPText.fields(value)
        var media = SDPMedia(
            mediaType: fields.first.map(String.init) ?? "",
            port: nil,
            transportProtocol: fields.count > 2 ? String(fields[2]) : "",
            formats: fields.dropFirst(3).map(String.init),
            line: String(value)
        )
        guard fields.count >= 3 else {
            notes.append(
                SIPParseNote(
                    .invalidBody,
                    "m= needs <media> <port> <proto> <fmt>..., found \(fields.count) fields (RFC 8866 section 5.14)",
                    offset: offset
                )
            )
            return media
        }
        if fields.count == 3 {
            notes.append(
                SIPParseNote(.invalidBody, "m= lists no format (RFC 8866 section 5.14)", offset: offset)
            )
        }
        let (portText, countText) = SDPText.splitOnce(fields[1], at: "/")
        if let port = SDPText.decimal(portText, maximum: 65535) {
            media.port = port
        } else {
            notes.append(
                SIPParseNote(
                    .invalidBody,
                    "m= port '\(portText)' is not a number in 0...65535 (RFC 8866 section 5.14)",
                    offset: offset
                )
            )
        }
        if let countText {
            if let count = SDPText.decimal(countText, maximum: 65535), count > 0 {
                media.portCount = count
            } else {
                notes.append(
                    SIPParseNote(
                        .invalidBody,
                        "m= port count '\(countText)' is not a number in 1...65535 (RFC 8866 section 5.14)",
                        offset: offset
                    )
                )
            }
        }
        if media.isRTP, let bad = media.formats.first(where: { SDPText.decimal($0, maximum: 127) == nil }) {
            notes.append(
                SIPParseNote(
                    .invalidBody,
                    "m= format '\(bad)' is not an RTP payload type 0-127 (RFC 8866 section 5.14)",
                    offset: offset
                )
            )
        }
        return media
    }
}
