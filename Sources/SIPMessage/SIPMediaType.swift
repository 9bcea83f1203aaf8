/// A media type as in Content-Type (RFC 3261 section 20.15, RFC 2045 section 5.1):
/// `type "/" subtype *(";" parameter)`, e.g. `multipart/mixed;boundary=7a9cbec02ceef655`.
///
/// Type and subtype are case-insensitive (RFC 2045 section 5.1) and stored lowercased;
/// parameter values keep their case (a boundary is case-sensitive, RFC 2046 section 5.1.1).
public struct SIPMediaType: Hashable, Sendable, CustomStringConvertible {
    /// Top-level type, lowercased: `application`, `multipart`, `text`, `message`, ...
    public var type: String
    /// Subtype, lowercased: `sdp`, `mixed`, `alternative`, `plain`, ...
    public var subtype: String
    /// Parameters in order; quoted values are unquoted.
    public var parameters: SIPParameters

    public init(type: String, subtype: String, parameters: SIPParameters = SIPParameters()) {
        self.type = type.lowercased()
        self.subtype = subtype.lowercased()
        self.parameters = parameters
    }

    /// `type/subtype`, lowercased, without parameters.
    public var essence: String { "\(type)/\(subtype)" }

    /// The `boundary` parameter of a multipart type (RFC 2046 section 5.1.1).
    public var boundary: String? { parameters["boundary"] ?? nil }

    /// The `charset` parameter (RFC 2046 section 4.1.2).
    public var charset: String? { parameters["charset"] ?? nil }

    /// Whether this is `type/subtype` (case-insensitive); `type/*` matches any subtype.
    public func matches(_ pattern: String) -> Bool {
        let pattern = pattern.lowercased()
        guard let slash = pattern.firstIndex(of: "/"), pattern[..<slash] == type else { return false }
        let patternSubtype = pattern[pattern.index(after: slash)...]
        return patternSubtype == "*" || patternSubtype == subtype
    }

    /// `application/sdp`: an SDP body (RFC 3261 section 13.2.1, RFC 8866 section 8.1).
    public var isSDP: Bool { type == "application" && subtype == "sdp" }

    /// `multipart/*` (RFC 2046 section 5.1).
    public var isMultipart: Bool { type == "multipart" }

    /// `type/subtype;name=value`, quoting values that are not tokens.
    public var description: String {
        var text = essence
        for parameter in parameters {
            text += ";\(parameter.name)"
            guard let value = parameter.value else { continue }
            if !value.isEmpty, value.utf8.allSatisfy(SIPScanner.isTokenCharacter) {
                text += "=\(value)"
            } else {
                var escaped = ""
                for character in value {
                    if character == "\"" || character == "\\" { escaped.append("\\") }
                    escaped.append(character)
                }
                text += "=\"\(escaped)\""
            }
        }
        return text
    }

    /// Parses a Content-Type value (RFC 3261 section 20.15). Unquoted parameter values may
    /// hold characters outside `token` (e.g. `boundary=----=_Part_1`, common from Java
    /// stacks though RFC 2045 section 5.1 wants them quoted): they run to `;` or white space.
    public static func parse(
        _ bytes: ArraySlice<UInt8>,
        limits: SIPParseLimits
    ) throws(SIPParseError) -> SIPMediaType {
        let trimmed = SIPScanner.trimmed(bytes)
        // Nearly every SIP body is SDP: its type needs neither a scan nor new Strings.
        if isApplicationSDP(trimmed) {
            var mediaType = SIPMediaType()
            mediaType.type = "application"
            mediaType.subtype = "sdp"
            return mediaType
        }
        var scanner = SIPScanner(trimmed)
        guard let type = scanner.token() else {
            throw SIPParseError(
                .invalidHeaderValue,
                "expected a media type such as application/sdp (RFC 3261 section 20.15)",
                offset: scanner.index
            )
        }
        guard scanner.consumeSeparator(0x2F) else {
            throw SIPParseError(
                .invalidHeaderValue,
                "expected '/' after the media type (RFC 3261 section 20.15)",
                offset: scanner.index
            )
        }
        guard let subtype = scanner.token() else {
            throw SIPParseError(
                .invalidHeaderValue,
                "expected a media subtype after '/' (RFC 3261 section 20.15)",
                offset: scanner.index
            )
        }
        var parameters: [SIPParameter] = []
        while scanner.consumeSeparator(0x3B) {
            guard parameters.count < limits.maxParameters else {
                throw SIPParseError(
                    .limitExceeded,
                    "more than \(limits.maxParameters) parameters (limit maxParameters)",
                    offset: scanner.index
                )
            }
            guard let name = scanner.token() else {
                throw SIPParseError(
                    .invalidHeaderValue,
                    "expected a parameter name after ';' (RFC 3261 section 20.15)",
                    offset: scanner.index
                )
            }
            var value: String?
            if scanner.consumeSeparator(0x3D) {
                if scanner.peek() == 0x22 {
                    value = try scanner.quotedString()
                } else {
                    let raw = scanner.scan { $0 > 0x20 && $0 < 0x7F && $0 != 0x3B && $0 != 0x22 }
                    guard let raw else {
                        throw SIPParseError(
                            .invalidHeaderValue,
                            "parameter '\(String(decoding: name, as: UTF8.self))' has no value after '=' "
                                + "(RFC 2045 section 5.1)",
                            offset: scanner.index
                        )
                    }
                    value = String(decoding: raw, as: UTF8.self)
                }
            }
            parameters.append(SIPParameter(name: String(decoding: name, as: UTF8.self), value: value))
        }
        scanner.skipWhitespace()
        guard scanner.isAtEnd else {
            throw SIPParseError(
                .invalidHeaderValue,
                "unexpected characters after the media type (RFC 3261 section 20.15)",
                offset: scanner.index
            )
        }
        var mediaType = SIPMediaType()
        mediaType.type = lowercased(type)
        mediaType.subtype = lowercased(subtype)
        mediaType.parameters = SIPParameters(parameters)
        return mediaType
    }

    /// An empty media type, filled in by ``parse(_:limits:)`` without lowercasing twice.
    private init() {
        type = ""
        subtype = ""
        parameters = SIPParameters()
    }

    /// `application/sdp` in any case, without parameters (RFC 2045 section 5.1: type and
    /// subtype are case-insensitive).
    private static func isApplicationSDP(_ bytes: ArraySlice<UInt8>) -> Bool {
        // `application/sdp` is 15 bytes: two overlapping 8-byte words, folded to lower case.
        guard bytes.count == 15 else { return false }
        return bytes.withUnsafeBytes { buffer in
            // The buffer holds exactly 15 bytes (checked above): the loads read bytes 0 to 7 and
            // 7 to 14.
            let first = UInt64(littleEndian: buffer.loadUnaligned(as: UInt64.self))
            let second = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: 7, as: UInt64.self))
            // `applicat` and `ion/sdp` as little-endian words.
            return SDPText.foldedCase(first) == 0x7461_6369_6c70_7061
                && SDPText.foldedCase(second) == 0x7064_732f_6e6f_6974
        }
    }

    /// A token as lowercase text, folded byte by byte (tokens are ASCII, RFC 3261 section 25.1).
    private static func lowercased(_ token: ArraySlice<UInt8>) -> String {
        guard token.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return String(decoding: token, as: UTF8.self) }
        return String(decoding: token.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Parses a Content-Type value given as text (offsets then count from its first byte).
    public static func parse(_ text: String, limits: SIPParseLimits = .default) throws(SIPParseError) -> SIPMediaType {
        try parse(Array(text.utf8)[...], limits: limits)
    }
}
