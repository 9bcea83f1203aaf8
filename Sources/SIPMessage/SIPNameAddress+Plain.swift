extension SIPNameAddress {
    /// The usual address, read without making Strings: `"name" <uri>;params`, `name <uri>;params`,
    /// `<uri>;params` or `uri;params` (RFC 3261 section 25.1 `name-addr` / `addr-spec`, then
    /// `*( SEMI generic-param )`) whose URI is a plain SIP URI (``SIPURI/plainSIP(_:limits:)``)
    /// and whose parameters fit ``SIPParameterSpans``. `nil` for anything else, and for anything
    /// the full parse would note or reject: ``parse(_:limits:notes:)`` then reads it, so errors
    /// and notes are its own. The result holds what the full parse gives for these bytes.
    ///
    /// `value` is trimmed.
    static func plain(_ value: ArraySlice<UInt8>, limits: SIPParseLimits) -> SIPAddressSource? {
        guard let first = value.first, SIPParameterSpans.fits(value) else { return nil }
        var address = SIPAddressSource.AddressLayout()
        var scanner = SIPScanner(value)
        if first == 0x22 {
            guard let (content, escaped) = scanner.quotedSpan() else { return nil }
            address.displayName = escaped ? .quotedEscaped : .quoted
            address.displayStart = offset(content.lowerBound, in: value)
            address.displayEnd = offset(content.upperBound, in: value)
            scanner.skipWhitespace()
            guard scanner.peek() == 0x3C else { return nil }
        } else if let open = firstUnquotedAngle(value) {
            let name = SIPScanner.trimmed(value[value.startIndex..<open])
            if !name.isEmpty {
                // Other characters are noted by the full parse.
                guard name.allSatisfy({ SIPScanner.isTokenCharacter($0) || SIPScanner.isWhitespace($0) }) else {
                    return nil
                }
                address.displayName = .tokens
                address.displayStart = offset(name.startIndex, in: value)
                address.displayEnd = offset(name.endIndex, in: value)
            }
            scanner.advance(open - scanner.index)
        } else {
            return plainAddrSpec(value, limits: limits)
        }
        // name-addr: LAQUOT addr-spec RAQUOT. A plain URI has no white space, so none is inside.
        scanner.advance()
        guard let close = value[scanner.index...].firstIndex(of: 0x3E) else { return nil }
        let inside = value[scanner.index..<close]
        guard let uri = SIPURI.PlainLayout(inside, maxParameters: limits.maxParameters), uri.hasAllParameterSpans
        else { return nil }
        address.isNameAddr = true
        address.uriStart = offset(inside.startIndex, in: value)
        address.uriEnd = offset(close, in: value)
        scanner.advance(close + 1 - scanner.index)
        guard plainParameters(&scanner, into: &address.parameters, limits: limits) else { return nil }
        return SIPAddressSource(address: value, address: address, uri: uri)
    }

    /// The addr-spec form, split as ``parse(_:limits:notes:)`` splits it: the URI ends at white
    /// space or at the first `;` after the host; a URI with `,` `?` or `;` is noted, so not plain.
    private static func plainAddrSpec(_ value: ArraySlice<UInt8>, limits: SIPParseLimits) -> SIPAddressSource? {
        let spanEnd = value.firstIndex(where: SIPScanner.isWhitespace) ?? value.endIndex
        let span = value[value.startIndex..<spanEnd]
        var hostStart = span.startIndex
        if let at = span.firstIndex(of: 0x40) {
            hostStart = at + 1
        } else if let colon = span.firstIndex(of: 0x3A) {
            hostStart = colon + 1
        }
        let uriEnd = span[hostStart...].firstIndex(of: 0x3B) ?? spanEnd
        let uriBytes = value[value.startIndex..<uriEnd]
        guard !uriBytes.contains(where: { $0 == 0x2C || $0 == 0x3F || $0 == 0x3B }),
            let uri = SIPURI.PlainLayout(uriBytes, maxParameters: limits.maxParameters), uri.hasAllParameterSpans
        else { return nil }
        var address = SIPAddressSource.AddressLayout()
        address.uriEnd = offset(uriEnd, in: value)
        var scanner = SIPScanner(value)
        scanner.advance(uriEnd - value.startIndex)
        guard plainParameters(&scanner, into: &address.parameters, limits: limits) else { return nil }
        return SIPAddressSource(address: value, address: address, uri: uri)
    }

    /// `*( SEMI generic-param )` up to the end of the value, as ``SIPScanner/parameters(limits:)``
    /// reads them, into `spans`; `false` for anything it would reject, text after them, or more
    /// parameters than spans hold.
    private static func plainParameters(
        _ scanner: inout SIPScanner,
        into spans: inout SIPParameterSpans,
        limits: SIPParseLimits
    ) -> Bool {
        let value = scanner.bytes
        while scanner.consumeSeparator(0x3B) {
            guard spans.count < limits.maxParameters, let name = scanner.token() else { return false }
            var span = SIPParameterSpans.Span(
                nameStart: offset(name.startIndex, in: value),
                nameEnd: offset(name.endIndex, in: value)
            )
            if scanner.consumeSeparator(0x3D) {
                span.form = .plain
                span.valueStart = offset(scanner.index, in: value)
                span.valueEnd = span.valueStart
                if scanner.peek() == 0x22 {
                    guard let (content, escaped) = scanner.quotedSpan() else { return false }
                    span.form = escaped ? .quotedEscaped : .quoted
                    span.valueStart = offset(content.lowerBound, in: value)
                    span.valueEnd = offset(content.upperBound, in: value)
                } else if let text = scanner.scan(while: SIPScanner.isParameterValueCharacter) {
                    span.valueEnd = offset(text.endIndex, in: value)
                }
            }
            guard spans.append(span) else { return false }
        }
        scanner.skipWhitespace()
        return scanner.isAtEnd
    }

    /// The offset of `index` from the start of `value`, whose count fits a UInt16 (checked by
    /// ``plain(_:limits:)``), as is that of any index within it.
    private static func offset(_ index: Int, in value: ArraySlice<UInt8>) -> UInt16 {
        UInt16(truncatingIfNeeded: index - value.startIndex)
    }
}

extension SIPScanner {
    /// A `quoted-string` (RFC 3261 section 25.1) read as ``quotedString()`` reads it, without
    /// making its String: the range inside the quotes, and whether it holds a `quoted-pair`.
    /// `nil`, with nothing consumed, when no quote is next or it is not closed.
    fileprivate mutating func quotedSpan() -> (content: Range<Int>, escaped: Bool)? {
        guard peek() == 0x22 else { return nil }
        let contentStart = index + 1
        var position = contentStart
        var escaped = false
        while position < bytes.endIndex {
            let byte = bytes[position]
            if byte == 0x22 {
                advance(position + 1 - index)
                return (contentStart..<position, escaped)
            }
            if byte == 0x5C {
                escaped = true
                position += 1
            }
            position += 1
        }
        return nil
    }
}
