/// CRC-32 as zip uses it (PKWARE APPNOTE.TXT section 4.4.7): the IEEE 802.3 polynomial
/// 0x04C11DB7 in its reflected form 0xEDB88320, initial value and final XOR 0xFFFFFFFF.
public enum CRC32 {
    /// The checksum of `bytes`.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return crc ^ 0xFFFF_FFFF
    }

    /// One entry per byte value: the register after shifting that byte through (Sarwate's
    /// table-driven method, eight times faster than bit by bit).
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }
}
