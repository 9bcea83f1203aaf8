/// Reads a Request-Line or Status-Line (RFC 3261 section 7.1, 7.2, 25.1).
///
/// Throws for what cannot be a SIP start line (no SIP version, another version, a status code
/// that is not three digits); notes what RFC 4475 lists as invalid but readable: several
/// spaces between elements (section 3.1.2.7), trailing spaces (3.1.2.8), a Request-URI in
/// angle brackets (3.1.2.5) or with white space inside (3.1.2.6).
enum StartLineParser {
    static func parse(_ line: ArraySlice<UInt8>, notes: inout [SIPParseNote]) throws(SIPParseError) -> StoredStartLine {
        if let plain = plainRequestLine(line) { return plain }
        return try parseInFull(line, notes: &notes)
    }

    /// ``parse(_:notes:)`` without the one-pass reading of the usual Request-Line
    /// (``plainRequestLine(_:)``): every shape, with its notes and errors.
    static func parseInFull(
        _ line: ArraySlice<UInt8>,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> StoredStartLine {
        let start = line.startIndex
        if hasVersionPrefix(line) { return try statusLine(line, notes: &notes) }
        // Request-Line: Method SP Request-URI SP SIP-Version.
        guard let firstSpace = line.firstIndex(of: 0x20) else {
            throw SIPParseError(
                .invalidStartLine,
                "start line has no spaces: \(SIPMessageParser.preview(line))",
                offset: start
            )
        }
        let method = line[start..<firstSpace]
        guard !method.isEmpty, method.allSatisfy(SIPScanner.isTokenCharacter) else {
            throw SIPParseError(
                .invalidStartLine,
                "request method is not a token: \(SIPMessageParser.preview(method))",
                offset: start
            )
        }
        var end = line.endIndex
        while end > firstSpace, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        if end < line.endIndex {
            notes.append(
                SIPParseNote(.invalidStartLine, "white space after the SIP version in the request line", offset: end)
            )
        }
        guard let lastSpace = line[firstSpace..<end].lastIndex(of: 0x20), lastSpace > firstSpace else {
            throw SIPParseError(
                .invalidStartLine,
                "request line has no SIP version: \(SIPMessageParser.preview(line))",
                offset: start
            )
        }
        let version = line[(lastSpace + 1)..<end]
        try checkVersion(version, offset: lastSpace + 1)
        var uri = SIPScanner.trimmed(line[(firstSpace + 1)..<lastSpace])
        if line[firstSpace + 1] == 0x20 || line[lastSpace - 1] == 0x20 {
            notes.append(
                SIPParseNote(.invalidStartLine, "more than one space between request line elements", offset: firstSpace)
            )
        }
        guard !uri.isEmpty else {
            throw SIPParseError(.invalidStartLine, "request line has no Request-URI", offset: firstSpace)
        }
        if uri.first == 0x3C, uri.last == 0x3E {
            notes.append(SIPParseNote(.invalidURI, "Request-URI enclosed in < >", offset: uri.startIndex))
            uri = uri.dropFirst().dropLast()
        }
        if uri.contains(where: { $0 == 0x20 || $0 == 0x09 }) {
            notes.append(SIPParseNote(.invalidURI, "Request-URI contains white space", offset: uri.startIndex))
        }
        // The registered methods are literals there: no String made from the bytes.
        return .request(SIPMethod(SIPText.token(method)), uri: uri.startIndex..<uri.endIndex)
    }

    /// The usual Request-Line, `Method SP Request-URI SP SIP/2.0` with single spaces, a token
    /// method and a Request-URI without white space or angle brackets around it, read in one
    /// pass; `nil` for anything else (a Status-Line too), which the checks of
    /// ``parseInFull(_:notes:)`` then reads and notes. Gives what that gives, without notes.
    static func plainRequestLine(_ line: ArraySlice<UInt8>) -> StoredStartLine? {
        let base = line.startIndex
        // Every read of `buffer` is at an offset below buffer.count: the version's 8 bytes are
        // at count - 8 ..< count after the length check, the method scan checks each offset, and
        // the Request-URI lies between them.
        let layout = line.withUnsafeBufferPointer { buffer -> (methodEnd: Int, uriEnd: Int, method: String?)? in
            let count = buffer.count
            guard count >= 11, buffer[count - 8] == 0x20,
                isVersion20(UnsafeBufferPointer(rebasing: buffer[(count - 7)...]))
            else { return nil }
            var methodEnd = 0
            while methodEnd < count, SIPTokenList.isTokenCharacter(buffer[methodEnd]) { methodEnd += 1 }
            let uriStart = methodEnd + 1
            let uriEnd = count - 8
            guard methodEnd > 0, uriStart < uriEnd, buffer[methodEnd] == 0x20 else { return nil }
            for offset in uriStart..<uriEnd {
                let byte = buffer[offset]
                if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { return nil }
            }
            if buffer[uriStart] == 0x3C, buffer[uriEnd - 1] == 0x3E { return nil }
            return (methodEnd, uriEnd, KnownToken.literal(buffer, start: 0, count: methodEnd))
        }
        guard let layout else { return nil }
        let method = layout.method ?? SIPText.token(line[base..<(base + layout.methodEnd)])
        return .request(SIPMethod(method), uri: (base + layout.methodEnd + 1)..<(base + layout.uriEnd))
    }

    /// `SIP/2.0` (the name in any case) in a buffer of seven bytes.
    private static func isVersion20(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 7 && KnownHeader.lowercased(bytes[0]) == 0x73 && KnownHeader.lowercased(bytes[1]) == 0x69
            && KnownHeader.lowercased(bytes[2]) == 0x70 && bytes[3] == 0x2F && bytes[4] == 0x32 && bytes[5] == 0x2E
            && bytes[6] == 0x30
    }

    /// Whether the line starts with `SIP/` (case-insensitive: RFC 3261 section 7.1).
    private static func hasVersionPrefix(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.count >= 4 else { return false }
        let start = line.startIndex
        return KnownHeader.lowercased(line[start]) == 0x73 && KnownHeader.lowercased(line[start + 1]) == 0x69
            && KnownHeader.lowercased(line[start + 2]) == 0x70 && line[start + 3] == 0x2F
    }

    /// Whether `version` is `SIP/2.0`, the protocol name in any case.
    private static func isVersion20(_ version: ArraySlice<UInt8>) -> Bool {
        guard version.count == 7, hasVersionPrefix(version) else { return false }
        let start = version.startIndex
        return version[start + 4] == 0x32 && version[start + 5] == 0x2E && version[start + 6] == 0x30
    }

    /// `SIP/2.0`, case-insensitive; another version cannot be handled (a server answers 505).
    private static func checkVersion(_ version: ArraySlice<UInt8>, offset: Int) throws(SIPParseError) {
        if isVersion20(version) { return }
        if hasVersionPrefix(version) {
            throw SIPParseError(
                .unsupportedVersion,
                "SIP version \(String(decoding: version.dropFirst(4), as: UTF8.self)) is not supported (RFC 3261 section 7.1: SIP/2.0)",
                offset: offset
            )
        }
        throw SIPParseError(
            .invalidStartLine,
            "\(SIPMessageParser.preview(version)) is not a SIP version",
            offset: offset
        )
    }

    /// SIP-Version SP Status-Code SP Reason-Phrase.
    private static func statusLine(
        _ line: ArraySlice<UInt8>,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> StoredStartLine {
        let start = line.startIndex
        let versionEnd = line.firstIndex(of: 0x20) ?? line.endIndex
        try checkVersion(line[start..<versionEnd], offset: start)
        var index = versionEnd
        while index < line.endIndex, line[index] == 0x20 { index += 1 }
        if index > versionEnd + 1 {
            notes.append(
                SIPParseNote(.invalidStartLine, "more than one space after the SIP version", offset: versionEnd)
            )
        }
        let codeStart = index
        while index < line.endIndex, line[index] >= 0x30, line[index] <= 0x39 { index += 1 }
        let digits = line[codeStart..<index]
        guard digits.count == 3, let code = SIPMessageParser.decimal(digits), (100...699).contains(code) else {
            let shown =
                digits.isEmpty
                ? SIPMessageParser.preview(line[codeStart...]) : String(decoding: digits.prefix(24), as: UTF8.self)
            throw SIPParseError(
                .invalidStartLine,
                "status code \(shown) is not a three-digit code from 100 to 699 (RFC 3261 section 7.2)",
                offset: codeStart
            )
        }
        var reason = line.endIndex..<line.endIndex
        if index < line.endIndex {
            guard line[index] == 0x20 else {
                throw SIPParseError(.invalidStartLine, "status code is not followed by a space", offset: index)
            }
            reason = (index + 1)..<line.endIndex
        } else {
            notes.append(SIPParseNote(.invalidStartLine, "no space after the status code", offset: index))
        }
        return .response(code, reason: reason)
    }
}
