/// Writes ``CapturedMessage``s as a classic pcap file of made-up Ethernet frames that tshark,
/// tcpdump and sipdiag's own reader decode back into the same messages.
///
/// Modelled on swift-nio-extras' `NIOWritePCAPHandler`, extended to UDP, IPv6, fragmentation,
/// WebSocket and SCTP. The file is pcap 2.4, little-endian, link type 1 (Ethernet), snaplen
/// 262144. Every message becomes one or more records:
///
/// - ``SIPTransport/udp``: Ethernet + IPv4 or IPv6 + UDP. A datagram larger than
///   ``Options/mtu`` is written as IP fragments (RFC 791 section 2.3, RFC 8200 section 4.5).
///   A payload too large for one UDP datagram (65507 bytes over IPv4, 65527 over IPv6)
///   cannot be written and yields no record.
/// - ``SIPTransport/tcp`` and ``SIPTransport/tls``: TCP segments of at most
///   ``Options/tcpMaximumSegmentSize`` bytes. The first message of a flow (connection
///   identified by its two endpoints) is preceded by a three-way handshake, its source being
///   the client; sequence and acknowledgement numbers then continue per direction
///   (RFC 9293 section 3.4). TLS content is written in clear, since the pcap could not hold
///   the keys: a reader sees TCP.
/// - ``SIPTransport/ws`` and ``SIPTransport/wss``: TCP as above; the first message of a
///   flow is preceded by the HTTP Upgrade request and its `101` response (RFC 6455
///   section 4, subprotocol `sip` from RFC 7118 section 5), then each message is one
///   unfragmented text frame, masked from client to server (RFC 6455 section 5.3) with a
///   deterministic key. WSS, like TLS, is written decrypted: a reader sees WebSocket.
/// - ``SIPTransport/sctp``: one DATA chunk per packet on stream 0 (RFC 9260 section 3.3.1,
///   RFC 4168), split into fragment chunks with consecutive TSNs above the MTU, with a
///   valid CRC-32C. No INIT handshake is written; the verification tags are made up.
///
/// All records written for one message (handshake, upgrade, fragments, segments) carry the
/// message's ``CapturedMessage/time``, so that a reader that stamps a message with the time
/// of its last piece gets that time back exactly; with ``Options/nanosecondTimestamps`` off
/// it is floored to the microsecond.
///
/// A message whose endpoints are of different families (which real captures cannot
/// produce) is written as IPv6, the IPv4 endpoint becoming its IPv4-mapped address
/// `::ffff:a.b.c.d` (RFC 4291 section 2.5.5.2).
///
/// Output is deterministic: MAC addresses derive from IP addresses, IPv4 identifications and
/// IPv6 fragment identifications count up from fixed values, and TCP initial sequence
/// numbers, SCTP tags and TSNs derive from the flow's endpoints and the order in which flows
/// first appear. The same messages in the same order give byte-identical files.
public struct PcapWriter: Sendable {
    /// How packets are laid out.
    public struct Options: Hashable, Sendable {
        /// Nanosecond record timestamps (magic `a1b23c4d`) instead of microseconds (`a1b2c3d4`).
        public var nanosecondTimestamps: Bool = false
        /// The largest IP packet, headers included. UDP datagrams above it are fragmented and
        /// SCTP messages are split into several DATA chunks. Clamped to 128...65535 so that
        /// every fragment carries data.
        public var mtu: Int = 1500
        /// The largest TCP payload per segment (RFC 9293 section 3.7.1). Larger stream
        /// messages are split into several segments. Clamped to 1...65000 so that a segment
        /// always fits in one IP packet.
        public var tcpMaximumSegmentSize: Int = 1460
        /// TCP and SCTP flows remembered at once. When a new flow would exceed it, every flow
        /// is forgotten, so that a flow seen again starts over with a fresh handshake (and a
        /// fresh initial sequence number): memory stays bounded on endless streams.
        public var maxTrackedFlows: Int = 65_536

        /// The defaults: microsecond timestamps, Ethernet MTU 1500, MSS 1460 (RFC 9293 section 3.7.1).
        public init() {}
    }

    /// The `snaplen` written in the file header: Wireshark's `WTAP_MAX_PACKET_SIZE_STANDARD`,
    /// well above any record this writer produces (an MTU-sized packet or a TCP segment).
    public static let snapshotLength: UInt32 = 262_144
    /// LINKTYPE_ETHERNET from the tcpdump.org link-type registry.
    public static let linkTypeEthernet: UInt32 = 1

    public let options: Options

    /// The clamped MTU actually used.
    let mtu: Int
    /// The clamped maximum segment size actually used.
    let maximumSegmentSize: Int
    /// TCP connections seen so far, with their sequence numbers.
    var streams: [FlowKey: StreamFlow] = [:]
    /// SCTP associations seen so far, with their TSNs.
    var associations: [FlowKey: SCTPAssociation] = [:]
    /// How many flows were opened so far; mixed into initial sequence numbers so that a
    /// flow opened again after the table was cleared does not reuse its old numbers.
    var flowsOpened: UInt64 = 0
    /// The next IPv4 identification (RFC 791 section 3.2, RFC 6864): one per datagram.
    var nextIPv4Identification: UInt16 = 0x4000
    /// The next IPv6 fragment identification (RFC 8200 section 4.5): one per fragmented datagram.
    var nextIPv6Identification: UInt32 = 0x0001_0000
    /// Counts WebSocket frames, to derive each client frame's masking key.
    var webSocketFramesMasked: UInt64 = 0

    /// A writer with no flow seen yet; write ``fileHeader()`` first, then the records.
    public init(options: Options = .init()) {
        self.options = options
        self.mtu = min(max(options.mtu, 128), 65_535)
        self.maximumSegmentSize = min(max(options.tcpMaximumSegmentSize, 1), 65_000)
    }

    /// The 24-byte pcap file header (pcap 2.4, little-endian, Ethernet, snaplen 262144).
    public func fileHeader() -> [UInt8] {
        var header: [UInt8] = []
        header.reserveCapacity(24)
        PacketBuilder.appendLittleEndian(options.nanosecondTimestamps ? 0xa1b2_3c4d : 0xa1b2_c3d4, to: &header)
        // Version 2.4: major then minor, each 16-bit.
        PacketBuilder.appendLittleEndian(0x0004_0002, to: &header)
        // thiszone and sigfigs, both always 0.
        PacketBuilder.appendLittleEndian(0, to: &header)
        PacketBuilder.appendLittleEndian(0, to: &header)
        PacketBuilder.appendLittleEndian(Self.snapshotLength, to: &header)
        PacketBuilder.appendLittleEndian(Self.linkTypeEthernet, to: &header)
        return header
    }

    /// Appends one or more records for the message: Ethernet + IPv4/IPv6 + UDP (fragmented
    /// above ``Options/mtu``), or TCP for stream transports (`.tcp .tls .ws .wss`; a TCP
    /// 3-way handshake is written the first time a flow appears, sequence numbers continue
    /// per direction), or SCTP DATA for `.sctp`. `.ws`: HTTP Upgrade request/101 response
    /// written once per flow, then each message as one WebSocket text frame (client to
    /// server frames masked with a deterministic key).
    ///
    /// The message's ``CapturedMessage/recordNumbers`` and ``CapturedMessage/notes`` are not
    /// used. Nothing is written for a UDP payload larger than one datagram can hold, nor for
    /// an empty TCP or SCTP payload (which would carry no data), apart from a new flow's
    /// handshake.
    ///
    /// - Returns: the number of records written.
    @discardableResult
    public mutating func append(_ message: CapturedMessage, to output: inout [UInt8]) -> Int {
        let hosts = Self.hostPair(message.source.address, message.destination.address)
        switch message.transport {
        case .udp:
            return appendUDP(message, hosts: hosts, to: &output)
        case .tcp, .tls:
            return appendStream(message, hosts: hosts, webSocket: false, to: &output)
        case .ws, .wss:
            return appendStream(message, hosts: hosts, webSocket: true, to: &output)
        case .sctp:
            return appendSCTP(message, hosts: hosts, to: &output)
        }
    }

    /// The source and destination addresses to put in IP headers: as given when both are of
    /// one family, otherwise both IPv6 with the IPv4 one mapped (RFC 4291 section 2.5.5.2).
    static func hostPair(_ source: IPAddress, _ destination: IPAddress) -> (IPAddress, IPAddress) {
        switch (source, destination) {
        case (.v4(let value), .v6):
            return (.v6(high: 0, low: 0xffff_0000_0000 | UInt64(value)), destination)
        case (.v6, .v4(let value)):
            return (source, .v6(high: 0, low: 0xffff_0000_0000 | UInt64(value)))
        default:
            return (source, destination)
        }
    }

    /// The length of the IP header (IPv4 without options, or IPv6 fixed header) for `address`.
    static func ipHeaderLength(_ address: IPAddress) -> Int {
        address.isIPv6 ? PacketBuilder.ipv6HeaderLength : PacketBuilder.ipv4HeaderLength
    }

    /// A flow's identity: its two endpoints in a fixed order, whichever way a message goes.
    struct FlowKey: Hashable {
        var low: Endpoint
        var high: Endpoint

        /// The key of the flow between `a` and `b`, the same in both directions.
        init(_ a: Endpoint, _ b: Endpoint) {
            (low, high) = a < b ? (a, b) : (b, a)
        }
    }

    /// Makes room for one more flow: forgets every flow when the table is full (see
    /// ``Options/maxTrackedFlows``), and counts the flow for its initial numbers.
    mutating func admitFlow() -> UInt64 {
        if streams.count + associations.count >= max(options.maxTrackedFlows, 1) {
            streams.removeAll(keepingCapacity: true)
            associations.removeAll(keepingCapacity: true)
        }
        flowsOpened &+= 1
        return flowsOpened
    }

    /// A fragment of an IP datagram: where it starts and whether more follow.
    struct Fragment {
        /// Offset of this fragment's data in the datagram, in bytes (a multiple of 8).
        var offset: Int
        var moreFragments: Bool
        /// The datagram's identification, shared by its fragments.
        var identification: UInt32
    }

    /// Appends a record header, the Ethernet header and the IP header (and an IPv6 fragment
    /// header for a fragment) of one packet whose upper-layer data is `upperLength` bytes;
    /// the caller appends exactly that many bytes next.
    mutating func appendPacketHeaders(
        time: CaptureTime,
        hosts: (source: IPAddress, destination: IPAddress),
        protocolNumber: UInt8,
        upperLength: Int,
        fragment: Fragment?,
        dontFragment: Bool,
        to output: inout [UInt8]
    ) {
        switch hosts {
        case (.v4(let source), .v4(let destination)):
            let recordLength = PacketBuilder.ethernetHeaderLength + PacketBuilder.ipv4HeaderLength + upperLength
            PacketBuilder.appendRecordHeader(
                time: time,
                nanosecondTimestamps: options.nanosecondTimestamps,
                length: recordLength,
                to: &output
            )
            PacketBuilder.appendEthernet(
                source: hosts.source,
                destination: hosts.destination,
                etherType: PacketBuilder.etherTypeIPv4,
                to: &output
            )
            let identification: UInt16
            var flagsAndOffset: UInt16 = dontFragment ? 0x4000 : 0
            if let fragment {
                identification = UInt16(truncatingIfNeeded: fragment.identification)
                // Offsets stay below 65536 (the datagram length is checked), so /8 fits 13 bits.
                flagsAndOffset = UInt16(truncatingIfNeeded: fragment.offset / 8) | (fragment.moreFragments ? 0x2000 : 0)
            } else {
                identification = nextIPv4Identification
                nextIPv4Identification &+= 1
            }
            PacketBuilder.appendIPv4Header(
                source: source,
                destination: destination,
                protocolNumber: protocolNumber,
                payloadLength: upperLength,
                identification: identification,
                flagsAndOffset: flagsAndOffset,
                to: &output
            )
        default:
            let extensionLength = fragment == nil ? 0 : PacketBuilder.ipv6FragmentHeaderLength
            let recordLength =
                PacketBuilder.ethernetHeaderLength + PacketBuilder.ipv6HeaderLength + extensionLength + upperLength
            PacketBuilder.appendRecordHeader(
                time: time,
                nanosecondTimestamps: options.nanosecondTimestamps,
                length: recordLength,
                to: &output
            )
            PacketBuilder.appendEthernet(
                source: hosts.source,
                destination: hosts.destination,
                etherType: PacketBuilder.etherTypeIPv6,
                to: &output
            )
            PacketBuilder.appendIPv6Header(
                source: hosts.source,
                destination: hosts.destination,
                nextHeader: fragment == nil ? protocolNumber : PacketBuilder.ipv6FragmentHeader,
                payloadLength: extensionLength + upperLength,
                to: &output
            )
            if let fragment {
                PacketBuilder.appendIPv6FragmentHeader(
                    nextHeader: protocolNumber,
                    offset: fragment.offset,
                    moreFragments: fragment.moreFragments,
                    identification: fragment.identification,
                    to: &output
                )
            }
        }
    }

    /// A fresh identification for a datagram about to be fragmented.
    mutating func allocateFragmentIdentification(ipv6: Bool) -> UInt32 {
        if ipv6 {
            let identification = nextIPv6Identification
            nextIPv6Identification &+= 1
            return identification
        }
        let identification = nextIPv4Identification
        nextIPv4Identification &+= 1
        return UInt32(identification)
    }

    /// Starts the upper-layer checksum of RFC 768 / RFC 9293 with the pseudo-header of
    /// RFC 791 or RFC 8200 section 8.1: both addresses, the upper-layer length and the
    /// protocol number (summing the length as 32 bits covers both layouts).
    static func pseudoHeaderChecksum(
        hosts: (source: IPAddress, destination: IPAddress),
        protocolNumber: UInt8,
        upperLength: Int
    ) -> InternetChecksum {
        var checksum = InternetChecksum()
        checksum.add(address: hosts.source)
        checksum.add(address: hosts.destination)
        checksum.add(doubleWord: UInt32(truncatingIfNeeded: upperLength))
        checksum.add(word: UInt16(protocolNumber))
        return checksum
    }

    /// SplitMix64's finaliser: spreads a counter or a packed value into well-mixed bits, the
    /// same on every run and platform (unlike `Hasher`, which is seeded per process).
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A deterministic 64-bit digest of an endpoint.
    static func digest(_ endpoint: Endpoint) -> UInt64 {
        switch endpoint.address {
        case .v4(let value):
            return mix(UInt64(value) << 16 | UInt64(endpoint.port))
        case .v6(let high, let low):
            return mix(mix(high) ^ low ^ UInt64(endpoint.port))
        }
    }
}
