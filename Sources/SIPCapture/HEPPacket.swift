/// One decoded HEP packet (Homer Encapsulation Protocol, versions 1, 2 and 3): the captured
/// payload and what the capture agent said about it.
///
/// Fields a version cannot carry are `nil`: v1 has no time, v1 and v2 have no payload type
/// (they only ever carried SIP), only v3 names correlation IDs, VLANs and agent names.
struct HEPPacket: Hashable, Sendable {
    /// 1, 2 or 3.
    var version: Int
    /// The IP protocol the payload crossed: 17 UDP, 6 TCP, 132 SCTP (HEP3 chunk type 2).
    var ipProtocol: UInt8?
    var source: Endpoint
    var destination: Endpoint
    /// Capture time from the agent (v2 header, or HEP3 chunk types 9 and 10).
    var time: CaptureTime?
    /// What the payload is: 1 SIP, 5 RTCP as JSON, 100 log line, ... (HEP3 chunk type 11).
    var payloadType: UInt8?
    /// The capture agent's node ID (HEP3 chunk type 12, 32 bits; v2 header, 16 bits).
    var captureAgentID: UInt32?
    /// HEP3 chunk type 19.
    var captureAgentName: String?
    /// HEP3 chunk type 17, often a Call-ID tying RTCP or logs to a call.
    var correlationID: String?
    /// HEP3 chunk type 18.
    var vlanID: UInt16?
    /// The captured bytes, decompressed when they came in chunk type 16.
    var payload: [UInt8]
    /// Whether the payload came compressed (chunk type 16) and was inflated.
    var payloadWasCompressed: Bool
}
