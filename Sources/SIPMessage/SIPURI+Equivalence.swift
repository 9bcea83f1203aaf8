/// URI comparison by the rules of RFC 3261 section 19.1.4, apart from ``SIPURI``'s `==`, which
/// compares the components as written.
extension SIPURI {
    /// Whether the two URIs are equivalent by RFC 3261 section 19.1.4:
    ///
    /// - sip and sips URIs are never equivalent; schemes compare case-insensitively.
    /// - User and password compare case-sensitively, host case-insensitively; a component present
    ///   in one URI only (user, password, port, even at its default 5060) makes them differ.
    ///   A host name never matches an IP address, even one it resolves to.
    /// - `%HH` escapes of characters outside the reserved set (RFC 2396: `; / ? : @ & = + $ ,`)
    ///   equal the characters themselves; escapes of reserved characters stay escapes.
    /// - Parameters: order does not matter, names and values compare case-insensitively; a
    ///   parameter in both must match; `user`, `ttl`, `method`, `maddr` and `transport` in one
    ///   URI only make them differ (the section's default-value rule); other parameters in one
    ///   URI only are ignored.
    /// - Headers are never ignored: both URIs carry the same headers, in any order, names
    ///   compared case-insensitively and values exactly.
    ///
    /// URIs of other schemes (tel, RFC 3966 section 4, has rules of its own) are equivalent when
    /// scheme and text after it are, escapes resolved as above.
    public func isEquivalent(to other: SIPURI) -> Bool {
        guard SIPText.equalsIgnoringCase(scheme, other.scheme) else { return false }
        guard isSIP else {
            return Self.comparable(opaque, foldingCase: false) == Self.comparable(other.opaque, foldingCase: false)
        }
        guard
            user.map({ Self.comparable($0, foldingCase: false) })
                == other.user.map({ Self.comparable($0, foldingCase: false) }),
            password.map({ Self.comparable($0, foldingCase: false) })
                == other.password.map({ Self.comparable($0, foldingCase: false) }),
            host.map({ Self.comparable($0.text, foldingCase: true) })
                == other.host.map({ Self.comparable($0.text, foldingCase: true) }),
            port == other.port
        else { return false }
        let mine = Self.comparableParameters(parameters)
        let theirs = Self.comparableParameters(other.parameters)
        for (name, value) in mine {
            if let otherValue = theirs[name] {
                guard value == otherValue else { return false }
            } else if Self.parametersThatMustMatch.contains(name) {
                return false
            }
        }
        for name in theirs.keys where mine[name] == nil && Self.parametersThatMustMatch.contains(name) {
            return false
        }
        return Self.comparableHeaders(headers) == Self.comparableHeaders(other.headers)
    }

    /// The parameters that RFC 3261 section 19.1.4 does not ignore when only one URI has them.
    private static let parametersThatMustMatch: Set<[UInt8]> = [
        Array("user".utf8), Array("ttl".utf8), Array("method".utf8), Array("maddr".utf8), Array("transport".utf8),
    ]

    /// Name to value, both escape-resolved and lower-cased; the first of a repeated name counts.
    private static func comparableParameters(_ parameters: SIPParameters) -> [[UInt8]: [UInt8]?] {
        var result: [[UInt8]: [UInt8]?] = [:]
        for parameter in parameters {
            let name = comparable(parameter.name, foldingCase: true)
            if result[name] == nil {
                result[name] = .some(parameter.value.map { comparable($0, foldingCase: true) })
            }
        }
        return result
    }

    /// The headers as sorted pairs, so that order does not matter but repetitions do.
    private static func comparableHeaders(_ headers: [SIPParameter]) -> [[UInt8]] {
        headers.map { header in
            // NUL cannot be in a URI unescaped, so it separates name and value unambiguously.
            comparable(header.name, foldingCase: true) + [0] + comparable(header.value ?? "", foldingCase: false)
        }
        .sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// `text` with `%HH` escapes of unreserved characters resolved, escapes of reserved ones
    /// (and of `%`) kept with upper-case hex digits, and ASCII letters lower-cased when
    /// `foldingCase`: two components are equivalent when these bytes are equal.
    static func comparable(_ text: String, foldingCase: Bool) -> [UInt8] {
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x25, index + 2 < bytes.count, let high = SIPText.hexValue(bytes[index + 1]),
                let low = SIPText.hexValue(bytes[index + 2])
            {
                let decoded = high << 4 | low
                if isReserved(decoded) {
                    result += [0x25, upperHexDigit(high), upperHexDigit(low)]
                } else {
                    result.append(foldingCase ? SIPText.lowercased(decoded) : decoded)
                }
                index += 3
            } else {
                result.append(foldingCase ? SIPText.lowercased(byte) : byte)
                index += 1
            }
        }
        return result
    }

    /// RFC 2396 section 2.2 `reserved` (which RFC 3261 section 19.1.4 refers to), and `%`, whose
    /// escape must not become the start of another one.
    private static func isReserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x3B, 0x2F, 0x3F, 0x3A, 0x40, 0x26, 0x3D, 0x2B, 0x24, 0x2C, 0x25: true
        default: false
        }
    }

    private static func upperHexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : 0x41 + value - 10
    }
}
