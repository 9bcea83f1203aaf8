/// Byte-level helpers for the header section of a SIP message or HTTP request on a stream:
/// where it ends and what a few framing headers say, without building strings.
enum StreamHeaderSection {
    /// What the Content-Length header of a message says.
    enum ContentLength: Hashable, Sendable {
        /// No Content-Length (or `l`) header.
        case missing
        /// A Content-Length header whose value is not `*WSP 1*DIGIT *WSP` (negative,
        /// empty, text, ...).
        case invalid
        /// More than the limit given: no message that long is accepted.
        case tooLarge
        /// The body length.
        case value(Int)
    }

    /// Where the header section ends: just after the empty line (`CRLF CRLF`, RFC 3261
    /// section 7; bare `LF LF` and `LF CRLF` are tolerated as RFC 3261 section 7.5 asks).
    ///
    /// Scans from `start` (an offset at or before any LF not yet examined). Returns the end
    /// offset when found; otherwise `nil` and `resume`, where the next scan must start
    /// because a line ending may be split across the end of the bytes.
    static func findEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> (end: Int?, resume: Int) {
        var index = max(start, 0)
        while index < bytes.count {
            guard let lineFeed = firstLineFeed(bytes, from: index) else { return (nil, bytes.count) }
            guard let next = bytes.u8(at: lineFeed + 1) else { return (nil, lineFeed) }
            if next == 0x0A { return (lineFeed + 2, lineFeed + 2) }
            if next == 0x0D {
                guard let after = bytes.u8(at: lineFeed + 2) else { return (nil, lineFeed) }
                if after == 0x0A { return (lineFeed + 3, lineFeed + 3) }
            }
            index = lineFeed + 1
        }
        return (nil, max(index, start))
    }

    /// The offset of the first LF at or after `start`.
    ///
    /// Reads eight bytes at a time (a zero-byte test on `word ^ 0x0A0A...`), since header
    /// scanning is the hot loop of stream framing; each wide read is bounds-checked against
    /// the buffer first.
    @inline(__always)
    static func firstLineFeed(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = max(start, 0)
        let lows: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let lineFeeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        while index <= bytes.count &- 8 {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) ^ lineFeeds
            let found = (word &- lows) & ~word & highs
            if found != 0 { return index + found.trailingZeroBitCount / 8 }
            index += 8
        }
        while let byte = bytes.u8(at: index) {
            if byte == 0x0A { return index }
            index += 1
        }
        return nil
    }

    /// What one header line (without its line ending) says about the body length, or `nil`
    /// when it is not a Content-Length header. Names compare case-insensitively and the
    /// compact form `l` counts (RFC 3261 section 7.3.3 and 20.14).
    @inline(__always)
    static func contentLength(line: Range<Int>, in bytes: UnsafeRawBufferPointer, limit: Int) -> ContentLength? {
        guard let first = bytes.u8(at: line.lowerBound) else { return nil }
        switch first | 0x20 {
        case 0x6C:
            break
        case 0x63:
            // Most header names start with C (Call-ID, CSeq, Contact, Content-Type): look at
            // "-l" in "Content-Length" before reading the whole name.
            guard bytes.u8(at: line.lowerBound + 7) == 0x2D, let letter = bytes.u8(at: line.lowerBound + 8),
                letter | 0x20 == 0x6C
            else { return nil }
        default:
            return nil
        }
        var index = line.lowerBound
        while index < line.upperBound, let byte = bytes.u8(at: index), SIPStartLine.isTokenCharacter(byte) {
            index += 1
        }
        let name = line.lowerBound..<index
        guard name.count == 1 || name.count == 14 else { return nil }
        guard equalsIgnoringCase(bytes, name, "content-length") || equalsIgnoringCase(bytes, name, "l") else {
            return nil
        }
        while index < line.upperBound, let byte = bytes.u8(at: index), byte == 0x20 || byte == 0x09 { index += 1 }
        guard index < line.upperBound, bytes.u8(at: index) == 0x3A else { return nil }
        return parseLength(bytes, (index + 1)..<line.upperBound, limit: limit)
    }

    /// Whether a header named `name` (case-insensitive) in `bytes[range]` has a value that
    /// contains `token` (case-insensitive), as `Upgrade: websocket` must (RFC 6455 section 4.1).
    static func header(
        _ bytes: UnsafeRawBufferPointer,
        lines range: Range<Int>,
        named name: StaticString,
        contains token: StaticString
    ) -> Bool {
        var found = false
        forEachHeader(bytes, lines: range) { nameRange, valueRange in
            if equalsIgnoringCase(bytes, nameRange, name), contains(bytes, valueRange, token) {
                found = true
                return false
            }
            return true
        }
        return found
    }

    /// Calls `body` with the name and value ranges of each `name HCOLON value` line in
    /// `bytes[range]` until it returns `false`. Lines without a colon after a token name
    /// (continuations, garbage) are passed over; the value range excludes the line ending.
    static func forEachHeader(
        _ bytes: UnsafeRawBufferPointer,
        lines range: Range<Int>,
        _ body: (_ name: Range<Int>, _ value: Range<Int>) -> Bool
    ) {
        var lineStart = max(range.lowerBound, 0)
        let limit = min(range.upperBound, bytes.count)
        while lineStart < limit {
            var lineEnd = lineStart
            while lineEnd < limit, let byte = bytes.u8(at: lineEnd), byte != 0x0A { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes.u8(at: contentEnd - 1) == 0x0D { contentEnd -= 1 }
            var index = lineStart
            while index < contentEnd, let byte = bytes.u8(at: index), SIPStartLine.isTokenCharacter(byte) {
                index += 1
            }
            let nameEnd = index
            while index < contentEnd, let byte = bytes.u8(at: index), byte == 0x20 || byte == 0x09 { index += 1 }
            if nameEnd > lineStart, index < contentEnd, bytes.u8(at: index) == 0x3A {
                if !body(lineStart..<nameEnd, (index + 1)..<contentEnd) { return }
            }
            lineStart = lineEnd + 1
        }
    }

    /// `*WSP 1*DIGIT *WSP`, capped at `limit`.
    private static func parseLength(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, limit: Int) -> ContentLength {
        let cap = max(limit, 0)
        var index = range.lowerBound
        while index < range.upperBound, let byte = bytes.u8(at: index), byte == 0x20 || byte == 0x09 { index += 1 }
        var value = 0
        var digits = 0
        var tooLarge = false
        while index < range.upperBound, let byte = bytes.u8(at: index), byte >= 0x30, byte <= 0x39 {
            // Stop accumulating once past the limit, and check before multiplying, so that no
            // digit string and no limit can overflow.
            if !tooLarge {
                let digit = Int(byte - 0x30)
                if value > cap / 10 || value * 10 > cap - digit {
                    tooLarge = true
                } else {
                    value = value * 10 + digit
                }
            }
            digits += 1
            index += 1
        }
        while index < range.upperBound, let byte = bytes.u8(at: index), byte == 0x20 || byte == 0x09 { index += 1 }
        guard digits > 0, index == range.upperBound else { return .invalid }
        return tooLarge ? .tooLarge : .value(value)
    }

    /// Whether `bytes[range]` equals the lower-case ASCII `literal`, ignoring ASCII case.
    static func equalsIgnoringCase(
        _ bytes: UnsafeRawBufferPointer,
        _ range: Range<Int>,
        _ literal: StaticString
    ) -> Bool {
        let expected = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        guard range.count == expected.count else { return false }
        for index in 0..<expected.count {
            guard let byte = bytes.u8(at: range.lowerBound + index) else { return false }
            if lowercased(byte) != expected[index] { return false }
        }
        return true
    }

    /// Whether `bytes[range]` contains the lower-case ASCII `literal`, ignoring ASCII case.
    static func contains(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ literal: StaticString) -> Bool {
        let expected = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        guard expected.count > 0, range.count >= expected.count else { return expected.count == 0 }
        var start = range.lowerBound
        while start + expected.count <= range.upperBound {
            var matched = true
            for index in 0..<expected.count {
                guard let byte = bytes.u8(at: start + index), lowercased(byte) == expected[index] else {
                    matched = false
                    break
                }
            }
            if matched { return true }
            start += 1
        }
        return false
    }

    @inline(__always)
    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
