/// Why a capture could not be decoded, and where.
///
/// Modelled on swift-asn1's error: a stable, extensible ``Code`` to match on, a human
/// ``reason``, and the location in the input (byte offset, record number) when known.
/// Two errors are equal when their codes are.
public struct CaptureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is. An open set: new codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The input is not a capture format sipdiag reads; the reason says what it looks like.
        public static let unrecognisedFormat = Code("unrecognised-format")
        /// The input is empty.
        public static let emptyInput = Code("empty-input")
        /// A file header is present but invalid (unsupported version, bad field).
        public static let invalidFileHeader = Code("invalid-file-header")
        /// A record or block states a length that cannot be right.
        public static let invalidRecordLength = Code("invalid-record-length")
        /// A pcapng block is malformed (bad trailing length, missing section header, ...).
        public static let invalidBlock = Code("invalid-block")
        /// A HEP packet is malformed.
        public static let invalidHEP = Code("invalid-hep")
        /// The input is JSON that does not parse (RFC 8259); the byte offset says where.
        public static let invalidJSON = Code("invalid-json")
        /// The capture API answered with an error body (`{"data":{},"message":...}` or
        /// `{"success":false,"message":...}`) instead of a capture; the reason quotes its message.
        public static let apiError = Code("api-error")
        /// Reading the file failed.
        public static let ioError = Code("io-error")
    }

    public let code: Code
    public let reason: String
    /// Byte offset in the input where the problem is, when known.
    public let byteOffset: Int64?
    /// 1-based record (frame) number, when known.
    public let recordNumber: Int?

    public init(_ code: Code, _ reason: String, byteOffset: Int64? = nil, recordNumber: Int? = nil) {
        self.code = code
        self.reason = reason
        self.byteOffset = byteOffset
        self.recordNumber = recordNumber
    }

    public var description: String {
        Self.located(reason, recordNumber: recordNumber, byteOffset: byteOffset)
    }

    /// `text (record N, byte offset M)`, leaving out what is not known.
    static func located(_ text: String, recordNumber: Int?, byteOffset: Int64?) -> String {
        var location: [String] = []
        if let recordNumber { location.append("record \(recordNumber)") }
        if let byteOffset { location.append("byte offset \(byteOffset)") }
        return location.isEmpty ? text : "\(text) (\(location.joined(separator: ", ")))"
    }

    public static func == (lhs: CaptureError, rhs: CaptureError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
