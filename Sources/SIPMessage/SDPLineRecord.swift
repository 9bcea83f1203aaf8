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
