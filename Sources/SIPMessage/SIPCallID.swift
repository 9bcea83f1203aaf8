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
        var atSigns: [Int] = []
        var firstBad: Int?
        for (offset, byte) in zip(value.indices, value) {
            if byte == 0x40 {
                atSigns.append(offset)
            } else if !isWordCharacter(byte), firstBad == nil {
                firstBad = offset
            }
        }
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
                    offset: atSigns.dropFirst().first
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

    /// RFC 3261 section 25.1 `word`: token characters plus `()<>:\"/[]?{}`.
    static func isWordCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x28, 0x29, 0x3C, 0x3E, 0x3A, 0x5C, 0x22, 0x2F, 0x5B, 0x5D, 0x3F, 0x7B, 0x7D: true
        default: SIPScanner.isTokenCharacter(byte)
        }
    }
}
