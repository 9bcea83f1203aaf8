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
    /// Media-level `a=` lines in order, with the known ones decoded (RFC 8866 section 5.13).
    public internal(set) var decodedAttributes: SDPDecodedAttributes

    /// Media-level `a=` lines in order. Setting them decodes them again.
    public var attributes: [SDPAttribute] {
        get { decodedAttributes.attributes }
        set { decodedAttributes = SDPDecodedAttributes(newValue) }
    }

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
        if let line {
            self.line = line
        } else {
            var portText = port.map(String.init) ?? "?"
            if let portCount { portText += "/\(portCount)" }
            self.line = ([mediaType, portText, transportProtocol] + formats).joined(separator: " ")
        }
        self.information = information
        self.connections = connections
        self.bandwidths = bandwidths
        self.keyMethod = keyMethod
        self.decodedAttributes = SDPDecodedAttributes(attributes)
    }

    /// Port 0: the stream is rejected (in an answer) or disabled (RFC 3264 section 6).
    public var isRejected: Bool { port == 0 }

    /// Whether the protocol is RTP based (`RTP/AVP`, `RTP/SAVP`, `UDP/TLS/RTP/SAVPF`, ...), so
    /// formats are payload types (RFC 8866 section 5.14).
    public var isRTP: Bool { Self.isRTP(transportProtocol.utf8) }

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
            // Each codec is made in place in the array: a local one would be copied in.
            if let payloadType, let map {
                result.append(
                    SDPCodec(
                        format: format,
                        payloadType: payloadType,
                        encodingName: map.encodingName,
                        clockRate: map.clockRate,
                        channels: map.channels,
                        parameters: formatParameters
                    )
                )
            } else if let payloadType, var known = SDPCodec.staticPayloadType(payloadType) {
                known.format = format
                known.parameters = formatParameters
                result.append(known)
            } else {
                result.append(
                    SDPCodec(
                        format: format,
                        payloadType: payloadType,
                        encodingName: nil,
                        clockRate: nil,
                        parameters: formatParameters
                    )
                )
            }
        }
        return result
    }

    /// `audio 49170 RTP/AVP 0 8 101`.
    public var description: String { "m=\(line)" }

    /// Parses an `m=` value. Never throws: a media description is always made, and problems go
    /// to `notes`, so later lines stay attached to the right stream.
    static func parse(_ value: SDPBytes, offset: Int, notes: inout [SIPParseNote]) -> SDPMedia {
        var position = value.startIndex
        let mediaType = SDPText.nextField(value, from: &position)
        let portField = SDPText.nextField(value, from: &position)
        let proto = SDPText.nextField(value, from: &position)
        var formats: [String] = []
        // The exact count, so the array is allocated once.
        formats.reserveCapacity(SDPText.fieldCount(value[position...]))
        var badFormat: SDPBytes?
        let isRTP = proto.map { Self.isRTP($0) } ?? false
        while let format = SDPText.nextField(value, from: &position) {
            if isRTP, badFormat == nil, SDPText.decimal(format, maximum: 127) == nil { badFormat = format }
            formats.append(SDPText.format(format))
        }
        var media = SDPMedia(
            mediaType: mediaType.map(SDPText.token) ?? "",
            port: nil,
            transportProtocol: proto.map(SDPText.token) ?? "",
            formats: formats,
            line: SDPText.string(value)
        )
        guard let portField, proto != nil else {
            notes.append(
                SIPParseNote(
                    .invalidBody,
                    "m= needs <media> <port> <proto> <fmt>..., found \(SDPText.fieldCount(value)) fields "
                        + "(RFC 8866 section 5.14)",
                    offset: offset
                )
            )
            return media
        }
        if formats.isEmpty {
            notes.append(
                SIPParseNote(.invalidBody, "m= lists no format (RFC 8866 section 5.14)", offset: offset)
            )
        }
        let (portText, countText) = SDPText.splitOnce(portField, at: 0x2F)
        if let port = SDPText.decimal(portText, maximum: 65535) {
            media.port = port
        } else {
            notes.append(
                SIPParseNote(
                    .invalidBody,
                    "m= port '\(SDPText.string(portText))' is not a number in 0...65535 (RFC 8866 section 5.14)",
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
                        "m= port count '\(SDPText.string(countText))' is not a number in 1...65535 "
                            + "(RFC 8866 section 5.14)",
                        offset: offset
                    )
                )
            }
        }
        if let badFormat {
            notes.append(
                SIPParseNote(
                    .invalidBody,
                    "m= format '\(SDPText.string(badFormat))' is not an RTP payload type 0-127 (RFC 8866 section 5.14)",
                    offset: offset
                )
            )
        }
        return media
    }
}
