/// The values of an ``SDPMedia`` built in code or changed after parsing (RFC 8866 section 5.14),
/// and of any media description when compared, hashed or dumped.
struct SDPMediaFields: Hashable, Sendable {
    var mediaType: String
    var port: Int?
    var portCount: Int?
    var transportProtocol: String
    var formats: [String]
    var line: String
    var information: String?
    var connections: [SDPConnection] = []
    var bandwidths: [SDPBandwidth] = []
    var keyMethod: String?
    var decodedAttributes = SDPDecodedAttributes()

    /// The values of an `m=` value (the other lines' values are left empty); problems go to
    /// `notes`, as ``SDPMediaLine/scan(_:offset:notes:)`` says.
    static func parse(_ value: SDPBytes, offset: Int?, notes: inout [SIPParseNote]) -> SDPMediaFields {
        let scan = SDPMediaLine.scan(value, offset: offset, notes: &notes)
        return SDPMediaFields(
            mediaType: scan.mediaType.map(SDPText.token) ?? "",
            port: scan.port,
            portCount: scan.portCount,
            transportProtocol: scan.proto.map(SDPText.token) ?? "",
            formats: scan.formatTexts,
            line: SDPText.string(value)
        )
    }
}
