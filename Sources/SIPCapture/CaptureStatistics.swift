/// Counts that describe how much of a capture was understood.
public struct CaptureStatistics: Hashable, Sendable {
    /// Packet records in the file (pcapng blocks other than packets are not counted).
    public var records = 0
    /// Bytes of the input consumed.
    public var bytesRead: Int64 = 0
    /// SIP messages produced.
    public var sipMessages = 0
    /// IP packets whose payload was not SIP (RTP, DNS, ...), counted once per packet.
    public var packetsWithoutSIP = 0
    /// Frames that carried something other than IP (ARP, LLDP, ...).
    public var nonIPFrames = 0
    /// Packets skipped because a header was malformed or cut short.
    public var malformedPackets = 0
    /// Records of link types sipdiag does not decode.
    public var unsupportedRecords = 0
    /// IP datagrams rebuilt from fragments.
    public var reassembledDatagrams = 0
    /// HEP packets decoded (each may carry SIP or something else).
    public var hepPackets = 0
    /// ICMP errors that quote a packet.
    public var icmpErrors = 0
    /// Rows of a JSON export that carry something other than SIP (payload type 5 RTCP, 100
    /// logs, 34 and 35 reports): skipped.
    public var nonSIPRows = 0

    public init() {}
}
