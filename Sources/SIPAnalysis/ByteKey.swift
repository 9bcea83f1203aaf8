/// Text read from a message, kept as its bytes: the analysis finds a message's call (by
/// Call-ID) and transaction (by Via branch and sent-by) with these, without making a String
/// per message. The identifiers compare byte by byte (RFC 3261 sections 20.8 and 17.2.3), which
/// for the ASCII they nearly always are is also how Strings compare.
struct ByteKey: Hashable {
    let bytes: ArraySlice<UInt8>

    /// A key over `bytes` as they are, for a lookup (it keeps the message alive only as long
    /// as the lookup).
    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    /// A key with its own copy of `bytes`, to store (it does not keep the message alive).
    init(copying bytes: ArraySlice<UInt8>) {
        self.bytes = ArraySlice(Array(bytes))
    }

    /// The UTF-8 of `text`, for the values only the typed parser reads.
    init(_ text: String) {
        bytes = ArraySlice(text.utf8)
    }

    /// This key with its own copy of the bytes.
    var owned: ByteKey { ByteKey(copying: bytes) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    func hasPrefix(_ prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { wanted in
            bytes.count >= wanted.count && Self.equal(wanted, bytes.prefix(wanted.count))
        }
    }

    /// Whether `text` is these bytes, compared in place.
    func equals(_ text: String) -> Bool {
        // The count of a native String's UTF-8 is stored: most differing texts stop here.
        guard text.utf8.count == bytes.count else { return false }
        var text = text
        return text.withUTF8 { Self.equal($0, bytes) }
    }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    static func == (left: ByteKey, right: ByteKey) -> Bool {
        left.bytes.withUnsafeBufferPointer { equal($0, right.bytes) }
    }

    /// Byte equality by offsets on buffers: the generic comparison goes through iterators, and
    /// this runs several times for every message.
    private static func equal(_ left: UnsafeBufferPointer<UInt8>, _ right: ArraySlice<UInt8>) -> Bool {
        guard left.count == right.count else { return false }
        return right.withUnsafeBufferPointer { right in
            // Both buffers hold `left.count` bytes (checked above).
            for offset in 0..<left.count where left[offset] != right[offset] { return false }
            return true
        }
    }
}
