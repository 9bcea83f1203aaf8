/// The values the call analysis reads from every message (From and To tags, the top Via's branch
/// and sent-by), scanned from the bytes without building the typed header. Listing the calls of
/// a large capture reads them millions of times; the typed parse makes a String per component.
///
/// The scan takes only the common shape of each header. Anything unusual (line folding, a quoted
/// parameter value, a comment, control bytes) falls back to the typed parser, so the answer is
/// always the one ``from()``, ``to()`` and ``topVia()`` give when they parse.
extension SIPMessage {
    /// The From tag (RFC 3261 section 19.3), or `nil` when absent or unreadable.
    public func fromTag() -> String? {
        guard let value = firstRawValue(.from) else { return nil }
        if let scanned = SIPQuickScan.tag(inAddress: value) { return scanned }
        return ((try? from()) ?? nil)?.tag
    }

    /// The To tag (RFC 3261 section 19.3), or `nil` when absent or unreadable.
    public func toTag() -> String? {
        guard let value = firstRawValue(.to) else { return nil }
        if let scanned = SIPQuickScan.tag(inAddress: value) { return scanned }
        return ((try? to()) ?? nil)?.tag
    }

    /// The top Via's branch and sent-by (host lowercased, `:port` when written), which identify
    /// the transaction (RFC 3261 section 17.2.3); `nil` when there is no readable Via.
    public func topViaTransactionIdentity() -> (branch: String?, sentBy: String)? {
        guard let value = firstRawValue(.via) else { return nil }
        if let scanned = SIPQuickScan.viaIdentity(value) { return scanned }
        guard let via = (try? topVia()) ?? nil else { return nil }
        let host = via.host.text.lowercased()
        return (via.branch, via.port.map { "\(host):\($0)" } ?? host)
    }

    /// ``topViaTransactionIdentity()`` as the message's own bytes, when the top Via has the plain
    /// shape and its sent-by is already written as that gives it (lowercase host, no leading
    /// zero in the port): matching a message to its transaction then needs no String. `nil`
    /// otherwise, and ``topViaTransactionIdentity()`` gives the answer.
    public func topViaTransactionIdentityBytes() -> (branch: ArraySlice<UInt8>?, sentBy: ArraySlice<UInt8>)? {
        guard let value = firstRawValue(.via), let layout = SIPQuickScan.viaLayout(value), layout.isCanonical else {
            return nil
        }
        return (layout.branch.map { SIPQuickScan.slice(value, $0) }, SIPQuickScan.slice(value, layout.sentBy))
    }
}

extension SIPMessage {
    /// The Call-ID's bytes when it has the usual shape, visible ASCII between optional white
    /// space: then ``callID()`` gives exactly these bytes, without the notes it works out for
    /// unusual Call-IDs (RFC 3261 section 20.8). `nil` for any other shape, or no Call-ID.
    public func plainCallIDBytes() -> ArraySlice<UInt8>? {
        guard let raw = firstRawValue(.callID) else { return nil }
        let value = SIPScanner.trimmed(raw)
        guard !value.isEmpty, !value.contains(where: { $0 < 0x21 || $0 > 0x7E }) else { return nil }
        return value
    }

    /// The CSeq as ``cseq()`` reads it (RFC 3261 section 20.16), or `nil` when absent or
    /// unreadable: the usual `number SP method` scanned from the bytes, other shapes parsed.
    public func cseqValue() -> SIPCSeq? {
        guard let value = firstRawValue(.cseq) else { return nil }
        if let scanned = SIPQuickScan.cseq(value) { return scanned }
        return (try? cseq()) ?? nil
    }
}

/// The byte scans behind ``SIPMessage/fromTag()`` and friends. Each returns `nil` when the
/// value is not of the plain shape it reads, and the caller then uses the typed parser.
///
/// The scans read a `Span` of the value by offsets from 0 (bounds-checked, and cheaper per byte
/// than slice indices), and make Strings from the value's own slice at the end.
enum SIPQuickScan {
    /// The tag of a name-addr or addr-spec value: `.some(nil)` when it has none.
    static func tag(inAddress value: ArraySlice<UInt8>) -> String?? {
        let bytes = value.span
        guard let start = headerParametersStart(bytes),
            let found = parameter(named: "tag", in: bytes, from: start, to: bytes.count)
        else { return nil }
        return .some(found.map { text(value, $0) })
    }

    /// A CSeq of the plain shape: digits (at most ten, less than 2^31), spaces, a token, and
    /// nothing else but spaces.
    static func cseq(_ value: ArraySlice<UInt8>) -> SIPCSeq? {
        let bytes = value.span
        var position = 0
        skipSpaces(bytes, &position, to: bytes.count)
        let digitsStart = position
        var number: UInt64 = 0
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
            // Ten digits fit in 64 bits; longer numbers are the parser's to judge.
            guard position - digitsStart < 10 else { return nil }
            number = number * 10 + UInt64(bytes[position] - 0x30)
            position += 1
        }
        guard position > digitsStart, number < UInt64(SIPCSeq.limit) else { return nil }
        let numberEnd = position
        skipSpaces(bytes, &position, to: bytes.count)
        guard position > numberEnd else { return nil }
        let methodStart = position
        while position < bytes.count, SIPScanner.isTokenCharacter(bytes[position]) { position += 1 }
        guard position > methodStart else { return nil }
        let methodEnd = position
        skipSpaces(bytes, &position, to: bytes.count)
        guard position == bytes.count else { return nil }
        let method = value[(value.startIndex + methodStart)..<(value.startIndex + methodEnd)]
        return SIPCSeq(number: UInt32(number), method: SIPText.string(method))
    }

    /// `value`'s bytes at the offsets `range`, as a String.
    private static func text(_ value: ArraySlice<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: slice(value, range), as: UTF8.self)
    }

    /// `value`'s bytes at the offsets `range` (offsets from its start, within its count).
    static func slice(_ value: ArraySlice<UInt8>, _ range: Range<Int>) -> ArraySlice<UInt8> {
        value[(value.startIndex + range.lowerBound)..<(value.startIndex + range.upperBound)]
    }

    /// Where the header parameters of an address value begin: after `>` in the name-addr form,
    /// at the first `;` in the addr-spec form, whose URI cannot have parameters of its own
    /// (RFC 3261 section 20.10).
    private static func headerParametersStart(_ value: Span<UInt8>) -> Int? {
        var position = 0
        var inQuotes = false
        while position < value.count {
            let byte = value[position]
            if byte < 0x20 && byte != 0x09 { return nil }
            if inQuotes {
                if byte == 0x5C { position += 1 } else if byte == 0x22 { inQuotes = false }
            } else if byte == 0x22 {
                inQuotes = true
            } else if byte == 0x3C {
                guard let close = firstIndex(of: 0x3E, in: value, from: position) else { return nil }
                return close + 1
            } else if byte == 0x3B {
                // The parser reads everything before a later '<' as a display name: the
                // addr-spec form holds only if none follows (nor a quote, which may hide one).
                var rest = position + 1
                while rest < value.count {
                    if value[rest] == 0x3C || value[rest] == 0x22 { return nil }
                    rest += 1
                }
                return position
            }
            position += 1
        }
        return inQuotes ? nil : value.count
    }

    /// Where the identity of the first value of a Via header lies: `SIP/2.0/UDP host:port;params`.
    struct ViaLayout {
        /// The branch value's offsets, `nil` when there is none.
        let branch: Range<Int>?
        /// `host[:port]` as written.
        let sentBy: Range<Int>
        let host: Range<Int>
        let port: Int?
        /// Whether the sent-by as written is already the normal form: no capitals, no leading zero.
        let isCanonical: Bool
    }

    /// Branch and sent-by of the first value of a Via header, as Strings (host lowercased).
    static func viaIdentity(_ value: ArraySlice<UInt8>) -> (branch: String?, sentBy: String)? {
        guard let layout = viaLayout(value) else { return nil }
        let branchText = layout.branch.map { text(value, $0) }
        // One String straight from the bytes in the usual case, rather than an array and two Strings.
        if layout.isCanonical { return (branchText, text(value, layout.sentBy)) }
        let bytes = value.span
        var sentBy = layout.host.map { bytes[$0] >= 0x41 && bytes[$0] <= 0x5A ? bytes[$0] | 0x20 : bytes[$0] }
        if let port = layout.port {
            sentBy.append(0x3A)
            sentBy += String(port).utf8
        }
        return (branchText, String(decoding: sentBy, as: UTF8.self))
    }

    /// The layout of the first value of a Via header, `nil` when it is not of the plain shape.
    static func viaLayout(_ value: ArraySlice<UInt8>) -> ViaLayout? {
        let bytes = value.span
        var position = 0
        // sent-protocol: three tokens joined by `/`, spaces allowed around the slashes.
        for part in 0..<3 {
            skipSpaces(bytes, &position, to: bytes.count)
            let tokenStart = position
            while position < bytes.count, isToken(bytes[position]) { position += 1 }
            guard position > tokenStart else { return nil }
            skipSpaces(bytes, &position, to: bytes.count)
            if part < 2 {
                guard position < bytes.count, bytes[position] == 0x2F else { return nil }
                position += 1
            }
        }
        let hostStart = position
        if position < bytes.count, bytes[position] == 0x5B {
            guard let close = firstIndex(of: 0x5D, in: bytes, from: position) else { return nil }
            position = close + 1
        } else {
            while position < bytes.count, isHostByte(bytes[position]) { position += 1 }
        }
        guard position > hostStart else { return nil }
        let hostEnd = position
        var isCanonical = true
        for offset in hostStart..<hostEnd where bytes[offset] >= 0x41 && bytes[offset] <= 0x5A { isCanonical = false }
        var port: Int?
        if position < bytes.count, bytes[position] == 0x3A {
            position += 1
            let digitsStart = position
            var number = 0
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39, number <= 65_535 {
                number = number * 10 + Int(bytes[position] - 0x30)
                position += 1
            }
            guard position > digitsStart, number <= 65_535 else { return nil }
            if bytes[digitsStart] == 0x30, position - digitsStart > 1 { isCanonical = false }
            port = number
        }
        let sentByEnd = position
        skipSpaces(bytes, &position, to: bytes.count)
        let end = firstIndex(of: 0x2C, in: bytes, from: position) ?? bytes.count
        guard position == end || bytes[position] == 0x3B,
            let branch = parameter(named: "branch", in: bytes, from: position, to: end)
        else { return nil }
        return ViaLayout(
            branch: branch,
            sentBy: hostStart..<sentByEnd,
            host: hostStart..<hostEnd,
            port: port,
            isCanonical: isCanonical
        )
    }

    /// Where the value of the parameter `name` (lowercase) lies in `;name=value;...` between
    /// `start` and `end`: `.some(nil)` when it is absent or has no value, `nil` when the
    /// parameters are not of the plain shape.
    private static func parameter(
        named name: StaticString,
        in bytes: Span<UInt8>,
        from start: Int,
        to end: Int
    ) -> Range<Int>?? {
        var found: Range<Int>?? = .some(nil)
        var position = start
        while position < end {
            skipSpaces(bytes, &position, to: end)
            guard position < end else { break }
            guard bytes[position] == 0x3B else { return nil }
            position += 1
            skipSpaces(bytes, &position, to: end)
            let nameStart = position
            while position < end, isToken(bytes[position]) { position += 1 }
            guard position > nameStart else { return nil }
            let nameEnd = position
            skipSpaces(bytes, &position, to: end)
            var valueRange: Range<Int>?
            if position < end, bytes[position] == 0x3D {
                position += 1
                skipSpaces(bytes, &position, to: end)
                let valueStart = position
                while position < end, isParameterValueByte(bytes[position]) { position += 1 }
                guard position > valueStart else { return nil }
                valueRange = valueStart..<position
            }
            // The first parameter of that name counts, as in SIPParameters.
            if case .some(.none) = found, matches(bytes, nameStart..<nameEnd, name) {
                found = .some(valueRange)
                if valueRange == nil { return found }
            }
        }
        return found
    }

    /// Whether the bytes at `range` spell `name` (lowercase ASCII letters) in any case: every
    /// message's From, To and Via parameters are compared with a name or two.
    private static func matches(_ bytes: Span<UInt8>, _ range: Range<Int>, _ name: StaticString) -> Bool {
        name.withUTF8Buffer { wanted in
            guard range.count == wanted.count else { return false }
            var position = range.lowerBound
            for byte in wanted {
                guard bytes[position] | 0x20 == byte else { return false }
                position += 1
            }
            return true
        }
    }

    /// The offset of the first `byte` at or after `start`.
    private static func firstIndex(of byte: UInt8, in bytes: Span<UInt8>, from start: Int) -> Int? {
        var position = start
        while position < bytes.count {
            if bytes[position] == byte { return position }
            position += 1
        }
        return nil
    }

    private static func skipSpaces(_ bytes: Span<UInt8>, _ position: inout Int, to end: Int) {
        while position < end, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
    }

    /// RFC 3261 section 25.1 `token` characters.
    private static func isToken(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x2D, 0x2E, 0x21, 0x25, 0x2A, 0x5F, 0x2B, 0x60, 0x27, 0x7E: true
        default: false
        }
    }

    /// Characters of a host name or IPv4 address (RFC 3261 section 25.1 `hostname`).
    private static func isHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E: true
        default: false
        }
    }

    /// Token characters plus those a host or IPv6 reference in a parameter value uses.
    private static func isParameterValueByte(_ byte: UInt8) -> Bool {
        isToken(byte) || byte == 0x3A || byte == 0x5B || byte == 0x5D
    }
}
