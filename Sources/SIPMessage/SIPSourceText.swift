/// Text a parsed value keeps as written (a URI's `raw` and `opaque`, an address's or Via's `raw`),
/// held as the message bytes it came from until someone asks for the String.
///
/// Parsing a message's typed headers would otherwise copy most of the header section into
/// Strings that are rarely read: this is the largest allocation cost of a full parse. Values
/// built in code hold their String. Equality and hashing are those of the String, so that a
/// value compares the same however it was made (RFC 3261 section 19.1.4 equivalence is
/// ``SIPURI/isEquivalent(to:)``, not this).
struct SIPSourceText: Hashable, Sendable {
    private enum Storage: Sendable {
        case string(String)
        case bytes(ArraySlice<UInt8>)
    }

    private var storage: Storage

    /// Text given as a String.
    init(_ string: String) {
        storage = .string(string)
    }

    /// Text of message bytes, decoded as UTF-8 (invalid bytes become U+FFFD) when read.
    init(bytes: ArraySlice<UInt8>) {
        // Up to 15 bytes a String is stored inline without allocating, and holding it rather
        // than the slice does not keep the whole message alive.
        storage = bytes.count <= 15 ? .string(String(decoding: bytes, as: UTF8.self)) : .bytes(bytes)
    }

    /// The text; made from the bytes on each read when it came from a message.
    var string: String {
        switch storage {
        case .string(let string): string
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    static func == (lhs: SIPSourceText, rhs: SIPSourceText) -> Bool {
        lhs.string == rhs.string
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(string)
    }
}
