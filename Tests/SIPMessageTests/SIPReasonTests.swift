import Testing

@testable import SIPMessage

private func slice(_ text: String) -> ArraySlice<UInt8> {
    let bytes = Array(("Reason: " + text).utf8)
    return bytes[8...]
}

@Suite struct SIPReasonTests {
    /// RFC 3326 section 2 examples.
    @Test func parsesList() throws {
        let reasons = try SIPReason.parseList(
            slice("SIP ;cause=200 ;text=\"Call completed elsewhere\", Q.850 ;cause=16 ;text=\"Terminated\""),
            limits: .default
        )
        #expect(reasons.map(\.protocolName) == ["SIP", "Q.850"])
        #expect(reasons.map(\.cause) == [200, 16])
        #expect(reasons.map(\.text) == ["Call completed elsewhere", "Terminated"])
        #expect(reasons.map(\.isSIP) == [true, false])
        #expect(reasons.map(\.isQ850) == [false, true])
        #expect(reasons.map(\.q850Description) == [nil, "Normal call clearing"])
        #expect(reasons[1].description == "Q.850;cause=16;text=Terminated")
        #expect(reasons[0].description == "SIP;cause=200;text=\"Call completed elsewhere\"")
    }

    @Test func otherProtocolsAndMissingParameters() throws {
        let reason = try SIPReason.parse(slice("preemption ;cause=1 ;text=\"UA preemption\""), limits: .default)
        #expect(reason.protocolName == "preemption")
        #expect(reason.q850Description == nil)
        let bare = try SIPReason.parse(slice("q.850"), limits: .default)
        #expect(bare.isQ850)
        #expect(bare.cause == nil)
        #expect(bare.text == nil)
    }

    @Test(arguments: [
        (1, "Unallocated (unassigned) number"), (16, "Normal call clearing"), (17, "User busy"),
        (18, "No user responding"), (19, "No answer from user (user alerted)"), (21, "Call rejected"),
        (27, "Destination out of order"), (28, "Invalid number format (address incomplete)"),
        (31, "Normal, unspecified"), (34, "No circuit/channel available"), (38, "Network out of order"),
        (41, "Temporary failure"), (42, "Switching equipment congestion"), (47, "Resource unavailable, unspecified"),
        (55, "Incoming calls barred within CUG"), (57, "Bearer capability not authorized"),
        (58, "Bearer capability not presently available"), (65, "Bearer capability not implemented"),
        (88, "Incompatible destination"), (102, "Recovery on timer expiry"), (111, "Protocol error, unspecified"),
        (127, "Interworking, unspecified"),
    ])
    func q850(cause: Int, name: String) {
        #expect(SIPReason.q850Description(cause: cause) == name)
    }

    @Test func unknownQ850() {
        #expect(SIPReason.q850Description(cause: 0) == nil)
        #expect(SIPReason.q850Description(cause: 999) == nil)
    }

    @Test(arguments: [
        ("", "must start with a protocol"),
        (";cause=1", "must start with a protocol"),
        ("Q.850;cause=abc", "cause 'abc' is not a number"),
        ("Q.850;cause", "cause '' is not a number"),
        ("Q.850;cause=1234567890", "is not a number"),
        ("Q.850 cause=16", "unexpected 'c' in Reason"),
        ("Q.850;text=\"open", "quoted string is not closed"),
    ])
    func rejects(text: String, fragment: String) {
        #expect {
            try SIPReason.parse(slice(text), limits: .default)
        } throws: { error in
            guard let error = error as? SIPParseError else { return false }
            return error.code == .invalidHeaderValue && error.reason.contains(fragment) && (error.offset ?? -1) >= 8
        }
    }

    @Test func everyPrefix() {
        let bytes = Array("SIP ;cause=200 ;text=\"Call, completed\", Q.850;cause=16".utf8)
        for length in 0...bytes.count {
            _ = try? SIPReason.parseList(bytes[0..<length], limits: .default)
            _ = try? SIPReason.parseList(bytes[length...], limits: .default)
        }
    }
}
