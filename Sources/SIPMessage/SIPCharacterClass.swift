/// A set of ASCII bytes as two 64-bit masks: membership is a shift and a test, with no table
/// in memory and no call, for the per-byte checks of the URI and header grammars.
///
/// The masks are the character sets of RFC 3261 section 25.1 (and RFC 3986 section 2 for
/// URIs of other schemes), spelled out in the documentation of each class; bytes of 0x80
/// and above are in none.
struct SIPCharacterClass: Sendable {
    /// Bytes 0x00 to 0x3F: bit `n` is byte `n`.
    let low: UInt64
    /// Bytes 0x40 to 0x7F: bit `n` is byte `0x40 + n`.
    let high: UInt64

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        byte < 0x40 ? (low >> UInt64(byte)) & 1 != 0 : byte < 0x80 ? (high >> UInt64(byte &- 0x40)) & 1 != 0 : false
    }

    /// `unreserved = alphanum / mark`, `mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"`.
    static let unreserved = SIPCharacterClass(low: 0x03FF_6782_0000_0000, high: 0x47FF_FFFE_87FF_FFFE)
    /// `user`: unreserved / `& = + $ , ; ? /` (escapes are checked apart).
    static let user = SIPCharacterClass(low: 0xABFF_FFD2_0000_0000, high: 0x47FF_FFFE_87FF_FFFE)
    /// `password`: unreserved / `& = + $ ,`.
    static let password = SIPCharacterClass(low: 0x23FF_7FD2_0000_0000, high: 0x47FF_FFFE_87FF_FFFE)
    /// `paramchar`: unreserved / `[ ] / : & + $`.
    static let uriParameter = SIPCharacterClass(low: 0x07FF_EFD2_0000_0000, high: 0x47FF_FFFE_AFFF_FFFE)
    /// `hname` / `hvalue`: unreserved / `[ ] / ? : + $`.
    static let uriHeader = SIPCharacterClass(low: 0x87FF_EF92_0000_0000, high: 0x47FF_FFFE_AFFF_FFFE)
    /// An opaque URI of another scheme (RFC 3986 section 2): reserved and unreserved characters.
    static let opaque = SIPCharacterClass(low: 0xAFFF_FFDA_0000_0000, high: 0x47FF_FFFE_AFFF_FFFF)
    /// `token`: alphanumerics and `- . ! % * _ + ` ' ~`.
    static let token = SIPCharacterClass(low: 0x03FF_6CA2_0000_0000, high: 0x47FF_FFFF_87FF_FFFE)
    /// `word`: token characters and `( ) < > : \ " / [ ] ? { }`.
    static let word = SIPCharacterClass(low: 0xD7FF_EFA6_0000_0000, high: 0x6FFF_FFFF_BFFF_FFFE)
}
