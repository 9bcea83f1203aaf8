/// The host of a SIP URI or of a Via sent-by: RFC 3261 section 25.1
/// `host = hostname / IPv4address / IPv6reference`.
///
/// The text is kept as written: host names compare case-insensitively (RFC 3261 section 19.1.4),
/// which is the caller's business, and an IPv6 reference keeps its brackets.
public enum SIPHost: Hashable, Sendable, CustomStringConvertible {
    /// A domain name, `hostname` (RFC 3261 section 25.1), as written.
    case name(String)
    /// A dotted-decimal IPv4 address, `IPv4address` (RFC 3261 section 25.1), as written.
    case ipv4(String)
    /// An IPv6 reference with its brackets, `[2001:db8::1]` (RFC 3261 section 25.1 `IPv6reference`,
    /// RFC 5118 section 4.1): a SIP URI and a Via sent-by must bracket IPv6 addresses.
    case ipv6(String)

    /// The host as written (brackets included for IPv6).
    public var text: String {
        switch self {
        case .name(let text), .ipv4(let text), .ipv6(let text): text
        }
    }

    /// The address without IPv6 brackets, e.g. to compare with an SDP `c=` address (RFC 5118 section 4.6).
    public var address: String {
        guard case .ipv6(let text) = self else { return text }
        return String(text.dropFirst().dropLast())
    }

    public var description: String { text }

    // MARK: - Parsing

    /// Parses `hostport = host [ ":" port ]` (RFC 3261 section 25.1): exactly these bytes.
    ///
    /// An IPv6 address without brackets is rejected with its own reason: `sip:2001:db8::10`
    /// cannot be told apart from a host and port (RFC 5118 section 4.2).
    static func parseHostPort(
        _ bytes: ArraySlice<UInt8>,
        code: SIPParseError.Code,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> (host: SIPHost, port: UInt16?) {
        guard let first = bytes.first else {
            throw SIPParseError(code, "missing host", offset: bytes.startIndex)
        }
        let host: SIPHost
        let afterHost: Int
        if first == 0x5B {
            guard let close = bytes.firstIndex(of: 0x5D) else {
                throw SIPParseError(code, "IPv6 reference has no closing ']'", offset: bytes.startIndex)
            }
            try validateIPv6(bytes[(bytes.startIndex + 1)..<close], code: code, notes: &notes)
            host = .ipv6(SIPText.string(bytes[bytes.startIndex...close]))
            afterHost = close + 1
        } else {
            let (firstColon, hasSecondColon) = colons(in: bytes)
            if hasSecondColon {
                let looksIPv6 = bytes.allSatisfy { SIPText.isHexDigit($0) || $0 == 0x3A || $0 == 0x2E }
                throw SIPParseError(
                    code,
                    looksIPv6
                        ? "IPv6 address \(SIPText.excerpt(bytes)) must be enclosed in '[' ']' (RFC 5118 section 4.2)"
                        : "more than one ':' in host and port \(SIPText.excerpt(bytes))",
                    offset: bytes.startIndex
                )
            }
            let hostEnd = firstColon ?? bytes.endIndex
            host = try parseHost(bytes[bytes.startIndex..<hostEnd], code: code, notes: &notes)
            afterHost = hostEnd
        }
        guard afterHost < bytes.endIndex else { return (host, nil) }
        guard bytes[afterHost] == 0x3A else {
            throw SIPParseError(
                code,
                "unexpected \(SIPText.describe(bytes[afterHost])) after host \(host.text)",
                offset: afterHost
            )
        }
        return (host, try parsePort(bytes[(afterHost + 1)...], after: host, colon: afterHost, code: code))
    }

    /// `port = 1*DIGIT` (RFC 3261 section 25.1) after the colon at offset `colon`, at most 65535.
    static func parsePort(
        _ digits: ArraySlice<UInt8>,
        after host: SIPHost,
        colon: Int,
        code: SIPParseError.Code
    ) throws(SIPParseError) -> UInt16 {
        guard !digits.isEmpty else {
            throw SIPParseError(code, "':' after host \(host.text) has no port number", offset: colon)
        }
        guard SIPText.isDecimal(digits) else {
            throw SIPParseError(code, "port \(SIPText.excerpt(digits)) is not a number", offset: digits.startIndex)
        }
        guard let port = SIPText.decimal(digits, maximum: UInt64(UInt16.max)) else {
            throw SIPParseError(
                code,
                "port \(SIPText.excerpt(digits)) is larger than 65535",
                offset: digits.startIndex
            )
        }
        return UInt16(truncatingIfNeeded: port)
    }

    /// A host name or IPv4 address (no brackets, no port).
    static func parseHost(
        _ bytes: ArraySlice<UInt8>,
        code: SIPParseError.Code,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) -> SIPHost {
        guard !bytes.isEmpty else {
            throw SIPParseError(code, "missing host", offset: bytes.startIndex)
        }
        if let host = plainHost(bytes) { return host }
        if bytes.allSatisfy({ SIPText.isDigit($0) || $0 == 0x2E }) {
            // All digits and dots: not a hostname (its top label starts with a letter), so it
            // must be an IPv4address.
            guard isIPv4(bytes) else {
                throw SIPParseError(
                    code,
                    "\(SIPText.excerpt(bytes)) is not a valid IPv4 address",
                    offset: bytes.startIndex
                )
            }
            return .ipv4(SIPText.string(bytes))
        }
        // hostname = *( domainlabel "." ) toplabel [ "." ]
        var labelStart = bytes.startIndex
        var index = bytes.startIndex
        var notedUnderscore = false
        var lastLabel = bytes[bytes.startIndex..<bytes.startIndex]
        while index <= bytes.endIndex {
            let atEnd = index == bytes.endIndex
            let byte: UInt8 = atEnd ? 0x2E : bytes[index]
            if byte == 0x2E {
                let label = bytes[labelStart..<index]
                if label.isEmpty {
                    // One trailing dot is allowed (fully qualified name); empty labels are not.
                    let trailingDot = atEnd && index > bytes.startIndex
                    if !trailingDot {
                        throw SIPParseError(
                            code,
                            "empty label in host name \(SIPText.excerpt(bytes))",
                            offset: index
                        )
                    }
                } else {
                    lastLabel = label
                    if label.first == 0x2D || label.last == 0x2D {
                        notes.append(
                            SIPParseNote(
                                code,
                                "host name label \(SIPText.excerpt(label)) starts or ends with '-' (RFC 3261 section 25.1)",
                                offset: label.startIndex
                            )
                        )
                    }
                }
                labelStart = index + 1
            } else if byte == 0x5F {
                // Underscores are common in real host names although `domainlabel` has none.
                if !notedUnderscore {
                    notedUnderscore = true
                    notes.append(
                        SIPParseNote(
                            code,
                            "'_' in host name \(SIPText.excerpt(bytes)) (RFC 3261 section 25.1 allows letters, digits and '-')",
                            offset: index
                        )
                    )
                }
            } else if !(SIPText.isAlphanumeric(byte) || byte == 0x2D) {
                throw SIPParseError(
                    code,
                    "character \(SIPText.describe(byte)) is not allowed in host name \(SIPText.excerpt(bytes))",
                    offset: index
                )
            }
            index += 1
        }
        if let first = lastLabel.first, !SIPText.isAlpha(first) {
            notes.append(
                SIPParseNote(
                    code,
                    "top label of host name \(SIPText.excerpt(bytes)) does not start with a letter (RFC 3261 section 25.1 toplabel)",
                    offset: lastLabel.startIndex
                )
            )
        }
        return .name(SIPText.string(bytes))
    }

    /// A host of the usual shapes, a plain host name or an IPv4 address, checked in one pass;
    /// `nil` for anything else (which ``parseHost(_:code:notes:)`` checks label by label).
    static func plainHost(_ bytes: ArraySlice<UInt8>) -> SIPHost? {
        plainHostIsIPv4(bytes).map { $0 ? .ipv4(SIPText.string(bytes)) : .name(SIPText.string(bytes)) }
    }

    /// What ``plainHost(_:)`` finds, without making the String: `true` for an IPv4 address,
    /// `false` for a host name, `nil` for anything else.
    static func plainHostIsIPv4(_ bytes: ArraySlice<UInt8>) -> Bool? {
        bytes.withUnsafeBufferPointer { plainHostIsIPv4($0) }
    }

    /// ``plainHostIsIPv4(_:)`` for the bytes of `buffer`.
    static func plainHostIsIPv4(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool? {
        var shape = ShapeReader()
        for byte in buffer {
            guard shape.read(byte) else { return nil }
        }
        return shape.isIPv4(buffer)
    }

    /// What one pass over a host finds, byte by byte, so that the usual hosts skip the
    /// label-by-label check (and a URI reader can find it while it looks for the host's end).
    struct ShapeReader {
        private var onlyDigitsAndDots = true
        // As if after a dot, so that a leading dot or '-' counts as an empty or bad label.
        private var previous: UInt8 = 0x2E
        private var labelFirst: UInt8 = 0

        /// Takes the next byte; `false` when the host is not of a plain shape (an empty label, a
        /// label starting or ending with '-', a character other than letters, digits, '-' and '.').
        @inline(__always)
        mutating func read(_ byte: UInt8) -> Bool {
            if byte == 0x2E {
                // An empty label, or one ending in '-'.
                if previous == 0x2E || previous == 0x2D { return false }
            } else if SIPText.isAlphanumeric(byte) {
                if previous == 0x2E { labelFirst = byte }
                if !SIPText.isDigit(byte) { onlyDigitsAndDots = false }
            } else if byte == 0x2D, previous != 0x2E {
                onlyDigitsAndDots = false
            } else {
                return false
            }
            previous = byte
            return true
        }

        /// After every byte of `host` was read: digits and dots only make an IPv4address or
        /// nothing (a host name's top label starts with a letter, RFC 3261 section 25.1
        /// `toplabel`); `true` for an IPv4 address, `false` for a plain host name (labels of
        /// letters, digits and inner '-', at most one trailing dot), `nil` otherwise.
        func isIPv4(_ host: UnsafeBufferPointer<UInt8>) -> Bool? {
            if onlyDigitsAndDots { return SIPHost.isIPv4Bytes(host) ? true : nil }
            return previous != 0x2D && SIPText.isAlpha(labelFirst) ? false : nil
        }
    }

    /// The offset of the first `:` in `bytes`, and whether there is a second (an IPv6 address
    /// without brackets, or two ports).
    private static func colons(in bytes: ArraySlice<UInt8>) -> (first: Int?, hasSecond: Bool) {
        guard let first = bytes.firstIndex(of: 0x3A) else { return (nil, false) }
        return (first, bytes[(first + 1)...].contains(0x3A))
    }

    /// `IPv4address = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT` with each part at most 255.
    /// One pass, no intermediate arrays: called for every host and every Via `received`.
    static func isIPv4(_ bytes: some Collection<UInt8>) -> Bool {
        // Slices and native Strings are contiguous: their buffer is read without an iterator.
        if let decided = bytes.withContiguousStorageIfAvailable({ isIPv4Bytes($0) }) { return decided }
        return isIPv4Bytes(bytes)
    }

    private static func isIPv4Bytes(_ bytes: some Collection<UInt8>) -> Bool {
        var parts = 1
        var digits = 0
        var value = 0
        for byte in bytes {
            if byte == 0x2E {
                guard digits > 0, parts < 4 else { return false }
                parts += 1
                digits = 0
                value = 0
            } else {
                guard SIPText.isDigit(byte), digits < 3 else { return false }
                digits += 1
                value = value * 10 + Int(byte &- 0x30)
                guard value <= 255 else { return false }
            }
        }
        return parts == 4 && digits > 0
    }

    /// Checks the inside of an IPv6 reference (RFC 4291 section 2.2 text forms: eight groups,
    /// one `::`, an IPv4 tail). The three-colon form `2001:db8:::192.0.2.1` that RFC 3261's
    /// ABNF allows by mistake is tolerated with a note (RFC 5118 section 4.10).
    static func validateIPv6(
        _ bytes: ArraySlice<UInt8>,
        code: SIPParseError.Code,
        notes: inout [SIPParseNote]
    ) throws(SIPParseError) {
        func failure(_ why: String, _ offset: Int) -> SIPParseError {
            SIPParseError(code, "invalid IPv6 address \(SIPText.excerpt(bytes)): \(why)", offset: offset)
        }
        guard !bytes.isEmpty else { throw failure("empty", bytes.startIndex) }
        var index = bytes.startIndex
        var groups = 0
        var compressed = false
        func peek(_ position: Int) -> UInt8? { position < bytes.endIndex ? bytes[position] : nil }
        // A compression point: "::", tolerating a third colon once.
        func consumeCompression() throws(SIPParseError) {
            guard !compressed else { throw failure("more than one '::'", index) }
            compressed = true
            index += 2
            if peek(index) == 0x3A {
                notes.append(
                    SIPParseNote(
                        code,
                        "IPv6 address \(SIPText.excerpt(bytes)) has ':::' (RFC 5118 section 4.10: RFC 3261 ABNF bug, invalid per RFC 4291)",
                        offset: index,
                        // RFC 5118 section 4.10 asks receivers to accept this form (robustness): a remark.
                        isViolation: false
                    )
                )
                index += 1
            }
        }
        if peek(index) == 0x3A {
            guard peek(index + 1) == 0x3A else { throw failure("starts with a single ':'", index) }
            try consumeCompression()
        }
        while index < bytes.endIndex {
            let pieceStart = index
            while let byte = peek(index), SIPText.isHexDigit(byte) || byte == 0x2E { index += 1 }
            let piece = bytes[pieceStart..<index]
            if piece.contains(0x2E) {
                guard index == bytes.endIndex, isIPv4(piece) else {
                    throw failure("bad IPv4 part \(SIPText.excerpt(piece))", pieceStart)
                }
                groups += 2
                break
            }
            guard !piece.isEmpty, piece.count <= 4 else {
                if let byte = peek(index), piece.isEmpty, byte != 0x3A {
                    throw failure("character \(SIPText.describe(byte)) is not allowed", index)
                }
                throw failure("group \(SIPText.excerpt(piece)) is not 1 to 4 hex digits", pieceStart)
            }
            groups += 1
            guard let separator = peek(index) else { break }
            guard separator == 0x3A else {
                throw failure("character \(SIPText.describe(separator)) is not allowed", index)
            }
            if peek(index + 1) == 0x3A {
                try consumeCompression()
            } else {
                index += 1
                guard index < bytes.endIndex else { throw failure("ends with a single ':'", index) }
            }
        }
        guard compressed ? groups <= 7 : groups == 8 else {
            throw failure("\(groups) groups of 16 bits (8 needed, or fewer with '::')", bytes.startIndex)
        }
    }
}
