/// The values of an ``SDPSession`` built in code or changed after parsing (RFC 8866 section 5),
/// and of any session when compared, hashed or dumped.
struct SDPSessionFields: Hashable, Sendable {
    var version: Int?
    var origin: SDPOrigin?
    var sessionName: String?
    var information: String?
    var uri: String?
    var emails: [String]
    var phones: [String]
    var connection: SDPConnection?
    var bandwidths: [SDPBandwidth]
    var timings: [SDPTiming]
    var timeZones: String?
    var keyMethod: String?
    var decodedAttributes: SDPDecodedAttributes
    var media: [SDPMedia]
    var notes: [SIPParseNote]
}
