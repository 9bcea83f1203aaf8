/// The reader of ``SIPNameAddress/plain(_:limits:)``: the steps of ``SIPNameAddress/parse(_:limits:notes:)``
/// and ``SIPScanner``, on a buffer whose count fits a UInt16, each giving up where the full parse
/// would note or throw something.
///
/// In a list, an element ends at a comma outside quotes and `<` `>`, and offsets are kept from
/// the element's start (``origin``).
///
/// Every read of `buffer` is at an offset checked against `buffer.count` just before it.
struct PlainAddressReader {
    let buffer: UnsafeBufferPointer<UInt8>
    let isList: Bool
    var offset = 0
    /// Where the current element starts: the offsets kept are from here.
    private var origin = 0
    /// Where the current element ends, white space trimmed, once read.
    private(set) var elementEnd = 0

    /// ``SIPScanner/isParameterValueCharacter(_:)`` as one set: token characters, `:`, `[` and `]`.
    static let parameterValue = SIPCharacterClass(low: 0x07FF_6CA2_0000_0000, high: 0x47FF_FFFF_AFFF_FFFE)

    init(buffer: UnsafeBufferPointer<UInt8>, isList: Bool) {
        self.buffer = buffer
        self.isList = isList
    }

    /// Moves to the next non-empty element of a list and returns its start; `nil` at the end.
    /// Leading white space and empty elements are skipped, as ``SIPScanner/forEachListElement(_:limits:notes:_:)`` does.
    mutating func nextElement() -> Int? {
        while offset < buffer.count {
            let byte = buffer[offset]
            if SIPScanner.isWhitespace(byte) || byte == 0x2C {
                offset += 1
            } else {
                origin = offset
                return offset
            }
        }
        return nil
    }

    func peek(_ ahead: Int = 0) -> UInt8? {
        offset + ahead < buffer.count ? buffer[offset + ahead] : nil
    }

    /// ``SIPScanner/skipWhitespace()``: SP, HTAB and line folding.
    @inline(__always)
    mutating func skipWhitespace() {
        // Usually there is none: one comparison instead of a call.
        guard let byte = peek(), byte <= 0x20 else { return }
        skipWhitespaceRun()
    }

    private mutating func skipWhitespaceRun() {
        while let byte = peek() {
            if byte == 0x20 || byte == 0x09 {
                offset += 1
            } else if byte == 0x0D, peek(1) == 0x0A, let next = peek(2), next == 0x20 || next == 0x09 {
                offset += 3
            } else if byte == 0x0A, let next = peek(1), next == 0x20 || next == 0x09 {
                offset += 2
            } else {
                return
            }
        }
    }

    /// The whole value: display name, URI, parameters.
    mutating func address(maxParameters: Int) -> (SIPAddressSource.AddressLayout, SIPURI.PlainLayout)? {
        guard let first = peek() else { return nil }
        var address = SIPAddressSource.AddressLayout()
        if first == 0x22 {
            guard let (start, end, escaped) = quotedString() else { return nil }
            address.displayName = escaped ? .quotedEscaped : .quoted
            address.displayStart = relative(start)
            address.displayEnd = relative(end)
            skipWhitespace()
            guard peek() == 0x3C else { return nil }
        } else if let open = firstUnquotedAngle() {
            guard displayTokens(before: open, into: &address) else { return nil }
            offset = open
        } else {
            return addrSpec(maxParameters: maxParameters)
        }
        // name-addr: LAQUOT addr-spec RAQUOT. A plain URI has no white space, so none is inside,
        // and no '>', so it ends at the first one, where the full parse ends it.
        let uriStart = offset + 1
        guard uriStart <= buffer.count,
            let (uri, length) = SIPURI.PlainLayout.prefix(
                of: UnsafeBufferPointer(rebasing: buffer[uriStart...]),
                maxParameters: maxParameters
            ),
            uri.hasAllParameterSpans
        else { return nil }
        let close = uriStart + length
        guard close < buffer.count, buffer[close] == 0x3E else { return nil }
        address.isNameAddr = true
        address.uriStart = relative(uriStart)
        address.uriEnd = relative(close)
        offset = close + 1
        guard parameters(into: &address.parameters, maxParameters: maxParameters) else { return nil }
        return (address, uri)
    }

    /// A token display name before the `<` at `open`, trimmed; one with other characters is
    /// noted by the full parse (RFC 4475 section 3.1.2.15), so it is not plain.
    private func displayTokens(before open: Int, into address: inout SIPAddressSource.AddressLayout) -> Bool {
        var start = offset
        var end = min(open, buffer.count)
        // Reads stay in start..<end, within the buffer: `end` is at most buffer.count.
        while start < end, SIPScanner.isWhitespace(buffer[start]) { start += 1 }
        while end > start, SIPScanner.isWhitespace(buffer[end - 1]) { end -= 1 }
        guard end > start else { return true }
        for position in start..<end {
            let byte = buffer[position]
            guard SIPScanner.isTokenCharacter(byte) || SIPScanner.isWhitespace(byte) else { return false }
        }
        address.displayName = .tokens
        address.displayStart = relative(start)
        address.displayEnd = relative(end)
        return true
    }

    /// The addr-spec form, split as the full parse splits it: the URI ends at white space (or,
    /// in a list, a comma) or at the first `;` after the host; a URI with `,` `?` or `;` is
    /// noted, so not plain.
    private mutating func addrSpec(maxParameters: Int) -> (SIPAddressSource.AddressLayout, SIPURI.PlainLayout)? {
        let count = buffer.count
        let start = offset
        var spanEnd = start
        while spanEnd < count, !SIPScanner.isWhitespace(buffer[spanEnd]), !(isList && buffer[spanEnd] == 0x2C) {
            spanEnd += 1
        }
        let at = firstIndex(of: 0x40, from: start, below: spanEnd)
        let hostStart = (at ?? firstIndex(of: 0x3A, from: start, below: spanEnd)).map { $0 + 1 } ?? start
        var uriEnd = hostStart
        // Reads stay below spanEnd, which is at most count.
        while uriEnd < spanEnd, buffer[uriEnd] != 0x3B { uriEnd += 1 }
        for position in start..<uriEnd {
            let byte = buffer[position]
            if byte == 0x2C || byte == 0x3F || byte == 0x3B { return nil }
        }
        guard
            let uri = SIPURI.PlainLayout(
                buffer: UnsafeBufferPointer(rebasing: buffer[start..<uriEnd]),
                maxParameters: maxParameters
            )
        else { return nil }
        var address = SIPAddressSource.AddressLayout()
        address.uriStart = relative(start)
        address.uriEnd = relative(uriEnd)
        offset = uriEnd
        guard parameters(into: &address.parameters, maxParameters: maxParameters) else { return nil }
        return (address, uri)
    }

    /// `*( SEMI generic-param )` to the end of the value or element, as ``SIPScanner/parameters(limits:)``
    /// reads them; `false` for what it would reject, text after them, or more than spans hold.
    private mutating func parameters(into spans: inout SIPParameterSpans, maxParameters: Int) -> Bool {
        let token = SIPCharacterClass.token
        while true {
            skipWhitespace()
            if isAtElementEnd() { return true }
            guard peek() == 0x3B, spans.count < maxParameters else { return false }
            offset += 1
            skipWhitespace()
            let nameStart = offset
            while offset < buffer.count, token.contains(buffer[offset]) { offset += 1 }
            guard offset > nameStart else { return false }
            var span = SIPParameterSpans.Span(nameStart: relative(nameStart), nameEnd: relative(offset))
            let afterName = offset
            skipWhitespace()
            if peek() == 0x3D {
                offset += 1
                skipWhitespace()
                guard value(into: &span) else { return false }
            } else {
                offset = afterName
            }
            guard spans.append(span) else { return false }
        }
    }

    /// Whether only white space is left before the end (or, in a list, before a comma): the
    /// element then ends before that white space, trimmed as the list splitter trims it.
    private mutating func isAtElementEnd() -> Bool {
        var position = offset
        while position < buffer.count, SIPScanner.isWhitespace(buffer[position]) { position += 1 }
        // `position` is below buffer.count when the comma is read.
        guard position == buffer.count || (isList && buffer[position] == 0x2C) else { return false }
        offset = position
        var end = position
        // `end - 1` is at least origin, a position of the buffer.
        while end > origin, SIPScanner.isWhitespace(buffer[end - 1]) { end -= 1 }
        elementEnd = end
        return true
    }

    /// A parameter value after `=`: a quoted-string, `gen-value` characters, or nothing.
    private mutating func value(into span: inout SIPParameterSpans.Span) -> Bool {
        if peek() == 0x22 {
            guard let (start, end, escaped) = quotedString() else { return false }
            span.form = escaped ? .quotedEscaped : .quoted
            span.valueStart = relative(start)
            span.valueEnd = relative(end)
            return true
        }
        let start = offset
        let allowed = Self.parameterValue
        while offset < buffer.count, allowed.contains(buffer[offset]) { offset += 1 }
        span.form = .plain
        span.valueStart = relative(start)
        span.valueEnd = relative(offset)
        return true
    }

    /// A `quoted-string` read as ``SIPScanner/quotedString()`` reads it: the offsets inside the
    /// quotes and whether a `quoted-pair` is there; `nil` when it is not closed.
    private mutating func quotedString() -> (start: Int, end: Int, escaped: Bool)? {
        let start = offset + 1
        var position = start
        var escaped = false
        while position < buffer.count {
            let byte = buffer[position]
            if byte == 0x22 {
                offset = position + 1
                return (start, position, escaped)
            }
            if byte == 0x5C {
                escaped = true
                position += 1
            }
            position += 1
        }
        return nil
    }

    /// ``SIPNameAddress/firstUnquotedAngle(_:)`` from the element's start; in a list, `nil` at a
    /// comma outside quotes, which ends the element.
    private func firstUnquotedAngle() -> Int? {
        var inQuotes = false
        var position = offset
        while position < buffer.count {
            let byte = buffer[position]
            if inQuotes && byte == 0x5C {
                position += 2
                continue
            }
            if byte == 0x22 {
                inQuotes.toggle()
            } else if !inQuotes && byte == 0x3C {
                return position
            } else if !inQuotes && isList && byte == 0x2C {
                return nil
            }
            position += 1
        }
        return nil
    }

    private func firstIndex(of byte: UInt8, from start: Int, below end: Int) -> Int? {
        var position = start
        while position < end, position < buffer.count {
            if buffer[position] == byte { return position }
            position += 1
        }
        return nil
    }

    /// A position in the buffer as a span offset, from the element's start: the buffer's count
    /// fits a UInt16 (checked by the callers), and positions never pass it.
    private func relative(_ position: Int) -> UInt16 {
        UInt16(truncatingIfNeeded: position - origin)
    }
}
