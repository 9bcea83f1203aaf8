/// A URI component with its `%HH` escapes resolved (RFC 3261 section 19.1.2, RFC 3986 section 2.1).
///
/// Decoding happens only on request: URIs keep their escapes as written, because an escaped and
/// an unescaped character are the same for comparison (RFC 3261 section 19.1.4) but not for display.
/// A `%` not followed by two hexadecimal digits is kept as written and reported in
/// ``invalidEscapeOffsets`` (RFC 4475 section 3.1.1.5 shows such text outside URIs).
public struct SIPPercentDecoded: Hashable, Sendable, CustomStringConvertible {
    /// The decoded bytes; may hold NUL (`%00`, RFC 4475 section 3.1.1.4) or bytes that are not UTF-8.
    public let bytes: [UInt8]
    /// Byte offsets, in the UTF-8 of the input, of each `%` that does not start a valid escape.
    public let invalidEscapeOffsets: [Int]

    public init(bytes: [UInt8], invalidEscapeOffsets: [Int]) {
        self.bytes = bytes
        self.invalidEscapeOffsets = invalidEscapeOffsets
    }

    /// Decodes `text`.
    public init(_ text: String) {
        self.init(Array(text.utf8)[...])
    }

    init(_ input: ArraySlice<UInt8>) {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var invalid: [Int] = []
        var index = input.startIndex
        while index < input.endIndex {
            let byte = input[index]
            if byte == 0x25, index + 2 < input.endIndex,
                let high = SIPText.hexValue(input[index + 1]),
                let low = SIPText.hexValue(input[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
                continue
            }
            if byte == 0x25 { invalid.append(index - input.startIndex) }
            output.append(byte)
            index += 1
        }
        self.bytes = output
        self.invalidEscapeOffsets = invalid
    }

    /// The decoded text; bytes that are not UTF-8 become U+FFFD.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Whether every `%` started a valid escape.
    public var isValid: Bool { invalidEscapeOffsets.isEmpty }

    /// Whether the decoded bytes are valid UTF-8 (so ``text`` lost nothing).
    public var isValidUTF8: Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    public var description: String { text }
}
