@testable import SIPCapture

/// SIP messages covering what ``PcapWriter`` can write: UDP over IPv4 and IPv6, small and
/// fragmented; TCP over IPv4 and IPv6 with a message split over several segments;
/// WebSocket; SCTP, small and split over several DATA chunks.
///
/// Shared with the reader's round-trip tests: writing these with the default options and
/// decoding the file must give them back with the same time (all whole microseconds),
/// endpoints, transport and payload; `recordNumbers` and `notes` are left empty here and
/// are for the reader to fill in. Every dialog has its own Call-ID, `<label>@sipdiag.test`,
/// so that tools can be checked by Call-ID.
enum WriterSamples {
    /// 2024-09-27T00:00:00Z.
    static let baseSeconds: Int64 = 1_727_395_200

    static let udpClient4 = Endpoint(address: .v4(0xc000_020a), port: 5060)  // 192.0.2.10
    static let proxy4 = Endpoint(address: .v4(0xc633_6414), port: 5060)  // 198.51.100.20
    static let tcpClient4 = Endpoint(address: .v4(0xc000_021e), port: 40_312)  // 192.0.2.30
    static let wsClient4 = Endpoint(address: .v4(0xc000_0228), port: 51_000)  // 192.0.2.40
    static let wsServer4 = Endpoint(address: .v4(0xc633_6414), port: 80)  // 198.51.100.20
    static let sctpPeer4 = Endpoint(address: .v4(0xc000_0232), port: 5060)  // 192.0.2.50
    static let udpClient6 = Endpoint(address: .v6(high: 0x2001_0db8_0000_0000, low: 0x10), port: 5060)
    static let proxy6 = Endpoint(address: .v6(high: 0x2001_0db8_0000_0000, low: 0x20), port: 5060)
    static let tcpClient6 = Endpoint(address: .v6(high: 0x2001_0db8_0000_0000, low: 0x30), port: 50_123)

    /// The samples, in time order.
    static func sampleMessages() -> [CapturedMessage] {
        var messages: [CapturedMessage] = []
        func add(
            _ transport: SIPTransport,
            _ source: Endpoint,
            _ destination: Endpoint,
            _ payload: [UInt8]
        ) {
            // 10 ms apart plus a few microseconds, always whole microseconds.
            let micros = Int64(messages.count) * 10_000 + Int64(messages.count) * 7
            messages.append(
                CapturedMessage(
                    time: CaptureTime(seconds: baseSeconds, nanoseconds: micros * 1000),
                    source: source,
                    destination: destination,
                    transport: transport,
                    recordNumbers: [],
                    payload: payload
                )
            )
        }
        add(.udp, udpClient4, proxy4, request("INVITE", "udp4-small", transport: "UDP", from: udpClient4, bodyLines: 8))
        add(.udp, proxy4, udpClient4, response(100, "Trying", "udp4-small", method: "INVITE", transport: "UDP"))
        add(.udp, udpClient6, proxy6, request("OPTIONS", "udp6-small", transport: "UDP", from: udpClient6))
        add(.udp, proxy6, udpClient6, response(200, "OK", "udp6-small", method: "OPTIONS", transport: "UDP"))
        add(
            .udp,
            udpClient4,
            proxy4,
            request("INVITE", "udp4-large", transport: "UDP", from: udpClient4, bodyLines: 90)
        )
        add(
            .udp,
            udpClient6,
            proxy6,
            request("INVITE", "udp6-large", transport: "UDP", from: udpClient6, bodyLines: 70)
        )
        add(.tcp, tcpClient4, proxy4, request("INVITE", "tcp4", transport: "TCP", from: tcpClient4, bodyLines: 80))
        add(.tcp, proxy4, tcpClient4, response(180, "Ringing", "tcp4", method: "INVITE", transport: "TCP"))
        add(.tcp, proxy4, tcpClient4, response(200, "OK", "tcp4", method: "INVITE", transport: "TCP", bodyLines: 8))
        add(.tcp, tcpClient4, proxy4, request("ACK", "tcp4", transport: "TCP", from: tcpClient4))
        add(.tcp, tcpClient6, proxy6, request("REGISTER", "tcp6", transport: "TCP", from: tcpClient6))
        add(.tcp, proxy6, tcpClient6, response(401, "Unauthorized", "tcp6", method: "REGISTER", transport: "TCP"))
        add(.ws, wsClient4, wsServer4, request("REGISTER", "ws4", transport: "WS", from: wsClient4))
        add(.ws, wsServer4, wsClient4, response(200, "OK", "ws4", method: "REGISTER", transport: "WS"))
        add(.ws, wsClient4, wsServer4, request("INVITE", "ws4-invite", transport: "WS", from: wsClient4, bodyLines: 40))
        add(.sctp, sctpPeer4, proxy4, request("MESSAGE", "sctp4", transport: "SCTP", from: sctpPeer4, bodyLines: 2))
        add(.sctp, proxy4, sctpPeer4, response(200, "OK", "sctp4", method: "MESSAGE", transport: "SCTP"))
        add(
            .sctp,
            sctpPeer4,
            proxy4,
            request("MESSAGE", "sctp4-large", transport: "SCTP", from: sctpPeer4, bodyLines: 60)
        )
        return messages
    }

    /// The Call-ID of the dialog labelled `label`.
    static func callID(_ label: String) -> String { "\(label)@sipdiag.test" }

    private static func request(
        _ method: String,
        _ label: String,
        transport: String,
        from client: Endpoint,
        bodyLines: Int = 0
    ) -> [UInt8] {
        message(
            startLine: "\(method) sip:bob@example.test SIP/2.0",
            label: label,
            cseq: "1 \(method)",
            transport: transport,
            via: client.description,
            bodyLines: bodyLines
        )
    }

    private static func response(
        _ code: Int,
        _ reason: String,
        _ label: String,
        method: String,
        transport: String,
        bodyLines: Int = 0
    ) -> [UInt8] {
        message(
            startLine: "SIP/2.0 \(code) \(reason)",
            label: label,
            cseq: "1 \(method)",
            transport: transport,
            via: "client.example.test",
            bodyLines: bodyLines
        )
    }

    private static func message(
        startLine: String,
        label: String,
        cseq: String,
        transport: String,
        via: String,
        bodyLines: Int
    ) -> [UInt8] {
        var body = ""
        if bodyLines > 0 {
            body = "v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
            body += "m=audio 49170 RTP/AVP 0 8 101\r\n"
            for index in 0..<bodyLines {
                body += "a=candidate:\(index) 1 udp 2130706431 192.0.2.10 \(50_000 + index) typ host\r\n"
            }
        }
        var text = "\(startLine)\r\n"
        text += "Via: SIP/2.0/\(transport) \(via);branch=z9hG4bK-\(label)\r\n"
        text += "Max-Forwards: 70\r\n"
        text += "From: <sip:alice@example.test>;tag=a-\(label)\r\n"
        text += "To: <sip:bob@example.test>\r\n"
        text += "Call-ID: \(callID(label))\r\n"
        text += "CSeq: \(cseq)\r\n"
        if !body.isEmpty { text += "Content-Type: application/sdp\r\n" }
        text += "Content-Length: \(body.utf8.count)\r\n\r\n"
        text += body
        return Array(text.utf8)
    }
}
