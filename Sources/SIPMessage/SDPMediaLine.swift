/// An `m=` value read without making Strings (RFC 8866 section 5.14):
/// `<media> <port>[/<number of ports>] <proto> <fmt> ...`. The SDP parser checks every `m=` line
/// with it, and a parsed ``SDPMedia`` reads its fields through it.
struct SDPMediaLine {
    /// The whole value.
    let value: SDPBytes
    /// The first field.
    var mediaType: SDPBytes?
    /// The port, when the line has a port and a protocol and the port is a number in 0...65535.
    var port: Int?
    /// The number after the port's `/`, when valid.
    var portCount: Int?
    /// The third field.
    var proto: SDPBytes?
    /// Where the formats start in `value`.
    var formatsStart: Int

    /// The formats as text: a payload type's stored text when it is one, else the bytes decoded.
    var formatTexts: [String] {
        var position = formatsStart
        var formats: [String] = []
        // The exact count, so the array is allocated once.
        formats.reserveCapacity(SDPText.fieldCount(value[min(formatsStart, value.endIndex)...]))
        while let format = SDPText.nextField(value, from: &position) { formats.append(SDPText.format(format)) }
        return formats
    }

    /// The first three fields of an `m=` value and the port as ``scan(_:offset:notes:)`` reads
    /// them, without checking the formats: what the single-property reads need.
    static func head(_ value: SDPBytes) -> (mediaType: SDPBytes?, port: Int?, portCount: Int?, proto: SDPBytes?) {
        var position = value.startIndex
        let mediaType = SDPText.nextField(value, from: &position)
        let portField = SDPText.nextField(value, from: &position)
        let proto = SDPText.nextField(value, from: &position)
        // As in `scan`: no port without a protocol after it.
        guard let portField, proto != nil else { return (mediaType, nil, nil, proto) }
        let (portText, countText) = SDPText.splitOnce(portField, at: 0x2F)
        let count = countText.flatMap { SDPText.decimal($0, maximum: 65535) }
        return (mediaType, SDPText.decimal(portText, maximum: 65535), count == 0 ? nil : count, proto)
    }

    /// Reads an `m=` value. Never fails: problems go to `notes` (with `offset`), so that a
    /// malformed line still makes a media description and later lines stay attached to it.
    static func scan(_ value: SDPBytes, offset: Int?, notes: inout [SIPParseNote]) -> SDPMediaLine {
        var position = value.startIndex
        let mediaType = SDPText.nextField(value, from: &position)
        let portField = SDPText.nextField(value, from: &position)
        let proto = SDPText.nextField(value, from: &position)
        var line = SDPMediaLine(value: value, mediaType: mediaType, proto: proto, formatsStart: position)
        var formatCount = 0
        var badFormat: SDPBytes?
        let isRTP = proto.map { SDPMedia.isRTP($0) } ?? false
        while let format = SDPText.nextField(value, from: &position) {
            if isRTP, badFormat == nil, SDPText.decimal(format, maximum: 127) == nil { badFormat = format }
            formatCount += 1
        }
        guard let portField, proto != nil else {
            notes.append(
                SIPParseNote(
                    .invalidBody,
                    "m= needs <media> <port> <proto> <fmt>..., found \(SDPText.fieldCount(value)) fields "
                        + "(RFC 8866 section 5.14)",
                    offset: offset
                )
            )
            return line
        }
        if formatCount == 0 {
            notes.append(SIPParseNote(.invalidBody, "m= lists no format (RFC 8866 section 5.14)", offset: offset))
        }
        let (portText, countText) = SDPText.splitOnce(portField, at: 0x2F)
        line.port = SDPText.decimal(portText, maximum: 65535)
        if line.port == nil {
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
                line.portCount = count
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
        return line
    }
}
