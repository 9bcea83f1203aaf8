import Testing

@testable import SIPCapture

/// Drives a ``TCPReassembler`` with hand-made segments and collects what it outputs.
struct TCPHarness {
    static let client = Endpoint(address: .v4(0x0A00_0001), port: 50_000)
    static let server = Endpoint(address: .v4(0x0A00_0002), port: 5060)

    let reassembler: TCPReassembler
    var outputs: [StreamOutput] = []
    var recordNumber = 0

    init(limits: CaptureLimits = .default) {
        reassembler = TCPReassembler(limits: limits)
    }

    /// Sends one segment; record numbers count from 1 and times are the record number in
    /// milliseconds, unless given.
    mutating func send(
        from source: Endpoint = TCPHarness.client,
        to destination: Endpoint = TCPHarness.server,
        seq: UInt32,
        ack: UInt32? = nil,
        flags: TCPFlags = [],
        _ payload: [UInt8] = [],
        record: Int? = nil
    ) {
        recordNumber += 1
        let number = record ?? recordNumber
        var allFlags = flags
        if ack != nil { allFlags.insert(.ack) }
        payload.withUnsafeBytes { bytes in
            let segment = TCPSegment(
                sourcePort: source.port,
                destinationPort: destination.port,
                sequenceNumber: seq,
                acknowledgementNumber: ack ?? 0,
                flags: allFlags,
                payload: bytes
            )
            reassembler.ingest(
                segment,
                source: source,
                destination: destination,
                time: TCPHarness.time(number),
                recordNumber: number,
                into: &outputs
            )
        }
    }

    mutating func send(
        from source: Endpoint = TCPHarness.client,
        to destination: Endpoint = TCPHarness.server,
        seq: UInt32,
        ack: UInt32? = nil,
        flags: TCPFlags = [],
        _ text: String
    ) {
        send(from: source, to: destination, seq: seq, ack: ack, flags: flags, Array(text.utf8))
    }

    /// Ends the capture and returns everything output.
    mutating func finish() -> [StreamOutput] {
        reassembler.finish(into: &outputs)
        return outputs
    }

    static func time(_ recordNumber: Int) -> CaptureTime {
        CaptureTime(nanoseconds: Int64(recordNumber) * 1_000_000)
    }

    /// A message as the reassembler should output it.
    static func message(
        _ text: String,
        from source: Endpoint = client,
        to destination: Endpoint = server,
        records: [Int],
        time: Int? = nil,
        transport: SIPTransport = .tcp,
        notes: [CaptureNote] = []
    ) -> StreamOutput {
        .message(
            CapturedMessage(
                time: TCPHarness.time(time ?? records.last ?? 0),
                source: source,
                destination: destination,
                transport: transport,
                recordNumbers: records,
                payload: Array(text.utf8),
                notes: notes
            )
        )
    }

    static func gap(
        _ missing: Int,
        record: Int,
        from source: Endpoint = client,
        to destination: Endpoint = server
    ) -> StreamOutput {
        .gap(
            StreamGap(
                time: TCPHarness.time(record),
                recordNumber: record,
                source: source,
                destination: destination,
                missingBytes: missing
            )
        )
    }
}

/// The payloads of the messages in `outputs`, as text.
func messageTexts(_ outputs: [StreamOutput]) -> [String] {
    outputs.compactMap {
        if case .message(let message) = $0 { return String(decoding: message.payload, as: UTF8.self) }
        return nil
    }
}

/// A deterministic pseudo-random generator (SplitMix64), so that "random" tests repeat.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// SIP messages used across the stream tests.
enum SampleSIP {
    static let invite =
        "INVITE sip:bob@example.com SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP 10.0.0.1:50000;branch=z9hG4bK776asdhds\r\n"
        + "From: <sip:alice@example.com>;tag=1928301774\r\n"
        + "To: <sip:bob@example.com>\r\n"
        + "Call-ID: a84b4c76e66710@10.0.0.1\r\n"
        + "CSeq: 314159 INVITE\r\n"
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: 13\r\n"
        + "\r\n"
        + "v=0\r\ns=call\r\n"
    static let trying =
        "SIP/2.0 100 Trying\r\n"
        + "Via: SIP/2.0/TCP 10.0.0.1:50000;branch=z9hG4bK776asdhds\r\n"
        + "Call-ID: a84b4c76e66710@10.0.0.1\r\n"
        + "CSeq: 314159 INVITE\r\n"
        + "l: 0\r\n"
        + "\r\n"
    static let ok =
        "SIP/2.0 200 OK\r\n"
        + "Via: SIP/2.0/TCP 10.0.0.1:50000;branch=z9hG4bK776asdhds\r\n"
        + "Call-ID: a84b4c76e66710@10.0.0.1\r\n"
        + "CSeq: 314159 INVITE\r\n"
        + "content-length:   5 \r\n"
        + "\r\n"
        + "hello"
    static let ack =
        "ACK sip:bob@example.com SIP/2.0\r\n"
        + "Call-ID: a84b4c76e66710@10.0.0.1\r\n"
        + "CSeq: 314159 ACK\r\n"
        + "Content-Length: 0\r\n"
        + "\r\n"
    static let bye =
        "BYE sip:bob@example.com SIP/2.0\r\n"
        + "Call-ID: a84b4c76e66710@10.0.0.1\r\n"
        + "CSeq: 314160 BYE\r\n"
        + "CONTENT-LENGTH: 0\r\n"
        + "\r\n"
}

@Suite struct TCPTestHarnessTests {
    @Test func seededGeneratorRepeats() {
        var first = SeededGenerator(seed: 7)
        var second = SeededGenerator(seed: 7)
        let a = (0..<4).map { _ in first.next() }
        let b = (0..<4).map { _ in second.next() }
        #expect(a == b)
        #expect(Set(a).count == 4)
    }
}
