/// A cursor over the bytes of one SIP header value, with the lexical pieces of RFC 3261
/// section 25.1 (token, quoted-string, LWS, parameters). Every read checks the end first:
/// header values come from the network and may be cut anywhere.
///
/// Indices are those of the message's byte array, so errors can give the byte offset.
struct SIPScanner {
    let bytes: ArraySlice<UInt8>
    private(set) var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    var isAtEnd: Bool { index >= bytes.endIndex }

    /// The bytes not read yet.
    var rest: ArraySlice<UInt8> { isAtEnd ? bytes[bytes.endIndex...] : bytes[index...] }

    /// The bytes from `start` (clamped to the scanned range) up to the current index: what a
    /// piece of grammar consumed, for excerpts and raw text.
    func consumed(from start: Int) -> ArraySlice<UInt8> {
        let lower = min(max(start, bytes.startIndex), index)
        return bytes[lower..<index]
    }

    func peek(_ ahead: Int = 0) -> UInt8? {
        let position = index + ahead
        guard ahead >= 0, position < bytes.endIndex else { return nil }
        return bytes[position]
    }

    mutating func advance(_ count: Int = 1) {
        index = min(index + max(count, 0), bytes.endIndex)
    }

    /// Consumes `byte` if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    /// Skips linear white space: SP, HTAB, and line folding (CRLF or LF followed by SP/HTAB),
    /// RFC 3261 section 25.1 `LWS`.
    mutating func skipWhitespace() {
        while let byte = peek() {
            if byte == 0x20 || byte == 0x09 {
                index += 1
            } else if byte == 0x0D, peek(1) == 0x0A, let next = peek(2), next == 0x20 || next == 0x09 {
                index += 3
            } else if byte == 0x0A, let next = peek(1), next == 0x20 || next == 0x09 {
                index += 2
            } else {
                return
            }
        }
    }

    /// `SWS separator SWS` (RFC 3261 section 25.1: `SEMI`, `COMMA`, `EQUAL`, `COLON`, ...).
    mutating func consumeSeparator(_ byte: UInt8) -> Bool {
        let saved = index
        skipWhitespace()
        if consume(byte) {
            skipWhitespace()
            return true
        }
        index = saved
        return false
    }

    /// `token` (RFC 3261 section 25.1), or `nil` when none is next.
    mutating func token() -> ArraySlice<UInt8>? {
        scan(while: Self.isTokenCharacter)
    }

    /// The longest run of bytes matching `predicate` (possibly empty becomes `nil`).
    mutating func scan(while predicate: (UInt8) -> Bool) -> ArraySlice<UInt8>? {
        let start = index
        let base = bytes.startIndex
        // On the slice's buffer: every read is at an offset checked against buffer.count by the
        // loop condition, and `index` never leaves startIndex...endIndex.
        index = bytes.withUnsafeBufferPointer { buffer -> Int in
            var offset = start - base
            while offset < buffer.count, predicate(buffer[offset]) { offset += 1 }
            return base + offset
        }
        return index > start ? bytes[start..<index] : nil
    }

    /// How many times `byte` occurs in the bytes not read yet.
    func count(of byte: UInt8) -> Int {
        let base = bytes.startIndex
        // Offsets start at index - base >= 0 and stay below buffer.count.
        return bytes.withUnsafeBufferPointer { buffer in
            var found = 0
            var offset = max(index - base, 0)
            while offset < buffer.count {
                if buffer[offset] == byte { found += 1 }
                offset += 1
            }
            return found
        }
    }

    /// Bytes up to (not including) the first `byte` outside quotes and angle brackets, or to the end.
    mutating func scanUntil(_ stop: UInt8) -> ArraySlice<UInt8> {
        let start = index
        let base = bytes.startIndex
        // The hottest loop of list splitting, on the slice's buffer: every read is at an offset
        // checked against buffer.count by the loop condition.
        let end = bytes.withUnsafeBufferPointer { buffer -> Int in
            var offset = index - base
            var inQuotes = false
            var angleDepth = 0
            // Outside quotes only `"`, `<`, `>` and the stop byte matter: skip the others in a
            // tight loop (the set is two masks, SIPCharacterClass, which holds ASCII only).
            let stopBit: UInt64 = 1 << UInt64(stop & 0x3F)
            let special = SIPCharacterClass(
                low: 0x5000_0004_0000_0000 | (stop < 0x40 ? stopBit : 0),
                high: stop >= 0x40 && stop < 0x80 ? stopBit : 0
            )
            while offset < buffer.count {
                if !inQuotes, stop < 0x80 {
                    while offset < buffer.count, !special.contains(buffer[offset]) { offset += 1 }
                    guard offset < buffer.count else { break }
                }
                let byte = buffer[offset]
                if inQuotes {
                    if byte == 0x5C {
                        offset += 1
                    } else if byte == 0x22 {
                        inQuotes = false
                    }
                } else if byte == 0x22 {
                    inQuotes = true
                } else if byte == 0x3C {
                    angleDepth += 1
                } else if byte == 0x3E {
                    angleDepth = max(0, angleDepth - 1)
                } else if byte == stop, angleDepth == 0 {
                    break
                }
                offset += 1
            }
            // A quoted-pair's backslash may have stepped past the end.
            return base + min(offset, buffer.count)
        }
        index = end
        return bytes[start..<end]
    }

    /// A `quoted-string` (RFC 3261 section 25.1) with its escapes (`quoted-pair`) resolved.
    /// Throws when the closing quote is missing.
    mutating func quotedString() throws(SIPParseError) -> String {
        let start = index
        guard consume(0x22) else {
            throw SIPParseError(.invalidHeaderValue, "expected a quoted string", offset: start)
        }
        // Most quoted strings have no quoted-pair: their String is made straight from the bytes.
        let contentStart = index
        let base = bytes.startIndex
        // Offsets start at index - base >= 0 and are checked against buffer.count before each read.
        let (close, escaped) = bytes.withUnsafeBufferPointer { buffer -> (Int?, Bool) in
            var offset = contentStart - base
            var escaped = false
            while offset < buffer.count {
                let byte = buffer[offset]
                if byte == 0x22 { return (base + offset, escaped) }
                if byte == 0x5C {
                    escaped = true
                    offset += 1
                }
                offset += 1
            }
            return (nil, escaped)
        }
        guard let close else {
            index = bytes.endIndex
            throw SIPParseError(.invalidHeaderValue, "quoted string is not closed", offset: start)
        }
        index = close + 1
        let content = bytes[contentStart..<close]
        return escaped ? Self.unescaped(content) : String(decoding: content, as: UTF8.self)
    }

    /// The inside of a quoted-string with each `\x` replaced by `x` (RFC 3261 section 25.1
    /// `quoted-pair`).
    static func unescaped(_ content: ArraySlice<UInt8>) -> String {
        var value: [UInt8] = []
        value.reserveCapacity(content.count)
        var position = content.startIndex
        while position < content.endIndex {
            let byte = content[position]
            if byte == 0x5C, position + 1 < content.endIndex {
                value.append(content[position + 1])
                position += 2
            } else {
                value.append(byte)
                position += 1
            }
        }
        return String(decoding: value, as: UTF8.self)
    }

    /// `*( SEMI generic-param )` (RFC 3261 section 25.1): `;name`, `;name=token`,
    /// `;name=host`, `;name="quoted"`. Stops at the first byte that cannot continue a parameter.
    mutating func parameters(limits: SIPParseLimits) throws(SIPParseError) -> SIPParameters {
        try parameters(limits: limits) { _, _ in }
    }

    /// ``parameters(limits:)``, calling `visit` with each parameter's name bytes and its position
    /// in the result, so that a caller can find the parameters it checks without comparing
    /// Strings afterwards (names are tokens, so ASCII: comparing their bytes is exact).
    mutating func parameters(
        limits: SIPParseLimits,
        _ visit: (ArraySlice<UInt8>, Int) -> Void
    ) throws(SIPParseError) -> SIPParameters {
        var parameters = SIPParameters()
        // One allocation instead of one per doubling: each parameter follows a ';' (a quoted
        // value may hold more, which only over-counts).
        let expected = min(count(of: 0x3B), limits.maxParameters)
        if expected > 1 { parameters.reserveCapacity(expected) }
        while consumeSeparator(0x3B) {
            guard parameters.count < limits.maxParameters else {
                throw SIPParseError(
                    .limitExceeded,
                    "more than \(limits.maxParameters) parameters (limit maxParameters)",
                    offset: index
                )
            }
            let nameStart = index
            guard let name = token() else {
                throw SIPParseError(.invalidHeaderValue, "expected a parameter name after ';'", offset: nameStart)
            }
            var value: String?
            if consumeSeparator(0x3D) {
                if peek() == 0x22 {
                    value = try quotedString()
                } else if let raw = scan(while: Self.isParameterValueCharacter) {
                    value = String(decoding: raw, as: UTF8.self)
                } else {
                    value = ""
                }
            }
            visit(name, parameters.count)
            parameters.append(SIPParameter(name: SIPText.token(name), value: value))
        }
        return parameters
    }

    /// Splits a header value at top-level commas (outside quotes and angle brackets), trimming
    /// white space around each element; RFC 3261 section 7.3.1 allows `a, b` as two values.
    static func splitList(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits
    ) throws(SIPParseError) -> [ArraySlice<UInt8>] {
        var elements: [ArraySlice<UInt8>] = []
        var notes: [SIPParseNote] = []
        try forEachListElement(bytes, limits: limits, notes: &notes) { element, _ in elements.append(element) }
        return elements
    }

    /// Calls `body` with each element of a comma-separated header value, as ``splitList(_:limits:)``
    /// splits it, without collecting them in an array. Returns how many elements there were.
    ///
    /// Errors are those of splitting first, then parsing: more than `limits.maxListElements`
    /// elements is the error even when an earlier element failed to parse (its error is held
    /// back until the whole value is split), and then `notes` get nothing from this value.
    @discardableResult
    static func forEachListElement(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits,
        notes: inout [SIPParseNote],
        _ body: (ArraySlice<UInt8>, inout [SIPParseNote]) throws(SIPParseError) -> Void
    ) throws(SIPParseError) -> Int {
        var scanner = SIPScanner(bytes)
        var count = 0
        var heldBack: SIPParseError?
        let notesBefore = notes.count
        while true {
            scanner.skipWhitespace()
            let element = trimmed(scanner.scanUntil(0x2C))
            if !element.isEmpty {
                guard count < limits.maxListElements else {
                    notes.removeSubrange(notesBefore...)
                    throw SIPParseError(
                        .limitExceeded,
                        "more than \(limits.maxListElements) values in one header (limit maxListElements)",
                        offset: element.startIndex
                    )
                }
                count += 1
                if heldBack == nil {
                    do {
                        try body(element, &notes)
                    } catch {
                        heldBack = error
                    }
                }
            }
            guard scanner.consume(0x2C) else { break }
        }
        if let heldBack { throw heldBack }
        return count
    }

    /// Parses each element of a comma-separated header value with `parseElement` and appends
    /// the results to `result`, so that several header lines make one array without
    /// intermediate ones; an empty list is an error saying `emptyReason`.
    static func appendList<Element>(
        _ bytes: ArraySlice<UInt8>,
        to result: inout [Element],
        limits: SIPParseLimits,
        emptyReason: String,
        notes: inout [SIPParseNote],
        _ parseElement: (ArraySlice<UInt8>, inout [SIPParseNote]) throws(SIPParseError) -> Element
    ) throws(SIPParseError) {
        let count = try forEachListElement(bytes, limits: limits, notes: &notes) {
            element,
            notes throws(SIPParseError) in
            result.append(try parseElement(element, &notes))
        }
        guard count > 0 else {
            throw SIPParseError(.invalidHeaderValue, emptyReason, offset: bytes.startIndex)
        }
    }

    /// The bytes without leading and trailing SP, HTAB, CR and LF.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isWhitespace(bytes[start]) { start += 1 }
        while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    /// The bytes without trailing SP, HTAB, CR and LF.
    static func trimmedTrailing(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var end = bytes.endIndex
        while end > bytes.startIndex, isWhitespace(bytes[end - 1]) { end -= 1 }
        return bytes[bytes.startIndex..<end]
    }

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    /// RFC 3261 section 25.1 `token`: alphanumerics and `-.!%*_+`'~`.
    @inline(__always)
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        SIPCharacterClass.token.contains(byte)
    }

    /// Characters of an unquoted parameter value: token characters plus those of a host
    /// (`:` and `[]` for IPv6 references, RFC 3261 section 25.1 `gen-value`).
    @inline(__always)
    static func isParameterValueCharacter(_ byte: UInt8) -> Bool {
        isTokenCharacter(byte) || byte == 0x3A || byte == 0x5B || byte == 0x5D
    }
}
