/// Random access to the bytes a start line is matched against, so that the same matcher
/// reads plain stream bytes and masked WebSocket payloads (RFC 6455 section 5.3) without
/// unmasking them into a copy first.
protocol StartLineBytes {
    /// How many bytes can be read.
    var count: Int { get }
    /// The byte at `index`; callers stay within `0..<count`, and out of range reads give 0.
    func byte(at index: Int) -> UInt8
}

/// Bytes read as they are.
struct PlainStartLineBytes: StartLineBytes {
    let bytes: UnsafeRawBufferPointer

    var count: Int { bytes.count }

    @inline(__always)
    func byte(at index: Int) -> UInt8 {
        bytes.u8(at: index) ?? 0
    }
}

/// Bytes of a masked WebSocket payload, unmasked on read: byte `i` is XORed with byte
/// `i mod 4` of the masking key (RFC 6455 section 5.3).
struct MaskedStartLineBytes: StartLineBytes {
    let bytes: UnsafeRawBufferPointer
    /// The masking key, first key byte in the most significant position.
    let key: UInt32

    var count: Int { bytes.count }

    @inline(__always)
    func byte(at index: Int) -> UInt8 {
        let shift = UInt32(24 - 8 * (index & 3))
        return (bytes.u8(at: index) ?? 0) ^ UInt8(truncatingIfNeeded: key >> shift)
    }
}
