/// One format of a media description with what it means: from its `a=rtpmap`, or for a static
/// RTP payload type without one, from RFC 3551 section 6 (tables 4 and 5).
public struct SDPCodec: Hashable, Sendable, CustomStringConvertible {
    /// The format as written on the `m=` line (a payload type number for RTP).
    public var format: String
    /// The payload type, when the format is a number and the transport is RTP.
    public var payloadType: Int?
    /// Encoding name, e.g. `PCMU`; `nil` for a dynamic payload type without `a=rtpmap`.
    public var encodingName: String?
    /// Clock rate in Hz, when known.
    public var clockRate: Int?
    /// Number of audio channels, when stated (or 2 for the stereo static type 10).
    public var channels: Int?
    /// The `a=fmtp` parameters for this format (RFC 8866 section 6.15), as written.
    public var parameters: String?
    /// Whether the name comes from RFC 3551's static table rather than an `a=rtpmap`.
    public var isFromStaticTable: Bool

    public init(
        format: String,
        payloadType: Int?,
        encodingName: String?,
        clockRate: Int?,
        channels: Int? = nil,
        parameters: String? = nil,
        isFromStaticTable: Bool = false
    ) {
        self.format = format
        self.payloadType = payloadType
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.channels = channels
        self.parameters = parameters
        self.isFromStaticTable = isFromStaticTable
    }

    /// The codec of one `m=` format: named by its `a=rtpmap`, else by RFC 3551's static table,
    /// else only the format; `parameters` from its `a=fmtp` (RFC 8866 sections 6.6, 6.15).
    static func describing(
        format: String,
        payloadType: Int?,
        rtpMap map: SDPRTPMap?,
        parameters: String?
    ) -> SDPCodec {
        if let payloadType, let map {
            return SDPCodec(
                format: format,
                payloadType: payloadType,
                encodingName: map.encodingName,
                clockRate: map.clockRate,
                channels: map.channels,
                parameters: parameters
            )
        }
        if let payloadType, var known = staticPayloadType(payloadType) {
            known.format = format
            known.parameters = parameters
            return known
        }
        return SDPCodec(
            format: format,
            payloadType: payloadType,
            encodingName: nil,
            clockRate: nil,
            parameters: parameters
        )
    }

    /// `PCMU/8000`, `telephone-event/8000`, or the bare format when nothing is known.
    public var name: String {
        guard let encodingName else { return format }
        var text = encodingName
        if let clockRate { text += "/\(clockRate)" }
        if let channels, channels != 1 { text += "/\(channels)" }
        return text
    }

    public var description: String { payloadType.map { "\($0) \(name)" } ?? name }

    /// The RFC 3551 section 6 meaning of a static payload type (tables 4 and 5), `nil` for
    /// unassigned, reserved and dynamic (96 to 127) numbers. Types 1 and 2 were withdrawn.
    public static func staticPayloadType(_ payloadType: Int) -> SDPCodec? {
        let entry: (String, Int, Int?)
        switch payloadType {
        case 0: entry = ("PCMU", 8000, 1)
        case 3: entry = ("GSM", 8000, 1)
        case 4: entry = ("G723", 8000, 1)
        case 5: entry = ("DVI4", 8000, 1)
        case 6: entry = ("DVI4", 16000, 1)
        case 7: entry = ("LPC", 8000, 1)
        case 8: entry = ("PCMA", 8000, 1)
        case 9: entry = ("G722", 8000, 1)
        case 10: entry = ("L16", 44100, 2)
        case 11: entry = ("L16", 44100, 1)
        case 12: entry = ("QCELP", 8000, 1)
        case 13: entry = ("CN", 8000, 1)
        case 14: entry = ("MPA", 90000, nil)
        case 15: entry = ("G728", 8000, 1)
        case 16: entry = ("DVI4", 11025, 1)
        case 17: entry = ("DVI4", 22050, 1)
        case 18: entry = ("G729", 8000, 1)
        case 25: entry = ("CelB", 90000, nil)
        case 26: entry = ("JPEG", 90000, nil)
        case 28: entry = ("nv", 90000, nil)
        case 31: entry = ("H261", 90000, nil)
        case 32: entry = ("MPV", 90000, nil)
        case 33: entry = ("MP2T", 90000, nil)
        case 34: entry = ("H263", 90000, nil)
        default: return nil
        }
        return SDPCodec(
            format: SDPText.payloadTypeTexts.indices.contains(payloadType)
                ? SDPText.payloadTypeTexts[payloadType] : String(payloadType),
            payloadType: payloadType,
            encodingName: entry.0,
            clockRate: entry.1,
            channels: entry.2,
            isFromStaticTable: true
        )
    }
}
