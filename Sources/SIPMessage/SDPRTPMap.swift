/// An `a=rtpmap:` attribute: what an RTP payload type number means
/// (RFC 8866 section 6.6; `<payload type> <encoding name>/<clock rate>[/<encoding parameters>]`).
public struct SDPRTPMap: Hashable, Sendable, CustomStringConvertible {
    /// RTP payload type, 0 to 127 (RFC 3550 section 5.1).
    public var payloadType: Int
    /// Encoding name as written, e.g. `PCMU`, `telephone-event`, `opus`.
    public var encodingName: String
    /// Clock rate in Hz. Required by RFC 8866 section 6.6, but old stacks (and RFC 4475's
    /// `a=rtpmap:31 LPC`) omit it, so it is optional here and its absence is noted.
    public var clockRate: Int?
    /// For audio, the number of channels (RFC 8866 section 6.6: the encoding parameters).
    public var channels: Int?

    public init(payloadType: Int, encodingName: String, clockRate: Int?, channels: Int? = nil) {
        self.payloadType = payloadType
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.channels = channels
    }

    /// `PCMU/8000`, `opus/48000/2`, or just the name when the clock rate is missing.
    public var description: String {
        var text = encodingName
        if let clockRate { text += "/\(clockRate)" }
        if let channels { text += "/\(channels)" }
        return text
    }

    /// What ``fields(_:)`` reads: the payload type, the encoding name's bytes, the clock rate and
    /// the channel count.
    typealias Fields = (payloadType: Int, name: SDPBytes, clockRate: Int?, channels: Int?)

    /// Parses the value of an `a=rtpmap` attribute. Leading white space (`a=rtpmap: 3 GSM/8000`,
    /// seen in Kamailio's test messages) is tolerated; fields after the encoding are ignored.
    static func parse(_ value: SDPBytes) throws(SIPParseError) -> SDPRTPMap {
        let fields = try fields(value)
        return SDPRTPMap(
            payloadType: fields.payloadType,
            encodingName: SDPText.token(fields.name),
            clockRate: fields.clockRate,
            channels: fields.channels
        )
    }

    /// The fields of an `a=rtpmap` value, checked as ``parse(_:)`` does (the same errors)
    /// without making the encoding name's String: what the SDP parser runs on every line.
    static func fields(
        _ value: SDPBytes
    ) throws(SIPParseError) -> (payloadType: Int, name: SDPBytes, clockRate: Int?, channels: Int?) {
        if let fields = commonFields(value) { return fields }
        return try checkedFields(value)
    }

    /// The fields of the usual shape, `<pt> <name>[/<rate>[/<channels>]]` with short numbers, read
    /// in one pass; `nil` for anything else, which ``checkedFields(_:)`` reads (or rejects) with
    /// the same result. Numbers here have at most 3 or 9 digits, so they cannot overflow.
    static func commonFields(
        _ value: SDPBytes
    ) -> (payloadType: Int, name: SDPBytes, clockRate: Int?, channels: Int?)? {
        let base = value.base
        let end = value.endIndex
        var position = value.startIndex
        // Unchecked reads of `base` below: every index read is checked against `end` first, and
        // a Slice's bounds always lie within its base buffer.
        while position < end, SDPText.isBlank(base[position]) { position += 1 }
        guard let payloadType = number(value, &position, maximumDigits: 3), payloadType <= 127,
            position < end, SDPText.isBlank(base[position])
        else { return nil }
        while position < end, SDPText.isBlank(base[position]) { position += 1 }
        let nameStart = position
        while position < end, base[position] != 0x2F, !SDPText.isBlank(base[position]) { position += 1 }
        guard position > nameStart else { return nil }
        let name = value[nameStart..<position]
        var clockRate: Int?
        var channels: Int?
        if position < end, base[position] == 0x2F {
            position += 1
            guard let rate = number(value, &position, maximumDigits: 9), rate > 0 else { return nil }
            clockRate = rate
            if position < end, base[position] == 0x2F {
                position += 1
                guard let count = number(value, &position, maximumDigits: 3), count > 0, count <= 255 else {
                    return nil
                }
                channels = count
            }
        }
        guard position == end || SDPText.isBlank(base[position]) else { return nil }
        return (payloadType, name, clockRate, channels)
    }

    /// The decimal number at `position` of 1 to `maximumDigits` digits, moving past it; `nil` when
    /// there is none or it is longer.
    private static func number(_ value: SDPBytes, _ position: inout Int, maximumDigits: Int) -> Int? {
        let base = value.base
        let start = position
        var number = 0
        // Unchecked reads of `base`: `position` is checked against the slice's end first, and
        // callers keep it at or after the slice's start.
        while position < value.endIndex, position >= value.startIndex {
            let digit = base[position] &- 0x30
            guard digit <= 9 else { break }
            guard position - start < maximumDigits else { return nil }
            // At most 9 digits (`maximumDigits`): far below Int.max.
            number = number &* 10 &+ Int(digit)
            position += 1
        }
        return position > start ? number : nil
    }

    /// ``fields(_:)`` field by field, with an error naming what is wrong.
    static func checkedFields(
        _ value: SDPBytes
    ) throws(SIPParseError) -> (payloadType: Int, name: SDPBytes, clockRate: Int?, channels: Int?) {
        var position = value.startIndex
        let typeField = SDPText.nextField(value, from: &position)
        guard let typeField, let encoding = SDPText.nextField(value, from: &position),
            let payloadType = SDPText.decimal(typeField, maximum: 127)
        else {
            throw SIPParseError(
                .invalidBody,
                "rtpmap '\(SDPText.string(value))' is not <payload type 0-127> <encoding>/<clock rate> "
                    + "(RFC 8866 section 6.6)"
            )
        }
        // <encoding name>[/<clock rate>[/<channels>]]: at most two slashes.
        guard let (name, rateText, channelText) = SDPText.slashParts(encoding), !name.isEmpty else {
            throw SIPParseError(
                .invalidBody,
                "rtpmap '\(SDPText.string(value))' has no encoding name (RFC 8866 section 6.6)"
            )
        }
        var clockRate: Int?
        if let rateText {
            guard let rate = SDPText.decimal(rateText), rate > 0 else {
                throw SIPParseError(
                    .invalidBody,
                    "rtpmap clock rate '\(SDPText.string(rateText))' is not a positive number (RFC 8866 section 6.6)"
                )
            }
            clockRate = rate
        }
        var channels: Int?
        if let channelText {
            guard let count = SDPText.decimal(channelText, maximum: 255), count > 0 else {
                throw SIPParseError(
                    .invalidBody,
                    "rtpmap channel count '\(SDPText.string(channelText))' is not a number in 1...255 "
                        + "(RFC 8866 section 6.6)"
                )
            }
            channels = count
        }
        return (payloadType, name, clockRate, channels)
    }
}
