/// The grammar shared by challenges and credentials (RFC 3261 section 25.1):
/// `auth-scheme LWS auth-param *(COMMA auth-param)`, `auth-param = auth-param-name EQUAL
/// (token / quoted-string)`. Unlike other SIP headers, the commas here separate parameters of
/// one value, not values (RFC 3261 section 7.3.1 lists these headers as the exception), so
/// ``SIPScanner/splitList(_:limits:)`` must not be used.
///
/// Also accepts the RFC 7235 section 2.1 `token68` form (`Basic dXNlcjpwYXNz`), which some
/// equipment sends, and several challenges in one value (RFC 7235 section 4.1) for
/// ``SIPChallenge/parseAll(_:limits:)``.
///
/// Error reasons never quote the input: credentials hold secrets, and an error may end up in a
/// log or report.
struct SIPAuthParser {
    struct Parameter {
        var name: String
        var value: String
        var isQuoted: Bool
        var offset: Int
    }

    struct Result {
        var scheme: String
        var parameters: [Parameter] = []
        var token68: String?
        var notes: [SIPParseNote] = []
    }

    /// Parses one challenge or credentials value from the scanner. Stops at the end, or before
    /// the scheme of a following challenge (the scanner is then left at that scheme).
    static func parseOne(
        _ scanner: inout SIPScanner,
        limits: SIPParseLimits,
        header: String
    ) throws(SIPParseError) -> Result {
        scanner.skipWhitespace()
        let schemeStart = scanner.index
        guard let schemeBytes = scanner.token() else {
            throw SIPParseError(
                .invalidHeaderValue,
                "\(header): expected an authentication scheme (RFC 3261 section 25.1 auth-scheme)",
                offset: schemeStart
            )
        }
        var result = Result(scheme: String(decoding: schemeBytes, as: UTF8.self))
        let afterScheme = scanner.index
        scanner.skipWhitespace()
        if scanner.isAtEnd || scanner.peek() == 0x2C {
            result.notes.append(
                SIPParseNote(
                    .invalidHeaderValue,
                    "\(header): scheme without parameters (RFC 3261 section 25.1 needs one auth-param)",
                    offset: schemeStart
                )
            )
            if scanner.consume(0x2C) { scanner.skipWhitespace() }
            return result
        }
        guard scanner.index > afterScheme else {
            throw SIPParseError(
                .invalidHeaderValue,
                "\(header): expected white space after the authentication scheme (RFC 3261 section 25.1)",
                offset: afterScheme
            )
        }
        if let token68 = token68(&scanner) {
            result.token68 = String(decoding: token68, as: UTF8.self)
            return result
        }
        while true {
            try parameter(&scanner, into: &result, limits: limits, header: header)
            scanner.skipWhitespace()
            guard !scanner.isAtEnd else { return result }
            guard scanner.peek() == 0x2C else {
                throw SIPParseError(
                    .invalidHeaderValue,
                    "\(header): expected ',' between auth-params (RFC 3261 section 25.1)",
                    offset: scanner.index
                )
            }
            // Empty elements (`a=1,,b=2`, a trailing comma) are tolerated with one note.
            let comma = scanner.index
            var commas = 0
            while scanner.consumeSeparator(0x2C) { commas += 1 }
            if commas > 1 || scanner.isAtEnd {
                result.notes.append(
                    SIPParseNote(
                        .invalidHeaderValue,
                        "\(header): empty element between commas (RFC 3261 section 25.1)",
                        offset: comma
                    )
                )
            }
            if scanner.isAtEnd || startsChallenge(scanner) { return result }
        }
    }

    /// `auth-param-name EQUAL (token / quoted-string)`. Unquoted values are taken up to the next
    /// comma or white space; characters outside `token` there (`uri=sip:a@b`) are kept with a
    /// note, as equipment sends them.
    private static func parameter(
        _ scanner: inout SIPScanner,
        into result: inout Result,
        limits: SIPParseLimits,
        header: String
    ) throws(SIPParseError) {
        let nameStart = scanner.index
        guard let name = scanner.token() else {
            throw SIPParseError(
                .invalidHeaderValue,
                "\(header): expected an auth-param name (RFC 3261 section 25.1 auth-param)",
                offset: nameStart
            )
        }
        guard scanner.consumeSeparator(0x3D) else {
            throw SIPParseError(
                .invalidHeaderValue,
                "\(header): expected '=' after an auth-param name (RFC 3261 section 25.1 auth-param)",
                offset: scanner.index
            )
        }
        guard result.parameters.count < limits.maxParameters else {
            throw SIPParseError(
                .limitExceeded,
                "\(header): more than \(limits.maxParameters) auth-params (limit maxParameters)",
                offset: nameStart
            )
        }
        let valueStart = scanner.index
        var value: String
        var isQuoted = false
        if scanner.peek() == 0x22 {
            value = try scanner.quotedString()
            isQuoted = true
        } else {
            let raw = scanner.scan { $0 != 0x2C && $0 != 0x22 && !SIPScanner.isWhitespace($0) }
            value = raw.map { String(decoding: $0, as: UTF8.self) } ?? ""
            if raw == nil || raw?.allSatisfy(SIPScanner.isTokenCharacter) == false {
                result.notes.append(
                    SIPParseNote(
                        .invalidHeaderValue,
                        "\(header): auth-param value is neither a token nor a quoted string (RFC 3261 section 25.1)",
                        offset: valueStart
                    )
                )
            }
        }
        result.parameters.append(
            Parameter(name: String(decoding: name, as: UTF8.self), value: value, isQuoted: isQuoted, offset: nameStart)
        )
    }

    /// `token68` (RFC 7235 section 2.1) when it is the whole rest of the value, or is followed
    /// by a comma and another challenge. `realm=x` is not one: after `=` only `=` may follow.
    private static func token68(_ scanner: inout SIPScanner) -> ArraySlice<UInt8>? {
        var probe = scanner
        let start = probe.index
        guard probe.scan(while: isToken68Character) != nil else { return nil }
        _ = probe.scan { $0 == 0x3D }
        let text = probe.consumed(from: start)
        probe.skipWhitespace()
        if probe.isAtEnd {
            scanner = probe
            return text
        }
        var afterComma = probe
        guard afterComma.consumeSeparator(0x2C), startsChallenge(afterComma) else { return nil }
        scanner = afterComma
        return text
    }

    /// Whether the scanner is at `auth-scheme LWS` followed by something other than `=`, or at a
    /// lone token: the start of another challenge rather than an auth-param.
    static func startsChallenge(_ scanner: SIPScanner) -> Bool {
        var probe = scanner
        guard probe.token() != nil else { return false }
        let afterToken = probe.index
        probe.skipWhitespace()
        guard let next = probe.peek() else { return true }
        if next == 0x2C { return true }
        return probe.index > afterToken && next != 0x3D
    }

    /// RFC 7235 section 2.1: `ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/"`.
    static func isToken68Character(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E, 0x2B, 0x2F: true
        default: false
        }
    }

    /// Notes for Digest parameters quoted against the grammar: RFC 3261 section 25.1 requires
    /// quoted strings for some (`realm`, `nonce`, ...) and tokens for others (`algorithm`,
    /// `stale`, `nc`, the credentials' `qop`). Equipment gets this wrong both ways.
    static func quotingNotes(
        _ parameters: [Parameter],
        quoted: Set<String>,
        unquoted: Set<String>,
        header: String
    ) -> [SIPParseNote] {
        var notes: [SIPParseNote] = []
        for parameter in parameters {
            let name = parameter.name.lowercased()
            if quoted.contains(name), !parameter.isQuoted {
                notes.append(
                    SIPParseNote(
                        .invalidHeaderValue,
                        "\(header): \(name) should be a quoted string (RFC 3261 section 25.1)",
                        offset: parameter.offset
                    )
                )
            } else if unquoted.contains(name), parameter.isQuoted {
                notes.append(
                    SIPParseNote(
                        .invalidHeaderValue,
                        "\(header): \(name) should be a token, not a quoted string (RFC 3261 section 25.1)",
                        offset: parameter.offset
                    )
                )
            }
        }
        var seen: Set<String> = []
        for parameter in parameters where !seen.insert(parameter.name.lowercased()).inserted {
            notes.append(
                SIPParseNote(
                    .invalidHeaderValue,
                    "\(header): \(parameter.name.lowercased()) appears more than once; the first is used",
                    offset: parameter.offset
                )
            )
        }
        return notes
    }
}
