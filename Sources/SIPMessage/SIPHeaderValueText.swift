/// Text pieces shared by header grammars: `comment` with nesting (RFC 3261 section 25.1),
/// unfolded `TEXT-UTF8`, numbers in `1*DIGIT` form, and short excerpts of bad input for error
/// reasons.
enum SIPHeaderValueText {
    /// A `comment` (RFC 3261 section 25.1: `LPAREN *(ctext / quoted-pair / comment) RPAREN`)
    /// starting at the scanner's `(`. Returns the text between the outer parentheses (inner
    /// parentheses kept, quoted-pairs resolved) and whether the closing `)` was found: real
    /// products sometimes cut their User-Agent, and a diagnostics tool still wants the rest.
    /// Nesting deeper than `limits.maxCommentDepth` is an error, so hostile input cannot make
    /// the depth counter (or a caller's recursion) grow without bound.
    static func comment(
        _ scanner: inout SIPScanner,
        limits: SIPParseLimits
    ) throws(SIPParseError) -> (text: String, isClosed: Bool) {
        let start = scanner.index
        guard scanner.consume(0x28) else {
            throw SIPParseError(.invalidHeaderValue, "expected '(' to open a comment", offset: start)
        }
        var depth = 1
        var text: [UInt8] = []
        while let byte = scanner.peek() {
            scanner.advance()
            switch byte {
            case 0x5C:
                // quoted-pair: the next byte is literal, even a parenthesis.
                if let escaped = scanner.peek() {
                    text.append(escaped)
                    scanner.advance()
                }
            case 0x28:
                depth += 1
                guard depth <= limits.maxCommentDepth else {
                    throw SIPParseError(
                        .limitExceeded,
                        "comment nested deeper than \(limits.maxCommentDepth) levels (limit maxCommentDepth)",
                        offset: scanner.index - 1
                    )
                }
                text.append(byte)
            case 0x29:
                depth -= 1
                if depth == 0 {
                    return (String(decoding: text, as: UTF8.self), true)
                }
                text.append(byte)
            default:
                text.append(byte)
            }
        }
        return (String(decoding: text, as: UTF8.self), false)
    }

    /// The text with each line folding (`[*WSP CRLF] 1*WSP`) replaced by one SP, as RFC 3261
    /// section 7.3.1 allows, and trimmed.
    static func unfolded(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in SIPScanner.trimmed(bytes) {
            if SIPScanner.isWhitespace(byte) {
                // A run of SP, HTAB, CR and LF inside the value is one LWS; runs without a
                // line break are kept as written.
                if byte == 0x0D || byte == 0x0A {
                    while let last = output.last, last == 0x20 || last == 0x09 { output.removeLast() }
                    pendingSpace = true
                } else if pendingSpace {
                    continue
                } else {
                    output.append(byte)
                }
            } else {
                if pendingSpace {
                    output.append(0x20)
                    pendingSpace = false
                }
                output.append(byte)
            }
        }
        return output
    }

    /// Whether the bytes are valid UTF-8 (`TEXT-UTF8`, RFC 3261 section 25.1).
    static func isValidUTF8(_ bytes: some Collection<UInt8>) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }

    /// A short printable excerpt of input for an error reason: printable ASCII as is, other
    /// bytes as `\xNN`, cut after `maxLength` bytes with the total length said.
    static func excerpt(_ bytes: some Collection<UInt8>, maxLength: Int = 40) -> String {
        var text = ""
        var count = 0
        for byte in bytes {
            if count == maxLength {
                return "'\(text)...' (\(bytes.count) bytes)"
            }
            if byte >= 0x20, byte < 0x7F {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "\\x" + hexDigits(byte)
            }
            count += 1
        }
        return "'\(text)'"
    }

    private static func hexDigits(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".unicodeScalars)
        var text = ""
        for nibble in [Int(byte >> 4), Int(byte & 0x0F)] where nibble < digits.count {
            text.unicodeScalars.append(digits[nibble])
        }
        return text
    }

    /// `1*DIGIT` as an integer no larger than `maximum`. `field` and `rule` name the header and
    /// the RFC rule in error reasons, which say exactly what is wrong: empty, negative, not a
    /// number (with the first bad byte's offset), or too large (with the value). Offsets are
    /// `offset` plus the distance into `digits`, or just `offset` when `digits` were copied out
    /// of the message (`offsetIsExact` false) and their positions are not known.
    static func decimal(
        _ digits: some Collection<UInt8>,
        offset: Int,
        offsetIsExact: Bool = true,
        maximum: UInt64,
        field: String,
        rule: String
    ) throws(SIPParseError) -> UInt64 {
        guard let first = digits.first else {
            throw SIPParseError(.invalidHeaderValue, "\(field) is empty; \(rule) requires 1*DIGIT", offset: offset)
        }
        if first == 0x2D, digits.count > 1, digits.dropFirst().allSatisfy(isDigit) {
            throw SIPParseError(
                .invalidHeaderValue,
                "\(field) \(excerpt(digits)) is negative; \(rule) allows only 1*DIGIT",
                offset: offset
            )
        }
        var value: UInt64 = 0
        var overflowed = false
        var position = offset
        for byte in digits {
            guard isDigit(byte) else {
                throw SIPParseError(
                    .invalidHeaderValue,
                    "\(field) \(excerpt(digits)) is not a decimal number (\(rule) requires 1*DIGIT)",
                    offset: position
                )
            }
            if !overflowed {
                let (shifted, shiftOverflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, addOverflow) = shifted.addingReportingOverflow(UInt64(byte &- 0x30))
                overflowed = shiftOverflow || addOverflow
                value = sum
            }
            if offsetIsExact { position += 1 }
        }
        guard !overflowed, value <= maximum else {
            throw SIPParseError(
                .invalidHeaderValue,
                "\(field) \(excerpt(digits)) is larger than \(maximum) (\(rule))",
                offset: offset
            )
        }
        return value
    }

    /// Throws unless only white space is left: what follows a value's last parameter must not be
    /// dropped silently.
    static func expectEnd(_ scanner: inout SIPScanner, after what: String, rule: String) throws(SIPParseError) {
        scanner.skipWhitespace()
        guard scanner.isAtEnd else {
            throw SIPParseError(
                .invalidHeaderValue,
                "unexpected \(excerpt(scanner.rest)) after \(what) (\(rule))",
                offset: scanner.index
            )
        }
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }
}
