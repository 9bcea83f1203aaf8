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
    /// Inlined: the slice it returns is four words, which a call passes through memory.
    @inline(__always)
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
        // Lengths first: most comparisons fail there without reading a byte.
        guard bytes.count == text.utf8CodeUnitCount else { return false }
        return text.withUTF8Buffer { bytes.elementsEqual($0) }
    }

    /// The bytes without leading and trailing SP and HTAB.
    /// Inlined: the slice it returns is four words, which a call passes through memory.
    @inline(__always)
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
    /// Inlined: the slice it returns is four words, which a call passes through memory.
    @inline(__always)
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

    /// The String of a token that nearly every SDP body repeats (RFC 8866 sections 5.2, 5.7 and
    /// 5.14, the encoding names of RFC 3551 section 6, and the usual codec names as
    /// ``SDPCodec/name`` writes them), by its bytes packed as by
    /// ``packed(_:foldingCase:)``; `nil` for any other. A switch on constants rather than a table
    /// search: no static array to reach, and the literals are made once, in the binary.
    static func commonToken(_ key: UInt64, _ low: UInt64) -> String? {
        // The first word (length and first 7 bytes) tells every token apart; `low` confirms it.
        switch key {
        case 0x0200_0000_0000_4e49: low == 0x0000_0000_0000_0000 ? "IN" : nil
        case 0x0300_0000_0034_5049: low == 0x0000_0000_0000_0000 ? "IP4" : nil
        case 0x0300_0000_0036_5049: low == 0x0000_0000_0000_0000 ? "IP6" : nil
        case 0x0100_0000_0000_002d: low == 0x0000_0000_0000_0000 ? "-" : nil
        case 0x0500_006f_6964_7561: low == 0x0000_0000_0000_0000 ? "audio" : nil
        case 0x0500_006f_6564_6976: low == 0x0000_0000_0000_0000 ? "video" : nil
        case 0x0500_0065_6761_6d69: low == 0x0000_0000_0000_0000 ? "image" : nil
        case 0x0400_0000_7478_6574: low == 0x0000_0000_0000_0000 ? "text" : nil
        case 0x0b61_6369_6c70_7061: low == 0x0000_0000_6e6f_6974 ? "application" : nil
        case 0x0765_6761_7373_656d: low == 0x0000_0000_0000_0000 ? "message" : nil
        case 0x0750_5641_2f50_5452: low == 0x0000_0000_0000_0000 ? "RTP/AVP" : nil
        case 0x0856_4153_2f50_5452: low == 0x0000_0000_0000_0050 ? "RTP/SAVP" : nil
        case 0x0850_5641_2f50_5452: low == 0x0000_0000_0000_0046 ? "RTP/AVPF" : nil
        case 0x0956_4153_2f50_5452: low == 0x0000_0000_0000_4650 ? "RTP/SAVPF" : nil
        case 0x0500_006c_7470_6475: low == 0x0000_0000_0000_0000 ? "udptl" : nil
        case 0x0400_0000_554d_4350: low == 0x0000_0000_0000_0000 ? "PCMU" : nil
        case 0x0400_0000_414d_4350: low == 0x0000_0000_0000_0000 ? "PCMA" : nil
        case 0x0400_0000_3232_3747: low == 0x0000_0000_0000_0000 ? "G722" : nil
        case 0x0400_0000_3932_3747: low == 0x0000_0000_0000_0000 ? "G729" : nil
        case 0x0300_0000_004d_5347: low == 0x0000_0000_0000_0000 ? "GSM" : nil
        case 0x0400_0000_7375_706f: low == 0x0000_0000_0000_0000 ? "opus" : nil
        case 0x0f6f_6870_656c_6574: low == 0x746e_6576_652d_656e ? "telephone-event" : nil
        case 0x0200_0000_0000_4e43: low == 0x0000_0000_0000_0000 ? "CN" : nil
        case 0x0400_0000_4342_4c69: low == 0x0000_0000_0000_0000 ? "iLBC" : nil
        case 0x0300_0000_0052_4d41: low == 0x0000_0000_0000_0000 ? "AMR" : nil
        case 0x0600_4257_2d52_4d41: low == 0x0000_0000_0000_0000 ? "AMR-WB" : nil
        case 0x0400_0000_3436_3248: low == 0x0000_0000_0000_0000 ? "H264" : nil
        case 0x0300_0000_0038_5056: low == 0x0000_0000_0000_0000 ? "VP8" : nil
        case 0x0300_0000_0038_3374: low == 0x0000_0000_0000_0000 ? "t38" : nil
        // Codec names as `SDPCodec.name` writes them (RFC 8866 section 6.6 `<name>/<rate>`).
        case 0x0930_382f_554d_4350: low == 0x0000_0000_0000_3030 ? "PCMU/8000" : nil
        case 0x0930_382f_414d_4350: low == 0x0000_0000_0000_3030 ? "PCMA/8000" : nil
        case 0x0930_382f_3232_3747: low == 0x0000_0000_0000_3030 ? "G722/8000" : nil
        case 0x0930_382f_3932_3747: low == 0x0000_0000_0000_3030 ? "G729/8000" : nil
        case 0x0830_3038_2f4d_5347: low == 0x0000_0000_0000_0030 ? "GSM/8000" : nil
        case 0x0730_3030_382f_4e43: low == 0x0000_0000_0000_0000 ? "CN/8000" : nil
        case 0x0c38_342f_7375_706f: low == 0x0000_0032_2f30_3030 ? "opus/48000/2" : nil
        case 0x0a30_392f_3436_3248: low == 0x0000_0000_0030_3030 ? "H264/90000" : nil
        case 0x0930_3039_2f38_5056: low == 0x0000_0000_0000_3030 ? "VP8/90000" : nil
        case 0x0930_3039_2f39_5056: low == 0x0000_0000_0000_3030 ? "VP9/90000" : nil
        case 0x0930_382f_4342_4c69: low == 0x0000_0000_0000_3030 ? "iLBC/8000" : nil
        case 0x0830_3038_2f52_4d41: low == 0x0000_0000_0000_0030 ? "AMR/8000" : nil
        case 0x0c2f_4257_2d52_4d41: low == 0x0000_0030_3030_3631 ? "AMR-WB/16000" : nil
        default: nil
        }
    }

    /// Up to 15 bytes folded into two words (7 in the first, 8 in the second), the length in the
    /// top byte of the first, so that equal keys mean equal bytes; `nil` past 15 bytes. With
    /// `foldingCase`, `A` to `Z` are packed as `a` to `z` (and no other byte changes).
    static func packed(_ bytes: SDPBytes, foldingCase: Bool = false) -> (UInt64, UInt64)? {
        let count = bytes.endIndex - bytes.startIndex
        guard count <= 15 else { return nil }
        let base = bytes.base
        let start = bytes.startIndex
        // Two 8-byte loads when the buffer holds 15 bytes from the slice's start (as it does for
        // nearly every name and token: a value or more lines follow), masked to the slice.
        if let address = base.baseAddress, start >= 0, base.count - start >= 15 {
            // Bytes `start` to `start + 14` are inside the buffer (checked above), and an
            // unaligned load reads exactly 8 of them.
            let first = UInt64(littleEndian: UnsafeRawPointer(address + start).loadUnaligned(as: UInt64.self))
            // As above: this load reads bytes `start + 7` to `start + 14`.
            let second = UInt64(
                littleEndian: UnsafeRawPointer(address + start).loadUnaligned(fromByteOffset: 7, as: UInt64.self)
            )
            let key = first & byteMask(min(count, 7)) | UInt64(count) &<< 56
            let low = second & byteMask(max(count - 7, 0))
            return foldingCase ? (foldedCase(key), foldedCase(low)) : (key, low)
        }
        var key: UInt64 = 0
        var low: UInt64 = 0
        var offset = 0
        while offset < count {
            // Unchecked read: `start + offset` is in the slice's bounds (`offset < count`), which
            // lie within its base buffer.
            let byte = UInt64(base[start &+ offset])
            // Masking shifts (`&<<`): `offset` is below 15, so every shift is below 64 anyway.
            if offset < 7 {
                key |= byte &<< UInt64(offset &* 8)
            } else {
                low |= byte &<< UInt64((offset &- 7) &* 8)
            }
            offset &+= 1
        }
        key |= UInt64(count) &<< 56
        return foldingCase ? (foldedCase(key), foldedCase(low)) : (key, low)
    }

    /// The low `count` bytes (0 to 8) of a word set, the others clear.
    @inline(__always)
    private static func byteMask(_ count: Int) -> UInt64 {
        // `count` is 0 to 8, so the shift is 0 to 56 below; 8 bytes (a shift of 64, which a
        // masking shift would turn into 0) is answered apart.
        count >= 8 ? UInt64.max : (1 &<< UInt64(count &* 8)) &- 1
    }

    /// The eight bytes of `word` with `A` to `Z` turned into `a` to `z` and every other byte
    /// unchanged, all at once: the parser folds every `a=` name to find known attributes.
    static func foldedCase(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        // Each byte's low 7 bits plus a constant carries into its own high bit (never into the
        // next byte: at most 0x7F + 0x7F) exactly when the byte is at least `A`, or past `Z`.
        let low7 = word & ~highBits
        let atLeastA = low7 &+ (0x80 - 0x41) &* ones
        let pastZ = low7 &+ (0x80 - 0x5B) &* ones
        // Upper case: at least `A`, not past `Z`, and ASCII (the byte's own high bit clear).
        let upper = atLeastA & ~pastZ & ~word & highBits
        return word | upper &>> 2
    }

    /// The bytes as text like ``string(_:)``, but a common token (`IN`, `IP4`, `audio`, `RTP/AVP`,
    /// `PCMU`, ...) is a String literal, which costs far less than decoding.
    static func token(_ bytes: SDPBytes) -> String {
        if let (key, low) = packed(bytes), let text = commonToken(key, low) { return text }
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
