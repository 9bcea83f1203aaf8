import SIPCapture

/// Finds what is secret or personal in SIP text: URIs' passwords and users, Digest
/// credentials, display names, SDP keys and IP addresses. It reads bytes leniently, never
/// trusting the text to be well formed: a span it cannot delimit is not reported, nothing traps.
enum SensitiveScanner {
    // MARK: - URIs

    /// The userinfo of `sip:`, `sips:` and `scheme://` URIs (RFC 3261 section 19.1.1, RFC 3986
    /// section 3.2.1): the password as a secret, the user as personal data; and the number of
    /// `tel:` URIs (RFC 3966 section 3).
    static func uris(_ bytes: [UInt8], in range: Range<Int>) -> [SensitiveSpan] {
        var spans: [SensitiveSpan] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let start: Int?
            var isTel = false
            if matches(bytes, at: index, "sip:", in: range), !isWordByte(bytes, index - 1, in: range) {
                start = index + 4
            } else if matches(bytes, at: index, "sips:", in: range), !isWordByte(bytes, index - 1, in: range) {
                start = index + 5
            } else if matches(bytes, at: index, "tel:", in: range), !isWordByte(bytes, index - 1, in: range) {
                start = index + 4
                isTel = true
            } else if matches(bytes, at: index, "://", in: range) {
                start = index + 3
            } else {
                start = nil
            }
            guard let start else {
                index += 1
                continue
            }
            if isTel {
                var end = start
                while end < range.upperBound, isTelNumberByte(bytes[end]) { end += 1 }
                if end > start { spans.append(SensitiveSpan(range: start..<end, kind: .user)) }
                index = max(end, index + 1)
                continue
            }
            var end = start
            while end < range.upperBound, isUserinfoByte(bytes[end]) { end += 1 }
            guard end > start, end < range.upperBound, bytes[end] == UInt8(ascii: "@") else {
                index = start
                continue
            }
            if let colon = bytes[start..<end].firstIndex(of: UInt8(ascii: ":")) {
                if colon > start { spans.append(SensitiveSpan(range: start..<colon, kind: .user)) }
                if colon + 1 < end {
                    spans.append(SensitiveSpan(range: (colon + 1)..<end, kind: .secret(.uriPassword)))
                }
            } else {
                spans.append(SensitiveSpan(range: start..<end, kind: .user))
            }
            index = end + 1
        }
        return spans
    }

    /// RFC 3261's `user` and `password` characters together: unreserved, escaped and
    /// `& = + $ , ; ? / :`.
    private static func isUserinfoByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || "-_.!~*'()%&=+$,;?/:".utf8.contains(byte)
    }

    /// A `tel:` number: digits, `+`, RFC 3966's visual separators and hex digits of local
    /// numbers, up to the first parameter.
    private static func isTelNumberByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || "+-.()*#".utf8.contains(byte)
    }

    // MARK: - Addresses

    /// IPv4 dotted quads and IPv6 literals anywhere in the text, with what surrounds them not
    /// part of a longer token (a version `1.2.3.4.5` is not an address).
    static func addresses(_ bytes: [UInt8], in range: Range<Int>) -> [SensitiveSpan] {
        var spans: [SensitiveSpan] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let previous = index > range.lowerBound ? bytes[index - 1] : nil
            let startsToken = previous.map { !isAlphanumeric($0) && $0 != UInt8(ascii: ".") } ?? true
            guard startsToken, isHexDigit(bytes[index]) || bytes[index] == UInt8(ascii: ":") else {
                index += 1
                continue
            }
            // After a colon only a dotted quad starts (`sip:192.0.2.1`): an IPv6 literal there
            // would be the tail of a longer run of groups (a time, a fingerprint).
            let afterColon = previous == UInt8(ascii: ":")
            if let span = ipv4(bytes, at: index, in: range) ?? (afterColon ? nil : ipv6(bytes, at: index, in: range)) {
                spans.append(span)
                index = span.range.upperBound
            } else {
                index += 1
                while index < range.upperBound, isAlphanumeric(bytes[index]) { index += 1 }
            }
        }
        return spans
    }

    /// A dotted quad at `index`: digits and dots, a final dot left out (the end of a sentence),
    /// not followed by a letter or digit; a port after it (`:5060`) is not part of it.
    private static func ipv4(_ bytes: [UInt8], at index: Int, in range: Range<Int>) -> SensitiveSpan? {
        var end = index
        while end < range.upperBound, isDigit(bytes[end]) || bytes[end] == 0x2E { end += 1 }
        if end < range.upperBound, isAlphanumeric(bytes[end]) { return nil }
        var candidateEnd = end
        while candidateEnd > index, bytes[candidateEnd - 1] == 0x2E { candidateEnd -= 1 }
        guard candidateEnd > index, let address = address(bytes[index..<candidateEnd]), !address.isIPv6 else {
            return nil
        }
        return SensitiveSpan(range: index..<candidateEnd, kind: .address(address))
    }

    /// An IPv6 literal at `index` (RFC 4291 section 2.2, with an embedded dotted quad allowed):
    /// hex digits, colons and dots with at least two colons, not followed by a letter or digit.
    private static func ipv6(_ bytes: [UInt8], at index: Int, in range: Range<Int>) -> SensitiveSpan? {
        var end = index
        var colons = 0
        while end < range.upperBound, isHexDigit(bytes[end]) || bytes[end] == 0x2E || bytes[end] == 0x3A {
            if bytes[end] == 0x3A { colons += 1 }
            end += 1
        }
        guard colons >= 2, end == range.upperBound || !isAlphanumeric(bytes[end]) else { return nil }
        var candidateEnd = end
        while candidateEnd > index, bytes[candidateEnd - 1] == 0x2E { candidateEnd -= 1 }
        guard let address = address(bytes[index..<candidateEnd]), address.isIPv6 else { return nil }
        return SensitiveSpan(range: index..<candidateEnd, kind: .address(address))
    }

    private static func address(_ text: ArraySlice<UInt8>) -> IPAddress? {
        String(validating: text, as: UTF8.self).flatMap { IPAddress($0) }
    }

    // MARK: - Header fields

    /// Header fields whose values are name-addr lists with display names (RFC 3261 section 20
    /// and its extensions), by lower-cased name, compact forms included.
    static let nameAddressHeaders: Set<String> = [
        "from", "f", "to", "t", "contact", "m", "reply-to", "refer-to", "r", "referred-by", "b",
        "p-asserted-identity", "p-preferred-identity", "remote-party-id", "diversion", "history-info",
        "p-called-party-id", "route", "record-route",
    ]

    /// The secrets and personal data of one header field value, by its lower-cased `name`:
    /// Digest `response`, `rspauth` and `cnonce` (and every other scheme's credentials whole),
    /// Digest `username`, and display names.
    static func headerValue(name: String, _ bytes: [UInt8], in range: Range<Int>) -> [SensitiveSpan] {
        switch name {
        case "authorization", "proxy-authorization":
            return credentials(bytes, in: range, hasScheme: true)
        case "authentication-info", "proxy-authentication-info":
            return credentials(bytes, in: range, hasScheme: false)
        case _ where nameAddressHeaders.contains(name):
            return displayNames(bytes, in: range)
        default:
            return []
        }
    }

    /// Digest parameters (RFC 8760 section 2.4) or another scheme's credentials. A folded line of
    /// an `Authorization` continues its parameters: `hasScheme` is false there.
    static func credentials(_ bytes: [UInt8], in range: Range<Int>, hasScheme: Bool) -> [SensitiveSpan] {
        var index = skipSpaces(bytes, range.lowerBound, in: range)
        if hasScheme {
            let schemeStart = index
            while index < range.upperBound, isTokenByte(bytes[index]) { index += 1 }
            let scheme = String(decoding: bytes[schemeStart..<index], as: UTF8.self).lowercased()
            guard !scheme.isEmpty else { return [] }
            if scheme != "digest" {
                let valueStart = skipSpaces(bytes, index, in: range)
                let valueEnd = trimmedEnd(bytes, in: valueStart..<range.upperBound)
                guard valueEnd > valueStart else { return [] }
                return [SensitiveSpan(range: valueStart..<valueEnd, kind: .secret(.credentials))]
            }
        }
        var spans: [SensitiveSpan] = []
        while index < range.upperBound {
            while index < range.upperBound, bytes[index] == 0x2C || isSpace(bytes[index]) { index += 1 }
            let nameStart = index
            while index < range.upperBound, isTokenByte(bytes[index]) { index += 1 }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
            index = skipSpaces(bytes, index, in: range)
            guard !name.isEmpty, index < range.upperBound, bytes[index] == UInt8(ascii: "=") else {
                // Not a parameter: step past it to the next comma.
                while index < range.upperBound, bytes[index] != 0x2C { index += 1 }
                continue
            }
            index = skipSpaces(bytes, index + 1, in: range)
            let value: Range<Int>
            if index < range.upperBound, bytes[index] == UInt8(ascii: "\"") {
                let contentStart = index + 1
                var end = contentStart
                while end < range.upperBound, bytes[end] != UInt8(ascii: "\"") {
                    end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                end = min(end, range.upperBound)
                value = contentStart..<end
                index = min(end + 1, range.upperBound)
            } else {
                let start = index
                while index < range.upperBound, bytes[index] != 0x2C, !isSpace(bytes[index]) { index += 1 }
                value = start..<index
            }
            guard !value.isEmpty else { continue }
            switch name {
            case "response", "rspauth": spans.append(SensitiveSpan(range: value, kind: .secret(.digestResponse)))
            case "cnonce": spans.append(SensitiveSpan(range: value, kind: .secret(.cnonce)))
            case "username": spans.append(SensitiveSpan(range: value, kind: .user))
            default: break
            }
        }
        return spans
    }

    /// The display names of a name-addr list (RFC 3261 section 25.1: `display-name` before
    /// `<`): the content of a quoted one, the words of an unquoted one.
    static func displayNames(_ bytes: [UInt8], in range: Range<Int>) -> [SensitiveSpan] {
        var spans: [SensitiveSpan] = []
        var elementStart = range.lowerBound
        var index = range.lowerBound
        var inAngle = false
        var quoted: Range<Int>?
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\""), !inAngle {
                let contentStart = index + 1
                var end = contentStart
                while end < range.upperBound, bytes[end] != UInt8(ascii: "\"") {
                    end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                end = min(end, range.upperBound)
                quoted = contentStart..<end
                index = end + 1
                continue
            }
            if byte == UInt8(ascii: "<"), !inAngle {
                inAngle = true
                if let quoted, !quoted.isEmpty {
                    spans.append(SensitiveSpan(range: quoted, kind: .name))
                } else if quoted == nil {
                    let start = skipSpaces(bytes, elementStart, in: elementStart..<index)
                    let end = trimmedEnd(bytes, in: start..<index)
                    if end > start { spans.append(SensitiveSpan(range: start..<end, kind: .name)) }
                }
            } else if byte == UInt8(ascii: ">") {
                inAngle = false
            } else if byte == 0x2C, !inAngle {
                elementStart = index + 1
                quoted = nil
            }
            index += 1
        }
        return spans
    }

    // MARK: - SDP

    /// The keys of one SDP line (RFC 4566 section 5): `a=crypto` inline keys, `a=key-mgmt` and
    /// `k=` data, `a=ice-pwd`; and the `o=` user name as personal data.
    static func sdpLine(_ bytes: [UInt8], in range: Range<Int>) -> [SensitiveSpan] {
        if matches(bytes, at: range.lowerBound, "a=crypto:", in: range) {
            var spans: [SensitiveSpan] = []
            var index = range.lowerBound
            while index < range.upperBound {
                guard matches(bytes, at: index, "inline:", in: range) else {
                    index += 1
                    continue
                }
                let start = index + 7
                var end = start
                while end < range.upperBound, !"|; \t".utf8.contains(bytes[end]) { end += 1 }
                if end > start { spans.append(SensitiveSpan(range: start..<end, kind: .secret(.srtpKey))) }
                index = end
            }
            return spans
        }
        if matches(bytes, at: range.lowerBound, "a=key-mgmt:", in: range) {
            // `a=key-mgmt:<protocol id> <data>`: the protocol stays, the data goes.
            var index = range.lowerBound + 11
            while index < range.upperBound, !isSpace(bytes[index]) { index += 1 }
            let start = skipSpaces(bytes, index, in: range)
            let end = trimmedEnd(bytes, in: start..<range.upperBound)
            return end > start ? [SensitiveSpan(range: start..<end, kind: .secret(.keyManagement))] : []
        }
        if matches(bytes, at: range.lowerBound, "k=", in: range) {
            // `k=<method>:<key>`; `k=prompt` has no key.
            guard let colon = bytes[range].firstIndex(of: UInt8(ascii: ":")) else { return [] }
            let end = trimmedEnd(bytes, in: (colon + 1)..<range.upperBound)
            return end > colon + 1 ? [SensitiveSpan(range: (colon + 1)..<end, kind: .secret(.keyManagement))] : []
        }
        if matches(bytes, at: range.lowerBound, "a=ice-pwd:", in: range) {
            let start = range.lowerBound + 10
            let end = trimmedEnd(bytes, in: start..<range.upperBound)
            return end > start ? [SensitiveSpan(range: start..<end, kind: .secret(.icePassword))] : []
        }
        if matches(bytes, at: range.lowerBound, "o=", in: range) {
            let start = range.lowerBound + 2
            var end = start
            while end < range.upperBound, !isSpace(bytes[end]) { end += 1 }
            let isDash = end == start + 1 && bytes[start] == UInt8(ascii: "-")
            return end > start && !isDash ? [SensitiveSpan(range: start..<end, kind: .user)] : []
        }
        return []
    }

    // MARK: - Bytes

    /// Whether `literal` (ASCII, compared without case) is at `index`, inside `range`.
    static func matches(_ bytes: [UInt8], at index: Int, _ literal: String, in range: Range<Int>) -> Bool {
        let literal = literal.utf8
        guard index >= range.lowerBound, index + literal.count <= range.upperBound else { return false }
        for (offset, expected) in literal.enumerated() where lowercased(bytes[index + offset]) != expected {
            return false
        }
        return true
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    private static func isWordByte(_ bytes: [UInt8], _ index: Int, in range: Range<Int>) -> Bool {
        range.contains(index) && isAlphanumeric(bytes[index])
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    /// RFC 3261 `token` characters.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || "-.!%*_+`'~".utf8.contains(byte)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    static func skipSpaces(_ bytes: [UInt8], _ index: Int, in range: Range<Int>) -> Int {
        var index = index
        while index < range.upperBound, isSpace(bytes[index]) { index += 1 }
        return index
    }

    static func trimmedEnd(_ bytes: [UInt8], in range: Range<Int>) -> Int {
        var end = range.upperBound
        while end > range.lowerBound, isSpace(bytes[end - 1]) { end -= 1 }
        return end
    }
}
