/// Byte classes and small readers shared by the header grammars of RFC 3261 section 25.1, and
/// the excerpts that error messages quote. Header values come from the network: every reader
/// checks its bounds, and excerpts are capped so a hostile value cannot flood a report.
enum SIPText {
    /// Longest excerpt quoted in an error reason; enough to recognise a value, short enough to print.
    static let excerptLength = 40

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always)
    static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    @inline(__always)
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isAlpha(byte) }

    @inline(__always)
    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66)
    }

    /// The value of one hexadecimal digit, or `nil`.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        if isDigit(byte) { return byte - 0x30 }
        let lower = byte | 0x20
        if lower >= 0x61 && lower <= 0x66 { return lower - 0x61 + 10 }
        return nil
    }

    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// `bytes` quoted for an error reason, cut after ``excerptLength`` bytes.
    static func excerpt(_ bytes: ArraySlice<UInt8>) -> String {
        let shown = bytes.prefix(excerptLength)
        let suffix = bytes.count > excerptLength ? "..." : ""
        return "'" + String(decoding: shown, as: UTF8.self) + suffix + "'"
    }

    /// One byte named for an error reason: `'x'` when printable ASCII, `byte 0x07` otherwise.
    static func describe(_ byte: UInt8) -> String {
        if byte > 0x20 && byte < 0x7F {
            return "'" + String(decoding: [byte], as: UTF8.self) + "'"
        }
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x" + (byte < 0x10 ? "0" : "") + hex
    }

    /// Whether `bytes` is one or more ASCII digits.
    static func isDecimal(_ bytes: ArraySlice<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(isDigit)
    }

    /// The value of the decimal digits `bytes` when it is at most `maximum`; `nil` when the bytes
    /// are not all digits, are empty, or the value is larger (however many digits: RFC 4475
    /// section 3.1.2.4 sends a 20-digit CSeq). Leading zeros are allowed (`1*DIGIT`).
    static func decimal(_ bytes: ArraySlice<UInt8>, maximum: UInt64) -> UInt64? {
        guard !bytes.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard isDigit(byte) else { return nil }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(UInt64(byte - 0x30))
            guard !overflowA, !overflowB, sum <= maximum else { return nil }
            value = sum
        }
        return value
    }

    /// `value` with runs of linear white space (SP, HTAB, folding) replaced by one SP and the
    /// ends trimmed: how a token display name or reason text reads once unfolded.
    static func collapsingWhitespace(_ bytes: ArraySlice<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            if SIPScanner.isWhitespace(byte) {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(0x20) }
                pendingSpace = false
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A parameter value as it can be written back: as is when it is a token (or host-like),
    /// otherwise as a quoted-string with `"` and `\` escaped (RFC 3261 section 25.1).
    static func parameterText(_ parameter: SIPParameter) -> String {
        guard let value = parameter.value else { return parameter.name }
        let bytes = Array(value.utf8)
        if !bytes.isEmpty && bytes.allSatisfy(SIPScanner.isParameterValueCharacter) {
            return parameter.name + "=" + value
        }
        return parameter.name + "=" + quoted(value)
    }

    /// `text` as a quoted-string (RFC 3261 section 25.1): `"` and `\` and control characters other
    /// than CR and LF become quoted-pairs, so that the text reads back the same.
    static func quoted(_ text: String) -> String {
        var output: [UInt8] = [0x22]
        for byte in text.utf8 {
            let needsEscape =
                byte == 0x22 || byte == 0x5C || byte == 0x7F || (byte < 0x20 && byte != 0x0D && byte != 0x0A)
            if needsEscape { output.append(0x5C) }
            output.append(byte)
        }
        output.append(0x22)
        return String(decoding: output, as: UTF8.self)
    }
}
