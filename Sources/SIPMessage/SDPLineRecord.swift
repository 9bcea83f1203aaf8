/// Where one `<type>=<value>` line of a parsed SDP body is (RFC 8866 section 5), as
/// ``SDPSessionParser`` records it: the value's bounds in the body and, for `a=` lines, which
/// known attribute it is. Values are read from these positions when a property is asked for, so
/// parsing makes no String and no array per line.
struct SDPLineRecord: Hashable, Sendable {
    /// The value's first byte, counted from the body's first byte.
    var start: Int
    /// One past the value's last byte (before CR LF), counted from the body's first byte.
    var end: Int
    /// The line type letter (`v`, `o`, `m`, `a`, ...).
    var type: UInt8
    /// For `a=` lines, the ``SDPDecodedAttributes/Kind`` raw value of a known name (in any
    /// case), else ``unknownKind``.
    var kind: UInt8 = SDPLineRecord.unknownKind
    /// For an `a=rtpmap` line that parses, its payload type (0 to 127); for an `a=fmtp` line whose
    /// format is a payload type as ``SDPText/payloadType(_:)`` reads it, that number; else
    /// ``unknownKind``. Codecs find their lines by it without reading every line again.
    var payloadType: UInt8 = SDPLineRecord.unknownKind
    /// Whether the parse recorded the part below (``part``, ``channels``, ``clockRate``): for an
    /// `a=rtpmap` line that parses, and an `a=fmtp` line with a value, when the offsets fit.
    var hasPart = false
    /// For an `a=rtpmap` line, its channel count (1 to 255), 0 when none is given.
    var channels: UInt8 = 0
    /// Where the part starts, counted from ``start``: the encoding name of an `a=rtpmap` line,
    /// the parameters of an `a=fmtp` line (trimmed, RFC 8866 section 6.15).
    var partStart: UInt16 = 0
    /// Where the part ends, counted from ``start``.
    var partEnd: UInt16 = 0
    /// For an `a=rtpmap` line, its clock rate (RFC 8866 section 6.6), 0 when none is given.
    var clockRate: UInt32 = 0

    /// The part of the value the parse recorded (see ``hasPart``), as a range of the body.
    var part: Range<Int>? {
        guard hasPart else { return nil }
        return (start + Int(partStart))..<(start + Int(partEnd))
    }

    /// Records `part` (a range of the body inside this line's value) when its offsets fit.
    mutating func record(part: Range<Int>) {
        guard let partStart = UInt16(exactly: part.lowerBound - start),
            let partEnd = UInt16(exactly: part.upperBound - start)
        else { return }
        self.partStart = partStart
        self.partEnd = partEnd
        hasPart = true
    }

    /// The `kind` of lines that are not known attributes.
    static let unknownKind: UInt8 = 0xFF

    /// `a`, `m`, `c`, `b`, `i`, `k`: the line types the levels below read.
    static let attribute: UInt8 = 0x61
    static let media: UInt8 = 0x6D
    static let connection: UInt8 = 0x63
    static let bandwidth: UInt8 = 0x62
    static let information: UInt8 = 0x69
    static let key: UInt8 = 0x6B
}
