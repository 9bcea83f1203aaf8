/// An IP datagram's payload rebuilt from its fragments (RFC 791 section 3.2, RFC 8200
/// section 4.5).
struct ReassembledDatagram: Hashable, Sendable {
    /// Everything after the IP header(s): the transport header onward.
    var payload: [UInt8]
    /// The records of the fragments used, in the order they arrived.
    var recordNumbers: [Int]
    /// How many fragments made it (exact duplicates not counted).
    var fragmentCount: Int
    /// The time of the fragment that completed the datagram: when it could first be read.
    var time: CaptureTime
}
