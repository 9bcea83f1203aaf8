import SIPAnalysis
import SIPCapture
import Testing

@testable import SIPReport

/// The streaming writer must give, byte for byte, what rendering the same ``JSONValue`` gives:
/// `sipdiag calls --format json` switched from one to the other.
@Suite struct JSONStreamWriterTests {
    static let document = JSONValue.object([
        .init("text", .string("a\"b\\c\nd\u{01}é\u{7F}")),
        .init("none", .null),
        .init("empty list", .array([])),
        .init("empty object", .object([])),
        .init("numbers", .array([.integer(Int64.min), .integer(0), .decimal(2120.125), .decimal(.nan)])),
        .init("nested", .array([.object([.init("flag", .bool(true))]), .array([.bool(false)]), .array([])])),
    ])

    /// Writes ``document`` through the writer's calls.
    static func write(_ writer: inout JSONStreamWriter) {
        writer.beginObject()
        writer.key("text")
        writer.string("a\"b\\c\nd\u{01}é\u{7F}")
        writer.key("none")
        writer.string(nil)
        writer.key("empty list")
        writer.strings([])
        writer.key("empty object")
        writer.beginObject()
        writer.endObject()
        writer.key("numbers")
        writer.beginArray()
        writer.integer(Int64.min)
        writer.integer(0)
        writer.decimal(2120.125)
        writer.decimal(.nan)
        writer.endArray()
        writer.key("nested")
        writer.beginArray()
        writer.value(.object([.init("flag", .bool(true))]))
        writer.beginArray()
        writer.bool(false)
        writer.endArray()
        writer.value(.array([]))
        writer.endArray()
        writer.endObject()
    }

    @Test(arguments: [(true, 0), (true, 2), (false, 0)])
    func writerMatchesTheRenderedValue(pretty: Bool, indent: Int) {
        var writer = JSONStreamWriter(pretty: pretty, indent: indent)
        Self.write(&writer)
        var expected: [UInt8] = []
        Self.document.append(to: &expected, pretty: pretty, indent: indent)
        #expect(writer.bytes == expected)
        writer.reset()
        #expect(writer.count == 0)
        Self.write(&writer)
        #expect(writer.bytes == expected)
    }

    @Test func deepDocumentsIndentPastThePreparedLineStarts() {
        var writer = JSONStreamWriter()
        var value = JSONValue.array([.integer(1)])
        for _ in 0..<30 { value = .array([value]) }
        for _ in 0..<31 { writer.beginArray() }
        writer.integer(1)
        for _ in 0..<31 { writer.endArray() }
        #expect(writer.bytes == value.renderedBytes())
    }

    @Test func callsAreWrittenAsTheirJSONValue() throws {
        let calls = try RenderFixtures.sampleCalls() + RenderFixtures.hostileCall() + RenderFixtures.simpleCall()
        #expect(calls.count >= 3)
        for call in calls {
            for digits in [6, 9] {
                var writer = JSONStreamWriter(indent: 1)
                CallJSON.write(call, fractionDigits: digits, to: &writer)
                var expected: [UInt8] = []
                CallJSON.call(call, fractionDigits: digits).append(to: &expected, indent: 1)
                #expect(writer.bytes == expected, "\(call.callID)")
            }
        }
    }

    @Test func callsWithEveryOptionalPartMatch() {
        var call = SIPCall(
            callID: "c@h",
            kind: .registration,
            method: "REGISTER",
            state: .registered,
            startTime: .init(nanoseconds: 1),
            endTime: .init(nanoseconds: 2_000_000)
        )
        call.registration = SIPRegistration(
            addressOfRecord: "sip:a@h",
            contact: nil,
            requestedExpires: 3600,
            grantedExpires: nil,
            challenges: 1,
            attempts: 2
        )
        call.relatedCallIDs = ["b@h", "c\"@h"]
        call.notes = ["tab\there"]
        call.media = CallMedia(
            offer: MediaDescription(
                endpoint: nil,
                mediaType: "audio",
                codecs: [],
                direction: "sendrecv",
                isRejected: true,
                isEncrypted: false
            )
        )
        var writer = JSONStreamWriter()
        CallJSON.write(call, to: &writer)
        #expect(writer.bytes == CallJSON.call(call).renderedBytes())
    }
}
