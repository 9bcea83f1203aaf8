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
}

/// The byte scans behind ``SIPMessage/fromTag()`` and friends. Each returns `nil` when the
/// value is not of the plain shape it reads, and the caller then uses the typed parser.
enum SIPQuickScan {
    /// The tag of a name-addr or addr-spec value: `.some(nil)` when it has none.
    static func tag(inAddress value: ArraySlice<UInt8>) -> String?? {
        guard let start = headerParametersStart(value) else { return nil }
        return parameter(named: "tag", in: value[start...])
    }

    /// Where the header parameters of an address value begin: after `>` in the name-addr form,
    /// at the first `;` in the addr-spec form, whose URI cannot have parameters of its own
    /// (RFC 3261 section 20.10).
    private static func headerParametersStart(_ value: ArraySlice<UInt8>) -> Int? {
        var position = value.startIndex
        var inQuotes = false
        while position < value.endIndex {
            let byte = value[position]
            if byte < 0x20 && byte != 0x09 { return nil }
            if inQuotes {
                if byte == 0x5C { position += 1 } else if byte == 0x22 { inQuotes = false }
            } else if byte == 0x22 {
                inQuotes = true
            } else if byte == 0x3C {
                guard let close = value[position...].firstIndex(of: 0x3E) else { return nil }
                return close + 1
            } else if byte == 0x3B {
                return position
            }
            position += 1
        }
        return inQuotes ? nil : value.endIndex
    }

    /// Branch and sent-by of the first value of a Via header: `SIP/2.0/UDP host:port;params`.
    static func viaIdentity(_ value: ArraySlice<UInt8>) -> (branch: String?, sentBy: String)? {
        var position = value.startIndex
        // sent-protocol: three tokens joined by `/`, spaces allowed around the slashes.
        for part in 0..<3 {
            skipSpaces(value, &position)
            let tokenStart = position
            while position < value.endIndex, isToken(value[position]) { position += 1 }
            guard position > tokenStart else { return nil }
            skipSpaces(value, &position)
            if part < 2 {
                guard position < value.endIndex, value[position] == 0x2F else { return nil }
                position += 1
            }
        }
        let hostStart = position
        if position < value.endIndex, value[position] == 0x5B {
            guard let close = value[position...].firstIndex(of: 0x5D) else { return nil }
            position = close + 1
        } else {
            while position < value.endIndex, isHostByte(value[position]) { position += 1 }
        }
        guard position > hostStart else { return nil }
        let hostEnd = position
        var port: Int?
        // Whether `host:port` as written is already the sent-by text: no capitals, no leading zero.
        var isCanonical = !value[hostStart..<hostEnd].contains { $0 >= 0x41 && $0 <= 0x5A }
        if position < value.endIndex, value[position] == 0x3A {
            position += 1
            let digitsStart = position
            var number = 0
            while position < value.endIndex, value[position] >= 0x30, value[position] <= 0x39, number <= 65_535 {
                number = number * 10 + Int(value[position] - 0x30)
                position += 1
            }
            guard position > digitsStart, number <= 65_535 else { return nil }
            if value[digitsStart] == 0x30, position - digitsStart > 1 { isCanonical = false }
            port = number
        }
        let sentByEnd = position
        skipSpaces(value, &position)
        let end = value[position...].firstIndex(of: 0x2C) ?? value.endIndex
        guard position == end || value[position] == 0x3B,
            let branch = parameter(named: "branch", in: value[position..<end])
        else { return nil }
        // One String straight from the bytes in the usual case, rather than an array and two Strings.
        if isCanonical { return (branch, String(decoding: value[hostStart..<sentByEnd], as: UTF8.self)) }
        var sentBy = value[hostStart..<hostEnd].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        if let port {
            sentBy.append(0x3A)
            sentBy += String(port).utf8
        }
        return (branch, String(decoding: sentBy, as: UTF8.self))
    }

    /// The value of the parameter `name` (lowercase) in `;name=value;...`: `.some(nil)` when it
    /// is absent or has no value, `nil` when the parameters are not of the plain shape.
    private static func parameter(named name: StaticString, in parameters: ArraySlice<UInt8>) -> String?? {
        var found: String?? = .some(nil)
        var position = parameters.startIndex
        while position < parameters.endIndex {
            skipSpaces(parameters, &position)
            guard position < parameters.endIndex else { break }
            guard parameters[position] == 0x3B else { return nil }
            position += 1
            skipSpaces(parameters, &position)
            let nameStart = position
            while position < parameters.endIndex, isToken(parameters[position]) { position += 1 }
            let nameBytes = parameters[nameStart..<position]
            guard !nameBytes.isEmpty else { return nil }
            skipSpaces(parameters, &position)
            var valueBytes: ArraySlice<UInt8>?
            if position < parameters.endIndex, parameters[position] == 0x3D {
                position += 1
                skipSpaces(parameters, &position)
                let valueStart = position
                while position < parameters.endIndex, isParameterValueByte(parameters[position]) { position += 1 }
                guard position > valueStart else { return nil }
                valueBytes = parameters[valueStart..<position]
            }
            // The first parameter of that name counts, as in SIPParameters.
            if case .some(.none) = found, matches(nameBytes, name) {
                found = .some(valueBytes.map { String(decoding: $0, as: UTF8.self) })
                if valueBytes == nil { return found }
            }
        }
        return found
    }

    /// Whether `bytes` spell `name` (lowercase ASCII letters) in any case, compared as bytes:
    /// every message's From, To and Via parameters are compared with a name or two.
    private static func matches(_ bytes: ArraySlice<UInt8>, _ name: StaticString) -> Bool {
        name.withUTF8Buffer { wanted in
            guard bytes.count == wanted.count else { return false }
            var position = bytes.startIndex
            for byte in wanted {
                guard bytes[position] | 0x20 == byte else { return false }
                position += 1
            }
            return true
        }
    }

    private static func skipSpaces(_ bytes: ArraySlice<UInt8>, _ position: inout Int) {
        while position < bytes.endIndex, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
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
