/// A Call-ID of the plain shape (visible ASCII) as bytes: the analysis finds a message's call by
/// these without making a String per message. Call-IDs compare byte by byte (RFC 3261
/// section 20.8), and for ASCII that is also how Strings compare.
struct CallIDBytes: Hashable {
    let bytes: ArraySlice<UInt8>

    /// A key over `bytes` as they are, for a lookup (it keeps the message alive only as long
    /// as the lookup).
    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    /// A key with its own copy of `bytes`, to keep: a stored key must not hold the message.
    init(copying bytes: ArraySlice<UInt8>) {
        self.bytes = ArraySlice(Array(bytes))
    }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    static func == (left: CallIDBytes, right: CallIDBytes) -> Bool {
        left.bytes.count == right.bytes.count && left.bytes.elementsEqual(right.bytes)
    }
}
