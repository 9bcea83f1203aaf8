import Foundation
import SIPCapture
import Testing

/// The capture API's `format=text` (Homer's text export), written from real SIPp captures by a
/// small generator that follows the layout in capture-formats.md section 2, must give back the
/// same messages as the pcap: times to the microsecond, endpoints, transport and bytes.
@Suite struct HomerTextExportTests {
    static func messages(_ file: String) throws -> [CapturedMessage] {
        let reader = try CaptureReader(path: RealCaptureTests.directory.appendingPathComponent(file).path)
        var messages: [CapturedMessage] = []
        while let item = try reader.next() {
            if case .message(let message) = item { messages.append(message) }
        }
        return messages
    }

    /// `ip:port`, IPv6 without brackets, as Homer 7 writes it.
    static func text(_ endpoint: Endpoint) -> String {
        let address = "\(endpoint.address)".trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return "\(address):\(endpoint.port)"
    }

    /// The Homer 7 export of `messages`: header, empty line, message, CRLF.
    static func homer7Export(_ messages: [CapturedMessage], fractionDigits: Int = 6) -> [UInt8] {
        var bytes: [UInt8] = []
        for message in messages {
            let proto = message.transport == .tcp ? "TCP" : message.transport == .sctp ? "SCTP" : "UDP"
            let header =
                "proto:\(proto) \(message.time.rfc3339(fractionDigits: fractionDigits))  "
                + "\(text(message.source)) ---> \(text(message.destination))\r\n\r\n"
            bytes += Array(header.utf8) + message.payload + [0x0D, 0x0A]
        }
        return bytes
    }

    static func read(_ bytes: [UInt8]) throws -> (CaptureFormat, [CapturedMessage]) {
        let reader = try CaptureReader(bytes: bytes)
        var messages: [CapturedMessage] = []
        while let item = try reader.next() {
            if case .message(let message) = item { messages.append(message) }
        }
        return (reader.format, messages)
    }

    /// The microseconds the export keeps.
    static func microseconds(_ time: CaptureTime) -> Int64 { time.nanoseconds / 1000 }

    @Test(arguments: ["outcomes.pcap", "tcp.pcap", "auth-retrans.pcap", "register.pcap"])
    func sameMessagesAsThePcap(_ file: String) throws {
        let original = try Self.messages(file)
        #expect(!original.isEmpty)
        let (format, decoded) = try Self.read(Self.homer7Export(original))
        #expect(format == .homerText)
        try #require(decoded.count == original.count)
        for (got, expected) in zip(decoded, original) {
            #expect(Self.microseconds(got.time) == Self.microseconds(expected.time))
            #expect(got.source == expected.source)
            #expect(got.destination == expected.destination)
            #expect(got.transport == expected.transport)
            #expect(got.payload == expected.payload)
            #expect(got.notes == [.readFromHomerText])
        }
    }

    /// IPv6 without brackets, a message with a body but no Content-Length, a line in a body
    /// that looks like a header, LF-only header lines, and the server's placeholder addresses.
    @Test func variationsOfTheLayout() throws {
        let body = "v=0\r\nproto:UDP 2024-09-27T00:00:00Z  10.0.0.1:5060 ---> 10.0.0.2:5060\r\n"
        let withBody =
            "INVITE sip:b@h SIP/2.0\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
            + body
        let withoutLength = "MESSAGE sip:b@h SIP/2.0\r\nCall-ID: y\r\nCSeq: 2 MESSAGE\r\n\r\nhello\r\n"
        let export =
            "proto:TCP 2024-09-27T02:00:00.5+02:00  2001:db8::1:5060 ---> 2001:db8::2:5080\r\n\r\n" + withBody
            + "\r\n" + "proto:SCTP 2024-09-27T00:00:01Z  127.0.0.1:0 ---> 10.0.0.2:5060\n\n" + withoutLength + "\r\n"
        let (format, decoded) = try Self.read(Array(export.utf8))
        #expect(format == .homerText)
        try #require(decoded.count == 2)
        #expect(decoded[0].payload == Array(withBody.utf8))
        #expect(decoded[0].transport == .tcp)
        #expect(decoded[0].time == CaptureTime(rfc3339: "2024-09-27T00:00:00.5Z"))
        #expect(decoded[0].source == Endpoint(address: try #require(IPAddress("2001:db8::1")), port: 5060))
        #expect(decoded[0].destination == Endpoint(address: try #require(IPAddress("2001:db8::2")), port: 5080))
        #expect(decoded[1].payload == Array(withoutLength.utf8))
        #expect(decoded[1].transport == .sctp)
        #expect(decoded[1].notes == [.readFromHomerText, .addressUnknown])
    }

    /// Homer 5's ngrep-like header, microseconds not zero-padded.
    @Test func homer5Header() throws {
        let message = "OPTIONS sip:b@h SIP/2.0\r\nCall-ID: z\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
        let export =
            "U 2019/01/23 14:59:33.529784 +0000 10.0.1.50:5080 -> 10.9.5.7:5060\r\n\r\n" + message + "\r\n"
            + "T 2019/01/23 16:59:34.5297 +0200 10.9.5.7:5060 -> 10.0.1.50:5080\r\n\r\n" + message + "\r\n"
        let (format, decoded) = try Self.read(Array(export.utf8))
        #expect(format == .homerText)
        try #require(decoded.count == 2)
        #expect(decoded[0].time == CaptureTime(rfc3339: "2019-01-23T14:59:33.529784Z"))
        #expect(decoded[1].time == CaptureTime(rfc3339: "2019-01-23T14:59:34.005297Z"))
        #expect(decoded[0].transport == .udp)
        #expect(decoded[1].transport == .tcp)
        #expect(decoded[1].source == Endpoint(address: try #require(IPAddress("10.9.5.7")), port: 5060))
        #expect(decoded.allSatisfy { $0.payload == Array(message.utf8) })
    }

    /// Header lines that are almost right are not exports: the sniffer says what it saw.
    @Test(arguments: [
        "proto:UDP 2024-09-27T00:00:00Z 10.0.0.1:5060 ---> 10.0.0.2:5060\r\n",
        "proto:ICMP 2024-09-27T00:00:00Z  10.0.0.1:5060 ---> 10.0.0.2:5060\r\n",
        "proto:UDP 2024-09-27  10.0.0.1:5060 ---> 10.0.0.2:5060\r\n",
        "proto:UDP 2024-09-27T00:00:00Z  10.0.0.1:70000 ---> 10.0.0.2:5060\r\n",
        "proto:UDP 2024-09-27T00:00:00Z  10.0.0.1 ---> 10.0.0.2:5060\r\n",
        "U 2019/01/23 14:59:33.1234567 +0000 10.0.1.50:5080 -> 10.9.5.7:5060\r\n",
    ])
    func nearMissesAreRefused(_ line: String) {
        #expect(throws: CaptureError.self) { try CaptureReader(bytes: Array((line + "\r\nhello\r\n").utf8)) }
    }
}
