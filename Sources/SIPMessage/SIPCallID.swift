/// The Call-ID header value (RFC 3261 section 20.8): `callid = word ["@" word]`.
///
/// Call-IDs are compared byte by byte and case-sensitively (RFC 3261 section 20.8), so equality
/// and hashing here use the UTF-8 bytes, not Unicode equivalence. Parsing is lenient: equipment
/// puts spaces, `;`, `,` or non-ASCII in Call-IDs, and a dialog is still identified by them, so
/// those are kept with a note instead of an error.
public struct SIPCallID: Hashable, Sendable, CustomStringConvertible {
    /// The Call-ID as sent (invalid UTF-8 replaced by U+FFFD).
    public var value: String
    /// What breaks `word ["@" word]`.
    public var notes: [SIPParseNote]

    public init(_ value: String, notes: [SIPParseNote] = []) {
        self.value = value
        self.notes = notes
    }

    public var description: String { value }

    /// The part before the first `@` (all of it without `@`).
    public var localPart: String {
        if let at = value.firstIndex(of: "@") { String(value[..<at]) } else { value }
    }

    /// The part after the first `@`, usually a host (RFC 3261 section 8.1.1.4 recommends one).
    public var host: String? {
        value.firstIndex(of: "@").map { String(value[value.index(after: $0)...]) }
    }

    public static func == (lhs: SIPCallID, rhs: SIPCallID) -> Bool {
        lhs.value.utf8.elementsEqual(rhs.value.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        for byte in value.utf8 { hasher.combine(byte) }
    }

    public static func parse(_ bytes: ArraySlice<UInt8>, limits: SIPParseLimits) throws(SIPParseError) -> SIPCallID {
        let value = SIPScanner.trimmed(bytes)
        guard !value.isEmpty else {
            throw SIPParseError(
                .invalidHeaderValue,
                "Call-ID is empty (RFC 3261 section 20.8 callid = word [\"@\" word])",
                offset: value.startIndex
            )
        }
        var notes: [SIPParseNote] = []
        let (atSigns, firstBad) = scan(value)
        if let firstBad {
            notes.append(
                SIPParseNote(
                    .invalidHeaderValue,
                    "Call-ID \(SIPHeaderValueText.excerpt(value)) has characters outside word (RFC 3261 section 25.1)",
                    offset: firstBad
                )
            )
        }
        if atSigns.count > 1 {
            notes.append(
                SIPParseNote(
                    .invalidHeaderValue,
                    "Call-ID has \(atSigns.count) '@' (RFC 3261 section 20.8 allows one)",
                    offset: atSigns.second
                )
            )
        }
        if let at = atSigns.first, at == value.startIndex || at == value.endIndex - 1 {
            notes.append(
                SIPParseNote(
                    .invalidHeaderValue,
                    "Call-ID has an empty word beside '@' (RFC 3261 section 20.8)",
                    offset: at
                )
            )
        }
        return SIPCallID(String(decoding: value, as: UTF8.self), notes: notes)
    }

    /// The `@` signs of a Call-ID (how many, the first two offsets) and the offset of its first
    /// byte outside RFC 3261 section 25.1 `word`, in one pass: every message's Call-ID is parsed.
    private static func scan(_ value: ArraySlice<UInt8>) -> (atSigns: AtSigns, firstBad: Int?) {
        let base = value.startIndex
        // Offsets are below buffer.count by the loop; the results are offsets plus base, indices of `value`.
        return value.withUnsafeBufferPointer { buffer in
            var atSigns = AtSigns()
            var firstBad: Int?
            for offset in 0..<buffer.count {
                let byte = buffer[offset]
                if byte == 0x40 {
                    atSigns.add(base + offset)
                } else if firstBad == nil, !SIPCharacterClass.word.contains(byte) {
                    firstBad = base + offset
                }
            }
            return (atSigns, firstBad)
        }
    }

    /// The `@` signs found: their number and the offsets of the first two (all a note needs).
    private struct AtSigns {
        private(set) var count = 0
        private(set) var first: Int?
        private(set) var second: Int?

        mutating func add(_ offset: Int) {
            count += 1
            if first == nil {
                first = offset
            } else if second == nil {
                second = offset
            }
        }
    }
}
