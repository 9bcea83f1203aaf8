/// Something the capture shows that is not a SIP message but matters to the analysis.
public enum CaptureEvent: Hashable, Sendable {
    /// An ICMP or ICMPv6 "destination unreachable" (or similar) quoting a packet that was
    /// sent from `quotedSource` to `quotedDestination`: the destination did not take it.
    case icmpUnreachable(ICMPUnreachable)
    /// Bytes missing from a TCP stream (lost or not captured segments).
    case streamGap(StreamGap)
    /// An IP datagram whose fragments never all arrived.
    case incompleteDatagram(IncompleteDatagram)
}

/// An ICMP error that quotes a packet the capture may also show.
public struct ICMPUnreachable: Hashable, Sendable {
    public var time: CaptureTime
    public var recordNumber: Int
    /// The host that sent the ICMP error.
    public var reporter: IPAddress
    public var quotedSource: Endpoint
    public var quotedDestination: Endpoint
    /// The quoted packet's IP protocol (17 UDP, 6 TCP, 132 SCTP).
    public var quotedProtocol: UInt8
    public var isIPv6: Bool
    public var type: UInt8
    public var code: UInt8

    public init(
        time: CaptureTime,
        recordNumber: Int,
        reporter: IPAddress,
        quotedSource: Endpoint,
        quotedDestination: Endpoint,
        quotedProtocol: UInt8,
        isIPv6: Bool,
        type: UInt8,
        code: UInt8
    ) {
        self.time = time
        self.recordNumber = recordNumber
        self.reporter = reporter
        self.quotedSource = quotedSource
        self.quotedDestination = quotedDestination
        self.quotedProtocol = quotedProtocol
        self.isIPv6 = isIPv6
        self.type = type
        self.code = code
    }

    /// "port unreachable", "host unreachable", ... (RFC 792, RFC 4443 section 3.1).
    public var reason: String {
        if isIPv6 {
            switch (type, code) {
            case (1, 0): return "no route to destination"
            case (1, 1): return "administratively prohibited"
            case (1, 3): return "address unreachable"
            case (1, 4): return "port unreachable"
            case (1, _): return "destination unreachable (code \(code))"
            case (3, _): return "hop limit exceeded"
            default: return "ICMPv6 type \(type) code \(code)"
            }
        }
        switch (type, code) {
        case (3, 0): return "network unreachable"
        case (3, 1): return "host unreachable"
        case (3, 2): return "protocol unreachable"
        case (3, 3): return "port unreachable"
        case (3, 4): return "fragmentation needed"
        case (3, 9), (3, 10), (3, 13): return "administratively prohibited"
        case (3, _): return "destination unreachable (code \(code))"
        case (11, _): return "time to live exceeded"
        default: return "ICMP type \(type) code \(code)"
        }
    }
}

/// Bytes missing from one direction of a TCP stream.
public struct StreamGap: Hashable, Sendable {
    public var time: CaptureTime
    public var recordNumber: Int
    public var source: Endpoint
    public var destination: Endpoint
    public var missingBytes: Int

    public init(time: CaptureTime, recordNumber: Int, source: Endpoint, destination: Endpoint, missingBytes: Int) {
        self.time = time
        self.recordNumber = recordNumber
        self.source = source
        self.destination = destination
        self.missingBytes = missingBytes
    }
}

/// An IP datagram that could not be rebuilt: some fragments never arrived before the
/// timeout, the table was full, or the capture ended.
public struct IncompleteDatagram: Hashable, Sendable {
    public var firstRecordNumber: Int
    public var source: IPAddress
    public var destination: IPAddress
    public var identification: UInt32
    public var fragmentsSeen: Int
    public var reason: String

    public init(
        firstRecordNumber: Int,
        source: IPAddress,
        destination: IPAddress,
        identification: UInt32,
        fragmentsSeen: Int,
        reason: String
    ) {
        self.firstRecordNumber = firstRecordNumber
        self.source = source
        self.destination = destination
        self.identification = identification
        self.fragmentsSeen = fragmentsSeen
        self.reason = reason
    }
}
