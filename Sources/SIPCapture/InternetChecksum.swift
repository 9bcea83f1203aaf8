/// The Internet checksum of RFC 1071: the 16-bit one's complement of the one's complement sum
/// of the data taken as big-endian 16-bit words, used by IPv4 (RFC 791 section 3.1), UDP
/// (RFC 768) and TCP (RFC 9293 section 3.1).
///
/// Bytes can be added in several pieces of any length: an odd-length piece leaves its last
/// byte as the high half of a word that the next piece completes, which is what summing the
/// concatenation would do (RFC 1071 section 2 (B), the sum is independent of grouping).
struct InternetChecksum {
    /// The running sum, folded only at the end. A UInt64 holds 2^48 words before it could
    /// overflow, far more than any packet, so plain `&+` cannot wrap in practice.
    private var sum: UInt64 = 0
    /// Whether the bytes added so far have an odd count, so the next byte is a low half.
    private var odd = false

    /// An empty sum.
    init() {}

    /// Adds bytes in network order.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        let count = bytes.count
        if odd, count > 0 {
            sum &+= UInt64(bytes[0])
            index = 1
            odd = false
        }
        while index + 1 < count {
            sum &+= UInt64(bytes[index]) << 8 | UInt64(bytes[index + 1])
            index += 2
        }
        if index < count {
            sum &+= UInt64(bytes[index]) << 8
            odd = true
        }
    }

    /// Adds the bytes of an array (or a slice of one).
    mutating func add(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { add($0) }
    }

    /// Adds one big-endian 16-bit word; only valid on an even boundary, as pseudo-header
    /// fields always are.
    mutating func add(word: UInt16) {
        sum &+= UInt64(word)
    }

    /// Adds a 32-bit value as two big-endian words.
    mutating func add(doubleWord: UInt32) {
        sum &+= UInt64(doubleWord >> 16) &+ UInt64(doubleWord & 0xffff)
    }

    /// Adds an address as it appears in a pseudo-header (RFC 768, RFC 8200 section 8.1).
    mutating func add(address: IPAddress) {
        switch address {
        case .v4(let value):
            add(doubleWord: value)
        case .v6(let high, let low):
            add(doubleWord: UInt32(truncatingIfNeeded: high >> 32))
            add(doubleWord: UInt32(truncatingIfNeeded: high))
            add(doubleWord: UInt32(truncatingIfNeeded: low >> 32))
            add(doubleWord: UInt32(truncatingIfNeeded: low))
        }
    }

    /// The checksum to store: the complement of the folded sum.
    var value: UInt16 {
        var folded = sum
        while folded >> 16 != 0 {
            folded = (folded & 0xffff) &+ (folded >> 16)
        }
        return ~UInt16(truncatingIfNeeded: folded)
    }

    /// The checksum as UDP stores it: a computed 0 is sent as 0xFFFF, since 0 means
    /// "no checksum" (RFC 768; RFC 8200 section 8.1 makes it mandatory over IPv6).
    var udpValue: UInt16 {
        let checksum = value
        return checksum == 0 ? 0xffff : checksum
    }
}
