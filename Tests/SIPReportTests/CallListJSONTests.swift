import SIPAnalysis
import SIPReport
import Testing

/// The call list is encoded in chunks on two threads: its bytes must be those of rendering the
/// array of calls as one JSON value, whatever the number of chunks.
@Suite struct CallListJSONTests {
    static func written(_ calls: [SIPCall], fractionDigits: Int = 6) -> [UInt8] {
        var bytes: [UInt8] = []
        CallListJSON.write(calls, fractionDigits: fractionDigits) { bytes.append(contentsOf: $0) }
        return bytes
    }

    static func rendered(_ calls: [SIPCall], fractionDigits: Int = 6) -> [UInt8] {
        JSONValue.array(calls.map { CallJSON.call($0, fractionDigits: fractionDigits) }).renderedBytes()
    }

    /// 0, 1, a chunk exactly, a chunk and one, and several chunks with an odd count.
    @Test(arguments: [0, 1, 512, 513, 2_345])
    func sameBytesAsTheRenderedArray(count: Int) throws {
        let samples = try RenderFixtures.sampleCalls() + RenderFixtures.hostileCall() + RenderFixtures.simpleCall()
        let calls = (0..<count).map { index in
            var call = samples[index % samples.count]
            call.callID = "\(index)-\(call.callID)"
            return call
        }
        let bytes = Self.written(calls)
        #expect(bytes == Self.rendered(calls))
        #expect(bytes.first == 0x5B && bytes.last == 0x5D)
    }

    @Test func nanosecondCapturesKeepTheirDigits() throws {
        let calls = try RenderFixtures.sampleCalls()
        #expect(Self.written(calls, fractionDigits: 9) == Self.rendered(calls, fractionDigits: 9))
        #expect(Self.written(calls, fractionDigits: 9) != Self.written(calls, fractionDigits: 6))
    }
}
