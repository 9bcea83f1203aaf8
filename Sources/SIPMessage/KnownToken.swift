/// The method names and option tags that fill most start lines and Allow, Supported and
/// Require headers, recognised from their bytes so that they become String literals: a
/// comparison or two where making a String validates and copies the bytes.
enum KnownToken {
    /// The literal spelling the `count` bytes at `start` of `buffer` exactly (case-sensitive:
    /// methods are, RFC 3261 section 7.1), or `nil`. The caller keeps `start + count` within
    /// the buffer.
    static func literal(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, count: Int) -> String? {
        guard count >= 1, count <= 8, start >= 0, count <= buffer.count - start else { return nil }
        return literal(count: count, packed: packed(buffer, start, count))
    }

    /// The `count` (1 to 8) bytes at `start` as one little-endian integer, the first in the low
    /// byte: one load when eight bytes are there to read, else one byte at a time.
    @inline(__always)
    private static func packed(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> UInt64 {
        if start + 8 <= buffer.count, let address = buffer.baseAddress {
            // The eight bytes at start..<start + 8 are inside the buffer (checked just above).
            let word = UInt64(littleEndian: UnsafeRawPointer(address + start).loadUnaligned(as: UInt64.self))
            // `count` is 1 to 8: the shift is 0 to 56 bits.
            return count == 8 ? word : word & ((1 &<< UInt64(count &* 8)) &- 1)
        }
        var packed: UInt64 = 0
        // `start + index` is below start + count, within the buffer (the guard in literal(_:start:count:)).
        for index in 0..<count { packed |= UInt64(buffer[start + index]) &<< UInt64(index &* 8) }
        return packed
    }

    /// The method names (RFC 3261 section 7.1 and the methods of later RFCs) and option tags
    /// (RFC 3262, 4028, 3891, 5626, 5627, 3327, 4538) that fill most Allow and Supported headers,
    /// as literals: found by length, then by their bytes packed by ``packed(_:_:_:)``,
    /// which costs a comparison or two where making a String validates and copies the bytes.
    private static func literal(count: Int, packed: UInt64) -> String? {
        switch count {
        case 3:
            switch packed {
            case 0x4B4341: "ACK"
            case 0x455942: "BYE"
            default: nil
            }
        case 4:
            switch packed {
            case 0x4F46_4E49: "INFO"
            case 0x6874_6170: "path"
            case 0x7575_7267: "gruu"
            default: nil
            }
        case 5:
            switch packed {
            case 0x4B_4341_5250: "PRACK"
            case 0x52_4546_4552: "REFER"
            case 0x72_656D_6974: "timer"
            default: nil
            }
        case 6:
            switch packed {
            case 0x6C65_7230_3031: "100rel"
            case 0x4C45_434E_4143: "CANCEL"
            case 0x4554_4956_4E49: "INVITE"
            case 0x5946_4954_4F4E: "NOTIFY"
            case 0x4554_4144_5055: "UPDATE"
            default: nil
            }
        case 7:
            switch packed {
            case 0x45_4741_5353_454D: "MESSAGE"
            case 0x53_4E4F_4954_504F: "OPTIONS"
            case 0x48_5349_4C42_5550: "PUBLISH"
            default: nil
            }
        case 8:
            switch packed {
            case 0x5245_5453_4947_4552: "REGISTER"
            case 0x7365_6361_6C70_6572: "replaces"
            case 0x646E_756F_6274_756F: "outbound"
            case 0x6F66_6E69_7473_6968: "histinfo"
            default: nil
            }
        default: nil
        }
    }
}
