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

    /// ``string(_:)`` for a token that is likely one of a few common names (parameter names,
    /// Via protocol and transport): a literal then, which costs a comparison where making a
    /// String from bytes validates and copies them.
    static func token(_ bytes: ArraySlice<UInt8>) -> String {
        let count = bytes.count
        guard count > 0, count <= 9 else { return String(decoding: bytes, as: UTF8.self) }
        // The first eight bytes as one little-endian integer (and the ninth apart): one switch
        // on constants then finds the literal.
        var packed: UInt64 = 0
        var ninth: UInt8 = 0
        bytes.withUnsafeBufferPointer { buffer in
            // `index` stays below buffer.count.
            for index in 0..<buffer.count {
                if index < 8 {
                    packed |= UInt64(buffer[index]) << UInt64(index * 8)
                } else {
                    ninth = buffer[index]
                }
            }
        }
        let literal: String? =
            switch (count, packed) {
            case (1, 0x71): "q"
            case (2, 0x726C): "lr"
            case (3, 0x302E32): "2.0"
            case (3, 0x4B4341): "ACK"
            case (3, 0x455942): "BYE"
            case (3, 0x504953): "SIP"
            case (3, 0x504354): "TCP"
            case (3, 0x534C54): "TLS"
            case (3, 0x504455): "UDP"
            case (3, 0x676174): "tag"
            case (3, 0x706374): "tcp"
            case (3, 0x736C74): "tls"
            case (3, 0x6C7474): "ttl"
            case (3, 0x706475): "udp"
            case (4, 0x4F46_4E49): "INFO"
            case (4, 0x6874_6170): "path"
            case (4, 0x7265_7375): "user"
            case (5, 0x4B_4341_5250): "PRACK"
            case (5, 0x52_4546_4552): "REFER"
            case (5, 0x72_6464_616D): "maddr"
            case (5, 0x74_726F_7072): "rport"
            case (5, 0x72_656D_6974): "timer"
            case (6, 0x6C65_7230_3031): "100rel"
            case (6, 0x4C45_434E_4143): "CANCEL"
            case (6, 0x4554_4956_4E49): "INVITE"
            case (6, 0x5946_4954_4F4E): "NOTIFY"
            case (6, 0x4554_4144_5055): "UPDATE"
            case (6, 0x6863_6E61_7262): "branch"
            case (7, 0x45_4741_5353_454D): "MESSAGE"
            case (7, 0x53_4E4F_4954_504F): "OPTIONS"
            case (7, 0x48_5349_4C42_5550): "PUBLISH"
            case (7, 0x73_6572_6970_7865): "expires"
            case (8, 0x5245_5453_4947_4552): "REGISTER"
            case (8, 0x6465_7669_6563_6572): "received"
            case (8, 0x7365_6361_6C70_6572): "replaces"
            case (9, 0x4249_5243_5342_5553) where ninth == 0x45: "SUBSCRIBE"
            case (9, 0x726F_7073_6E61_7274) where ninth == 0x74: "transport"
            default: nil
            }
        return literal ?? String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `bytes` are exactly `text`.
    static func equals(_ bytes: ArraySlice<UInt8>, _ text: StaticString) -> Bool {
        matches(bytes, text, foldingCase: false)
    }

    /// Whether `bytes` spell `lowercase` ignoring ASCII case; `lowercase` must be lower case.
    /// Used to recognise schemes and parameter names without making a lowercased String.
    static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ lowercase: StaticString) -> Bool {
        matches(bytes, lowercase, foldingCase: true)
    }

    private static func matches(_ bytes: ArraySlice<UInt8>, _ text: StaticString, foldingCase: Bool) -> Bool {
        guard bytes.count == text.utf8CodeUnitCount else { return false }
        return text.withUTF8Buffer { wanted in
            // `offset` stays below wanted.count, which is bytes.count.
            var offset = 0
            for byte in bytes {
                guard (foldingCase ? lowercased(byte) : byte) == wanted[offset] else { return false }
                offset += 1
            }
            return true
        }
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

    /// Whether `bytes` is one or more ASCII digits. Generic so that a stored `String`'s UTF-8
    /// view can be checked without copying it into an array (specialised within the module).
    static func isDecimal(_ bytes: some Collection<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(isDigit)
    }

    /// The value of the decimal digits `bytes` when it is at most `maximum`; `nil` when the bytes
    /// are not all digits, are empty, or the value is larger (however many digits: RFC 4475
    /// section 3.1.2.4 sends a 20-digit CSeq). Leading zeros are allowed (`1*DIGIT`).
    static func decimal(_ bytes: some Collection<UInt8>, maximum: UInt64) -> UInt64? {
        guard !bytes.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard isDigit(byte) else { return nil }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(UInt64(byte &- 0x30))
            guard !overflowA, !overflowB, sum <= maximum else { return nil }
            value = sum
        }
        return value
    }

    /// ASCII letters folded to lower case; every other byte unchanged.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Whether two names are equal ignoring case, as `lhs.lowercased() == rhs.lowercased()` says
    /// (parameter and header names compare case-insensitively, RFC 3261 section 7.3.1), without
    /// making the lowercased Strings when both are ASCII: the names SIP uses always are.
    static func equalsIgnoringCase(_ lhs: String, _ rhs: String) -> Bool {
        // Native Strings (all on Linux, small ones included) have contiguous UTF-8; the ASCII
        // comparison decides unless a byte is not ASCII.
        let decided: Bool?? = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in asciiEqualsIgnoringCase(left, right) } ?? nil
        }
        return (decided ?? nil) ?? (lhs.lowercased() == rhs.lowercased())
    }

    /// `true` or `false` when both are ASCII, `nil` when one is not (Unicode lower-casing can
    /// change lengths and compares canonically, so only ASCII is decided here).
    private static func asciiEqualsIgnoringCase(
        _ left: UnsafeBufferPointer<UInt8>,
        _ right: UnsafeBufferPointer<UInt8>
    ) -> Bool? {
        var equal = left.count == right.count
        if equal {
            // Every index is below left.count, which equals right.count.
            for index in 0..<left.count {
                let leftByte = left[index]
                let rightByte = right[index]
                if (leftByte | rightByte) >= 0x80 { return nil }
                if lowercased(leftByte) != lowercased(rightByte) {
                    equal = false
                    break
                }
            }
        }
        if equal { return true }
        return left.contains(where: { $0 >= 0x80 }) || right.contains(where: { $0 >= 0x80 }) ? nil : false
    }

    /// A String of `bytes` with ASCII letters upper-cased (transport names, RFC 3261 section 20.42);
    /// the bytes' own String when there is nothing to change, which is the usual case.
    static func uppercasedString(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) else { return token(bytes) }
        return String(decoding: bytes.map { $0 >= 0x61 && $0 <= 0x7A ? $0 & 0xDF : $0 }, as: UTF8.self)
    }

    /// A String of `bytes` with ASCII letters lower-cased (URI schemes, RFC 3986 section 3.1).
    static func lowercasedString(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return string(bytes) }
        return String(decoding: bytes.map(lowercased), as: UTF8.self)
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
