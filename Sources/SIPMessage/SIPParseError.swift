/// Why some SIP could not be parsed, and where.
///
/// Like ``SIPCapture/CaptureError``: an extensible ``Code`` to match on, a human ``reason``
/// and the byte offset in the message when known. Equal when the codes are.
public struct SIPParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem this is. An open set.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The start line is not a SIP request or status line (RFC 3261 section 7.1, 7.2).
        public static let invalidStartLine = Code("invalid-start-line")
        /// The SIP version is not 2.0 (RFC 3261 section 7.1).
        public static let unsupportedVersion = Code("unsupported-version")
        /// A header line is not `name: value` (RFC 3261 section 7.3).
        public static let invalidHeader = Code("invalid-header")
        /// A header value does not follow its grammar (RFC 3261 section 25.1).
        public static let invalidHeaderValue = Code("invalid-header-value")
        /// A URI does not follow RFC 3261 section 19.1 or RFC 3966.
        public static let invalidURI = Code("invalid-uri")
        /// A required header is missing (RFC 3261 section 8.1.1).
        public static let missingHeader = Code("missing-header")
        /// The message ends before its header section does.
        public static let incomplete = Code("incomplete")
        /// Content-Length disagrees with the body (RFC 3261 section 18.3, 20.14).
        public static let contentLengthMismatch = Code("content-length-mismatch")
        /// A body does not follow its content type's grammar (SDP, multipart).
        public static let invalidBody = Code("invalid-body")
        /// A limit of ``SIPParseLimits`` was exceeded; the reason names it.
        public static let limitExceeded = Code("limit-exceeded")
        /// Bytes that cannot be in a SIP message (NUL in the header section, invalid UTF-8 where text is expected).
        public static let invalidCharacters = Code("invalid-characters")
        /// Lines end with LF alone or CR alone instead of CRLF (RFC 3261 section 7).
        public static let lineEnding = Code("line-ending")
        /// Values that contradict each other (CSeq method and request method, two Content-Lengths).
        public static let inconsistent = Code("inconsistent")
    }

    public let code: Code
    public let reason: String
    /// Byte offset in the message, when known.
    public let offset: Int?

    public init(_ code: Code, _ reason: String, offset: Int? = nil) {
        self.code = code
        self.reason = reason
        self.offset = offset
    }

    public var description: String {
        offset.map { "\(reason) (byte \($0))" } ?? reason
    }

    public static func == (lhs: SIPParseError, rhs: SIPParseError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
