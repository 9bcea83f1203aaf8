/// Caps on everything a capture can make the decoder hold, so that memory stays bounded by
/// these numbers and not by the file, whatever the file says.
///
/// The defaults suit real SIP traffic with a wide margin; each is documented with the reason
/// for its size. Tests use smaller values to reach the limits.
public struct CaptureLimits: Hashable, Sendable {
    /// The largest record a pcap or pcapng file may hold. Larger lengths are treated as
    /// corruption. 262144 is Wireshark's `WTAP_MAX_PACKET_SIZE_STANDARD`.
    public var maxRecordLength: Int = 262_144
    /// The largest pcapng block. Blocks can carry options and comments beside the packet,
    /// so this is larger than ``maxRecordLength``.
    public var maxBlockLength: Int = 16 * 1024 * 1024
    /// The largest SIP message accepted from a stream; the RFC sets no limit but real
    /// messages stay under a few kilobytes, and 64 KiB is the UDP maximum.
    public var maxSIPMessageLength: Int = 256 * 1024
    /// Bytes buffered per TCP direction: unframed in-order bytes plus out-of-order segments.
    /// Also the cap on unassembled SCTP fragments per association direction.
    public var maxStreamBufferPerDirection: Int = 1024 * 1024
    /// Out-of-order segments held per TCP direction while waiting for the hole to fill.
    public var maxOutOfOrderSegmentsPerDirection: Int = 256
    /// TCP/SCTP flows tracked at once; the least recently active is dropped beyond this.
    public var maxTrackedFlows: Int = 65_536
    /// IP datagrams being reassembled at once; the oldest is reported incomplete beyond this.
    public var maxPendingDatagrams: Int = 4096
    /// Fragments accepted for one datagram (a 64 KiB datagram at the IPv6 minimum MTU of
    /// 1280 needs 52).
    public var maxFragmentsPerDatagram: Int = 256
    /// Bytes held for all IP datagrams being reassembled at once. Each datagram's buffer reaches
    /// at most 64 KiB, so ``maxPendingDatagrams`` alone would allow 256 MiB; real fragmented SIP
    /// (a few KiB per datagram) stays far below this. The oldest datagrams are dropped beyond it.
    public var maxFragmentBufferBytes: Int = 32 * 1024 * 1024
    /// How long a datagram's fragments are kept waiting, in capture time. RFC 8200
    /// section 4.5 says 60 seconds for IPv6; Linux uses 30 for IPv4 (`ipfrag_time`).
    public var fragmentTimeoutNanoseconds: Int64 = 60_000_000_000
    /// Unassembled SCTP DATA / I-DATA fragments held per association direction. A 256 KiB
    /// message in chunks of one 1500-byte MTU needs about 180; the rest is room for several
    /// streams at once.
    public var maxSCTPPendingChunksPerDirection: Int = 1024
    /// Bytes of unassembled SCTP fragments held for all associations together, so that many
    /// associations each below ``maxStreamBufferPerDirection`` cannot add up without bound.
    public var maxSCTPBufferedBytes: Int = 32 * 1024 * 1024
    /// The largest SIP text file read (it is read whole to split it into messages): text pasted
    /// from logs is small, and anything this large is a capture in another format.
    public var maxTextInputLength: Int = 64 * 1024 * 1024
    /// How many layers of tunnelling (IP-in-IP, HEP in UDP, ...) are unwrapped.
    public var maxEncapsulationDepth: Int = 8

    public init() {}

    /// The defaults.
    public static let `default` = CaptureLimits()
}
