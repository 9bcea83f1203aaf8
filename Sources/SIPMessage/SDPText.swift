/// SDP bytes as the parsers read them: a slice of a buffer that stays valid for the whole parse
/// (``SDPSession/parse(_:limits:)`` holds it). Unlike `ArraySlice`, passing or slicing it costs
/// no reference counting, which dominated the parse. `Slice` checks every subscript against its
/// bounds, and every slice here is cut from a range already checked against its parent, so no
/// access can leave the buffer.
typealias SDPBytes = Slice<UnsafeBufferPointer<UInt8>>

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Small lexical helpers shared by the SDP parsers (RFC 8866 section 9 grammar). They work on
/// the message bytes with integer indices that are checked against the slice's bounds before
/// every subscript: SDP comes from the network, and an unchecked index would trap.
enum SDPText {
    /// SP or HTAB, the separators between SDP fields.
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }

    /// A decimal number made only of ASCII digits (no sign, no spaces), or `nil`. At most 18
    /// digits, so the value always fits in `Int` and hostile counts cannot overflow.
    static func decimal<Digits: Collection<UInt8>>(_ digits: Digits) -> Int? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// A decimal number no greater than `maximum`.
    static func decimal<Digits: Collection<UInt8>>(_ digits: Digits, maximum: Int) -> Int? {
        guard let value = decimal(digits), value <= maximum else { return nil }
        return value
    }

    /// ``decimal(_:)`` for SDP bytes, the case every parse runs: the same result, read without a
    /// bounds check per byte.
    static func decimal(_ digits: SDPBytes) -> Int? {
        let count = digits.endIndex - digits.startIndex
        guard count > 0, count <= 18 else { return nil }
        let base = digits.base
        var value = 0
        var index = digits.startIndex
        while index < digits.endIndex {
            // Unchecked read: `index` is in the slice's bounds, which lie within its base buffer.
            let byte = base[index]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            // At most 18 digits (checked above): the value stays below 10^18 < Int.max.
            value = value &* 10 &+ Int(byte &- 0x30)
            index += 1
        }
        return value
    }

    /// ``decimal(_:maximum:)`` for SDP bytes.
    static func decimal(_ digits: SDPBytes, maximum: Int) -> Int? {
        guard let value = decimal(digits), value <= maximum else { return nil }
        return value
    }

    /// The next field of `bytes` at or after `position`, fields being separated by runs of SP or
    /// HTAB, and moves `position` past it; `nil` when no field is left. RFC 8866 section 9 asks
    /// for exactly one SP; real equipment sometimes sends two, which costs nothing to accept.
    static func nextField(_ bytes: SDPBytes, from position: inout Int) -> SDPBytes? {
        let base = bytes.base
        let end = bytes.endIndex
        var start = max(position, bytes.startIndex)
        // Unchecked reads of `base`: every index read is in `startIndex..<endIndex` (the loop
        // conditions), and a Slice's bounds always lie within its base buffer.
        while start < end, isBlank(base[start]) { start += 1 }
        guard start < end else {
            position = end
            return nil
        }
        var stop = start + 1
        while stop < end, !isBlank(base[stop]) { stop += 1 }
        position = stop
        return bytes[start..<stop]
    }

    /// The index of the first `byte` in `bytes` at or after `position`, or `nil`; memchr rather
    /// than a loop of checked subscripts, which cost several times more per byte.
    static func firstIndex(of byte: UInt8, in bytes: SDPBytes, from position: Int) -> Int? {
        guard position >= bytes.startIndex, position < bytes.endIndex, let address = bytes.base.baseAddress else {
            return nil
        }
        // `position` is inside the slice and so inside the buffer, and the length searched ends
        // at the slice's end: memchr reads only bytes of the buffer.
        let found = memchr(address + position, Int32(byte), bytes.endIndex - position)
        return found.map { UnsafeRawPointer($0) - UnsafeRawPointer(address) }
    }

    /// How many SP/HTAB separated fields `bytes` holds.
    static func fieldCount(_ bytes: SDPBytes) -> Int {
        var count = 0
        var position = bytes.startIndex
        while nextField(bytes, from: &position) != nil { count += 1 }
        return count
    }

    /// Fields separated by runs of SP or HTAB, for the rarely used attributes parsed from text
    /// (`a=candidate`, `a=crypto`, `a=fingerprint`).
    static func fields(_ text: String) -> [Substring] {
        // Split on the bytes, not on Characters: grapheme breaking made this the largest cost of
        // parsing SDP with ICE candidates.
        text.utf8.split(whereSeparator: isBlank).map { Substring($0) }
    }

    /// ``fields(_:)`` of bytes: the runs between SP and HTAB, as slices of `bytes`.
    static func blankSeparatedFields(_ bytes: SDPBytes) -> [SDPBytes] {
        var fields: [SDPBytes] = []
        var position = bytes.startIndex
        while position < bytes.endIndex {
            while position < bytes.endIndex, isBlank(bytes[position]) { position += 1 }
            let start = position
            while position < bytes.endIndex, !isBlank(bytes[position]) { position += 1 }
            if position > start { fields.append(bytes[start..<position]) }
        }
        return fields
    }

    /// Whether `bytes` are exactly the ASCII `text` (case-sensitive, as SDP keywords are).
    static func equals(_ bytes: SDPBytes, _ text: StaticString) -> Bool {
        text.withUTF8Buffer { bytes.elementsEqual($0) }
    }

    /// The bytes without leading and trailing SP and HTAB.
    static func trimmed(_ bytes: SDPBytes) -> SDPBytes {
        let base = bytes.base
        var start = bytes.startIndex
        var end = bytes.endIndex
        // Unchecked reads of `base`: `start` and `end - 1` stay in the slice's bounds (the loop
        // conditions), which lie within its base buffer.
        while start < end, isBlank(base[start]) { start += 1 }
        while end > start, isBlank(base[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    /// Splits `bytes` at the first `separator`: the part before and the part after (`nil` when
    /// the separator is absent).
    static func splitOnce(
        _ bytes: SDPBytes,
        at separator: UInt8
    ) -> (SDPBytes, SDPBytes?) {
        let base = bytes.base
        var position = bytes.startIndex
        // Unchecked reads of `base`: `position` stays in the slice's bounds, within its base buffer.
        while position < bytes.endIndex, base[position] != separator { position += 1 }
        guard position < bytes.endIndex else { return (bytes, nil) }
        return (bytes[bytes.startIndex..<position], bytes[(position + 1)..<bytes.endIndex])
    }

    /// `<first>[/<second>[/<third>]]`, the shape of an `a=rtpmap` encoding (RFC 8866 section 6.6)
    /// and of a `c=` address (section 5.7); `nil` for more than two slashes.
    static func slashParts(_ bytes: SDPBytes) -> (SDPBytes, SDPBytes?, SDPBytes?)? {
        let (first, rest) = splitOnce(bytes, at: 0x2F)
        guard let rest else { return (first, nil, nil) }
        let (second, third) = splitOnce(rest, at: 0x2F)
        guard third?.contains(0x2F) != true else { return nil }
        return (first, second, third)
    }

    /// Whether `bytes` spell `lower` (given in lower case) ignoring ASCII case, compared byte by
    /// byte: only `A` to `Z` are folded, so no other byte can match by accident.
    static func equalsIgnoringCase(_ bytes: SDPBytes, _ lower: [UInt8]) -> Bool {
        guard bytes.count == lower.count else { return false }
        for (byte, expected) in zip(bytes, lower) {
            let folded = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            guard folded == expected else { return false }
        }
        return true
    }

    /// The bytes as text; invalid UTF-8 becomes U+FFFD rather than failing (RFC 8866 section 5
    /// allows other charsets in some fields, and a diagnostics tool must show them anyway).
    static func string(_ bytes: SDPBytes) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The method of a `k=` value, without the key after the colon, which is secret
    /// (RFC 8866 section 5.12).
    static func keyMethod(_ value: SDPBytes) -> String {
        string(splitOnce(value, at: 0x3A).0)
    }

    /// The decimal texts of the RTP payload types 0 to 127 (RFC 3550 section 5.1), made once: a
    /// format or a static codec's format is one of them, and copying a stored String is much
    /// cheaper than decoding bytes again.
    static let payloadTypeTexts: [String] = (0...127).map { String($0) }

    /// The text of an `m=` format: a payload type's stored text when it is one (`0` to `127`,
    /// written without leading zeros), else the bytes decoded.
    static func format(_ bytes: SDPBytes) -> String {
        if let number = payloadType(bytes) { return payloadTypeTexts[number] }
        return string(bytes)
    }

    /// The payload type (0 to 127) a format names when it is written as ``payloadTypeTexts`` has
    /// it (no leading zero): two such formats have equal text exactly when the numbers are equal.
    static func payloadType(_ bytes: SDPBytes) -> Int? {
        // Without a leading zero, unless it is `0` itself: the digits of `String(number)`.
        guard let number = decimal(bytes, maximum: 127) else { return nil }
        let hasLeadingZero: Bool = bytes.count > 1 && bytes[bytes.startIndex] == 0x30
        return hasLeadingZero ? nil : number
    }

    /// Tokens that nearly every SDP body repeats (RFC 8866 sections 5.2, 5.7 and 5.14, the
    /// encoding names of RFC 3551 section 6).
    private static let commonTokenTexts: [String] = [
        "IN", "IP4", "IP6", "-", "audio", "video", "image", "text", "application", "message", "RTP/AVP",
        "RTP/SAVP", "RTP/AVPF", "RTP/SAVPF", "udptl", "PCMU", "PCMA", "G722", "G729", "GSM", "opus",
        "telephone-event", "CN", "iLBC", "AMR", "AMR-WB", "H264", "VP8", "t38",
    ]

    /// ``commonTokenTexts`` packed as by ``packed(_:foldingCase:)`` with each text's index, sorted
    /// by key for a binary search, apart from the Strings so that the search copies no String.
    private static let commonTokenKeys: [PackedKey] = sortedKeys(commonTokenTexts)

    /// A packed text and the index of the text in its table.
    struct PackedKey {
        var key: UInt64
        var low: UInt64
        var index: Int
    }

    /// `texts` packed, sorted by key.
    static func sortedKeys(_ texts: [String]) -> [PackedKey] {
        texts.indices.map { index in
            let (key, low) = packedKey(texts[index])
            return PackedKey(key: key, low: low, index: index)
        }.sorted { ($0.key, $0.low) < ($1.key, $1.low) }
    }

    /// The table index of the text packed to `key` and `low` in `keys` (sorted by key), or `nil`.
    static func search(_ keys: [PackedKey], _ key: UInt64, _ low: UInt64) -> Int? {
        var lower = 0
        var upper = keys.count
        while lower < upper {
            // Both are in 0...keys.count, so their sum cannot overflow.
            let middle = (lower &+ upper) / 2
            let entry = keys[middle]
            if entry.key == key, entry.low == low { return entry.index }
            if (entry.key, entry.low) < (key, low) { lower = middle + 1 } else { upper = middle }
        }
        return nil
    }

    /// `text` packed as by ``packed(_:foldingCase:)``, or a key no bytes pack to (the length byte
    /// is at most 15) when it cannot be.
    static func packedKey(_ text: String) -> (UInt64, UInt64) {
        let packedText: (UInt64, UInt64)?? = text.utf8.withContiguousStorageIfAvailable { buffer in
            packed(buffer[...])
        }
        guard let packedText, let packedText else { return (UInt64.max, UInt64.max) }
        return packedText
    }

    /// Up to 15 bytes folded into two words (7 in the first, 8 in the second), the length in the
    /// top byte of the first, so that equal keys mean equal bytes; `nil` past 15 bytes. With
    /// `foldingCase`, `A` to `Z` are packed as `a` to `z` (and no other byte changes).
    static func packed(_ bytes: SDPBytes, foldingCase: Bool = false) -> (UInt64, UInt64)? {
        let count = bytes.endIndex - bytes.startIndex
        guard count <= 15 else { return nil }
        let base = bytes.base
        var key = UInt64(count) << 56
        var low: UInt64 = 0
        var shift: UInt64 = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            // Unchecked read: `index` is in the slice's bounds, which lie within its base buffer.
            var byte = base[index]
            if foldingCase, byte >= 0x41, byte <= 0x5A { byte |= 0x20 }
            if shift < 56 {
                key |= UInt64(byte) << shift
            } else {
                low |= UInt64(byte) << (shift - 56)
            }
            shift += 8
            index += 1
        }
        return (key, low)
    }

    /// The bytes as text like ``string(_:)``, but a common token (`IN`, `IP4`, `audio`, `RTP/AVP`,
    /// `PCMU`, ...) comes from a table of Strings made once, which costs far less than decoding.
    static func token(_ bytes: SDPBytes) -> String {
        if let (key, low) = packed(bytes), let index = search(commonTokenKeys, key, low) {
            return commonTokenTexts[index]
        }
        return string(bytes)
    }

    /// A positive decimal number such as `20` or `22.5` (RFC 8866 section 6.4 `ptime`), or `nil`.
    /// Only digits and one dot: `Double(_:)` alone would also take `inf`, `nan` and exponents.
    static func positiveNumber(_ value: SDPBytes) -> Double? {
        let text = trimmed(value)
        guard !text.isEmpty, text.count <= 20 else { return nil }
        var hasDot = false
        for byte in text {
            if byte == 0x2E {
                hasDot = true
            } else if byte < 0x30 || byte > 0x39 {
                return nil
            }
        }
        // Whole numbers (the usual `a=ptime:20`) need no text conversion; `Double(_:)` rejects
        // a second dot, and takes over past 18 digits where `decimal` stops.
        let number = hasDot || text.count > 18 ? Double(string(text)) : decimal(text).map(Double.init)
        guard let number, number > 0 else { return nil }
        return number
    }
}
