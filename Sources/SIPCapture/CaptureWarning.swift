/// A problem the decoder worked around: decoding went on, but the output may be missing
/// something. Each warning is reported once where it applies to many records.
public struct CaptureWarning: Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The file ends in the middle of a record or block.
        public static let truncatedFile = Code("truncated-file")
        /// A link type sipdiag does not decode; its records are skipped.
        public static let unsupportedLinkType = Code("unsupported-link-type")
        /// A pcapng block was malformed and skipped.
        public static let skippedBlock = Code("skipped-block")
        /// A packet's headers were malformed; the packet was skipped.
        public static let malformedPacket = Code("malformed-packet")
        /// A limit from ``CaptureLimits`` was reached and state was dropped.
        public static let limitReached = Code("limit-reached")
        /// Encrypted SIP (TLS or WSS) was seen and cannot be decoded.
        public static let encrypted = Code("encrypted")
        /// Data was found that claims to be SIP-related but could not be decoded.
        public static let undecodable = Code("undecodable")
        /// A row of a JSON export had a field of the wrong type or an impossible value; the
        /// row was skipped.
        public static let skippedRow = Code("skipped-row")
        /// The pcap is a Homer export: every message is written as UDP whatever its real transport.
        public static let homerPcapExport = Code("homer-pcap-export")
        /// Rows of a Homer JSON export had no `raw` text: those messages were rebuilt from the
        /// row's summary fields (method or status, CSeq, Call-ID, users and tags).
        public static let summaryOnlyRows = Code("summary-only-rows")
        /// A Homer JSON export named the transport of TCP messages by IP protocol number only:
        /// TLS and WebSocket cannot be told from plain TCP.
        public static let transportFromProtocolNumber = Code("transport-from-protocol-number")
    }

    public let code: Code
    public let message: String
    public let byteOffset: Int64?
    public let recordNumber: Int?

    public init(_ code: Code, _ message: String, byteOffset: Int64? = nil, recordNumber: Int? = nil) {
        self.code = code
        self.message = message
        self.byteOffset = byteOffset
        self.recordNumber = recordNumber
    }

    public var description: String {
        CaptureError.located(message, recordNumber: recordNumber, byteOffset: byteOffset)
    }
}
