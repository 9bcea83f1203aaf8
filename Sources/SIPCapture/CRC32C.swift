/// CRC-32C (Castagnoli), the SCTP packet checksum of RFC 9260 section 6.8 and appendix A.
///
/// Reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF. The check value
/// of the ASCII digits "123456789" is 0xE3069283.
enum CRC32C {
    /// One entry per byte value: the CRC of that byte, for byte-at-a-time updates.
    private static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 {
            crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1
        }
        return crc
    }

    /// The CRC-32C of `bytes`.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        table.withUnsafeBufferPointer { table in
            var crc: UInt32 = 0xffff_ffff
            for byte in bytes {
                // The index is masked to 0...255, always inside the 256-entry table.
                crc = table[Int((crc ^ UInt32(byte)) & 0xff)] ^ (crc >> 8)
            }
            return ~crc
        }
    }

    /// The CRC-32C of an array (or a slice of one).
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }
}
