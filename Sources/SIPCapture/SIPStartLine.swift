/// Recognises a SIP start line (RFC 3261 section 7.1 and 7.2) at the start of some bytes.
///
/// Strict enough not to match random bytes, so that it can tell SIP from other payloads
/// on UDP and find message boundaries again in a damaged stream:
/// - request line: `Method SP Request-URI SP SIP-Version`, where the method is one or more
///   RFC 3261 section 25.1 `token` characters and the Request-URI starts with a scheme
///   (`ALPHA *(ALPHA / DIGIT / "+" / "-" / ".")`, RFC 3986 section 3.1) and a colon, followed
///   by at least one character that is neither a space nor a control; bytes above 0x7F are
///   let through (they are invalid in a URI, but a damaged URI is for the parser to report,
///   not a reason to hide the message, and tshark shows such messages too);
/// - status line: `SIP-Version SP 3DIGIT SP Reason-Phrase`, the status code 100 to 699
///   (RFC 3261 section 7.2 classes 1xx to 6xx), the reason phrase free of control characters
///   other than HTAB;
/// - `SIP/2.0` compared case-insensitively (RFC 3261 section 7.1 says the version string is
///   case-insensitive);
/// - the line ends with CRLF, a bare LF or a bare CR (RFC 3261 section 7.5 asks receivers to
///   be liberal; a lone CR only counts once the next byte is known not to be LF).
///
/// Matching allocates nothing and reads each byte of the line at most once.
enum SIPStartLine {
    /// The outcome of matching the start of some bytes.
    enum Match: Hashable, Sendable {
        /// A SIP start line, `lineLength` bytes long including its line ending.
        case sip(lineLength: Int)
        /// The bytes cannot start a SIP start line, whatever follows.
        case notSIP
        /// The bytes agree with a start line so far but end before the line does.
        case incomplete
    }

    /// The longest start line accepted, line ending included. RFC 3261 sets no limit; real
    /// Request-URIs stay well under 1 KiB, and the bound keeps a search over damaged
    /// streams linear.
    static let maximumLength = 8192

    /// Whether `bytes` start with a complete SIP request or status line.
    static func looksLikeSIP(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if case .sip = match(PlainStartLineBytes(bytes: bytes)) { return true }
        return false
    }

    /// Matches the start of `bytes` against a SIP start line.
    static func match(_ bytes: UnsafeRawBufferPointer) -> Match {
        match(PlainStartLineBytes(bytes: bytes))
    }

    /// Matches the start of `bytes` against a SIP start line.
    static func match<Bytes: StartLineBytes>(_ bytes: Bytes) -> Match {
        switch versionMatch(bytes, at: 0) {
        case .some(true):
            return matchStatusLine(bytes)
        case .none:
            return .incomplete
        case .some(false):
            return matchRequestLine(bytes)
        }
    }

    /// Whether `SIP/2.0` (case-insensitive) is at `offset`; `nil` when the bytes end first
    /// while agreeing.
    static func versionMatch<Bytes: StartLineBytes>(_ bytes: Bytes, at offset: Int) -> Bool? {
        let literal: StaticString = "SIP/2.0"
        let expected = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for index in 0..<expected.count {
            let position = offset + index
            guard position < bytes.count else { return nil }
            var byte = bytes.byte(at: position)
            // Fold ASCII letters only: '/', '2', '.', '0' must match exactly.
            if byte >= 0x61, byte <= 0x7A { byte -= 0x20 }
            if byte != expected[index] { return false }
        }
        return true
    }

    /// `SIP/2.0 SP 3DIGIT SP Reason-Phrase CRLF`, with `SIP/2.0` already matched.
    private static func matchStatusLine<Bytes: StartLineBytes>(_ bytes: Bytes) -> Match {
        var index = 7
        guard index < bytes.count else { return .incomplete }
        guard bytes.byte(at: index) == 0x20 else { return .notSIP }
        index += 1
        for digit in 0..<3 {
            guard index < bytes.count else { return .incomplete }
            let byte = bytes.byte(at: index)
            let range: ClosedRange<UInt8> = digit == 0 ? 0x31...0x36 : 0x30...0x39
            guard range.contains(byte) else { return .notSIP }
            index += 1
        }
        guard index < bytes.count else { return .incomplete }
        guard bytes.byte(at: index) == 0x20 else { return .notSIP }
        index += 1
        while true {
            guard index < maximumLength else { return .notSIP }
            guard index < bytes.count else { return .incomplete }
            let byte = bytes.byte(at: index)
            if byte == 0x0A { return .sip(lineLength: index + 1) }
            if byte == 0x0D { return lineEnd(bytes, carriageReturnAt: index) }
            // RFC 3261 section 25.1 Reason-Phrase: printable ASCII, UTF-8, SP and HTAB.
            if byte < 0x20, byte != 0x09 { return .notSIP }
            if byte == 0x7F { return .notSIP }
            index += 1
        }
    }

    /// `Method SP Request-URI SP SIP/2.0 CRLF`.
    private static func matchRequestLine<Bytes: StartLineBytes>(_ bytes: Bytes) -> Match {
        var index = 0
        // Method: 1*token (RFC 3261 section 25.1).
        while true {
            guard index < maximumLength else { return .notSIP }
            guard index < bytes.count else { return .incomplete }
            let byte = bytes.byte(at: index)
            if byte == 0x20 { break }
            guard isTokenCharacter(byte) else { return .notSIP }
            index += 1
        }
        guard index > 0 else { return .notSIP }
        index += 1
        // Request-URI: scheme ":" then visible characters up to the next SP.
        guard index < bytes.count else { return .incomplete }
        guard isLetter(bytes.byte(at: index)) else { return .notSIP }
        index += 1
        while true {
            guard index < maximumLength else { return .notSIP }
            guard index < bytes.count else { return .incomplete }
            let byte = bytes.byte(at: index)
            if byte == 0x3A { break }
            guard isSchemeCharacter(byte) else { return .notSIP }
            index += 1
        }
        index += 1
        let uriRestStart = index
        while true {
            guard index < maximumLength else { return .notSIP }
            guard index < bytes.count else { return .incomplete }
            let byte = bytes.byte(at: index)
            if byte == 0x20 { break }
            guard byte > 0x20, byte != 0x7F else { return .notSIP }
            index += 1
        }
        guard index > uriRestStart else { return .notSIP }
        index += 1
        switch versionMatch(bytes, at: index) {
        case .none: return .incomplete
        case .some(false): return .notSIP
        case .some(true): break
        }
        index += 7
        guard index < maximumLength else { return .notSIP }
        guard index < bytes.count else { return .incomplete }
        let byte = bytes.byte(at: index)
        if byte == 0x0A { return .sip(lineLength: index + 1) }
        if byte == 0x0D { return lineEnd(bytes, carriageReturnAt: index) }
        return .notSIP
    }

    /// CRLF ends the line; so does a CR followed by anything else (a damaged line ending).
    private static func lineEnd<Bytes: StartLineBytes>(_ bytes: Bytes, carriageReturnAt index: Int) -> Match {
        guard index + 1 < maximumLength else { return .notSIP }
        guard index + 1 < bytes.count else { return .incomplete }
        return bytes.byte(at: index + 1) == 0x0A ? .sip(lineLength: index + 2) : .sip(lineLength: index + 1)
    }

    /// Methods of RFC 3261 and its extensions (RFC 3262, 3265, 3311, 3428, 3515, 3903,
    /// 6086), used to tell where a request line starts when bytes of something else run
    /// into it.
    static let knownMethods: [StaticString] = [
        "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "SUBSCRIBE", "NOTIFY",
        "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE",
    ]

    /// Where a known method starts within `bytes[method]` when the whole token is not a known
    /// method but ends with one (`xyzINVITE` gives the offset of `INVITE`); `nil` otherwise.
    static func knownMethodStart(_ bytes: UnsafeRawBufferPointer, method: Range<Int>) -> Int? {
        func matches(_ name: StaticString, at start: Int) -> Bool {
            let expected = UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
            guard start >= method.lowerBound, start + expected.count == method.upperBound else { return false }
            for index in 0..<expected.count where bytes.u8(at: start + index) != expected[index] {
                return false
            }
            return true
        }
        var best: Int?
        for name in knownMethods {
            let start = method.upperBound - name.utf8CodeUnitCount
            guard matches(name, at: start) else { continue }
            if start == method.lowerBound { return nil }
            if best.map({ start < $0 }) ?? true { best = start }
        }
        return best
    }

    /// RFC 3261 section 25.1: `token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")`.
    @inline(__always)
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x2D, 0x2E, 0x21, 0x25, 0x2A, 0x5F, 0x2B, 0x60, 0x27, 0x7E: true
        default: false
        }
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// RFC 3986 section 3.1: `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
    @inline(__always)
    private static func isSchemeCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2B, 0x2D, 0x2E: true
        default: false
        }
    }
}
