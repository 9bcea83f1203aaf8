import SIPAnalysis
import SIPCapture
import Testing

/// RFC 3261 section 17 matching: retransmissions, forks, hops, CANCEL, and RFC 2543 peers.
@Suite struct TransactionMatchingTests {
    typealias T = SIPText
    let a = CallFlow.caller
    let p = CallFlow.proxy
    let b = CallFlow.callee

    @Test func retransmittedRequestAndResponseAreCountedNotRepeated() throws {
        var flow = CallFlow()
        flow.send(a, b, at: 0, T.request("INVITE"))
        flow.send(a, b, at: 500, T.request("INVITE"))
        flow.send(b, a, at: 900, T.response(200, "OK"))
        flow.send(b, a, at: 1900, T.response(200, "OK"))
        flow.send(a, b, at: 1910, T.request("ACK", branch: "z9hG4bK-ack", toTag: "callee-tag"))
        flow.send(a, b, at: 1920, T.request("ACK", branch: "z9hG4bK-ack", toTag: "callee-tag"))
        let call = try #require(flow.analyze().call("call-1@test"))
        #expect(call.messages.map(\.isRetransmission) == [false, true, false, true, false, true])
        #expect(call.messages.map(\.transaction) == [0, 0, 0, 0, 1, 1])
        #expect(call.transactions[0].requestRetransmissions == 1)
        #expect(call.transactions[0].responses.map(\.retransmissions) == [1])
        #expect(call.transactions[1].requestRetransmissions == 1)
        #expect(call.retransmissions == 3)
        // Times come from the first copies.
        #expect(call.metrics.answerMs == 900)
    }

    @Test func forkingMakesOneDialogPerToTag() throws {
        var flow = CallFlow()
        flow.send(a, b, at: 0, T.request("INVITE"))
        flow.send(b, a, at: 100, T.response(180, "Ringing", toTag: "fork-1"))
        flow.send(b, a, at: 200, T.response(180, "Ringing", toTag: "fork-2"))
        flow.send(b, a, at: 300, T.response(200, "OK", toTag: "fork-2"))
        let call = try #require(flow.analyze().call("call-1@test"))
        #expect(call.dialogs.map(\.calleeTag) == ["fork-1", "fork-2"])
        #expect(call.dialogs.map(\.state) == [.early, .confirmed])
        #expect(call.transactions[0].responses.count == 3)
        #expect(call.retransmissions == 0)
        #expect(call.state == .answered)
    }

    @Test func sameINVITEOnTwoHopsIsOneAttemptNotARetransmission() throws {
        var flow = CallFlow()
        flow.send(a, p, at: 0, T.request("INVITE"))
        flow.send(p, b, at: 5, T.request("INVITE", branch: "z9hG4bK-hop2", sentBy: "198.51.100.1:5060"))
        flow.send(b, p, at: 105, T.response(180, "Ringing", branch: "z9hG4bK-hop2", sentBy: "198.51.100.1:5060"))
        flow.send(p, a, at: 110, T.response(180, "Ringing"))
        flow.send(b, p, at: 1105, T.response(486, "Busy Here", branch: "z9hG4bK-hop2", sentBy: "198.51.100.1:5060"))
        flow.send(p, a, at: 1110, T.response(486, "Busy Here"))
        let call = try #require(flow.analyze().call("call-1@test"))
        #expect(call.transactions.count == 2)
        #expect(call.retransmissions == 0)
        #expect(call.state == .busy)
        // Measured from the first INVITE seen, at the capture point.
        #expect(call.metrics.pddMs == 105)
        #expect(call.metrics.failedSetupMs == 1110)
        #expect(call.notes.contains { $0.contains("2 hops") })
    }

    @Test func legacyPeersWithoutMagicCookieMatchByCSeqAndFromTag() throws {
        var flow = CallFlow()
        flow.send(a, b, at: 0, T.request("INVITE", branch: "old-1"))
        flow.send(a, b, at: 500, T.request("INVITE", branch: "old-1"))
        flow.send(b, a, at: 600, T.response(486, "Busy Here", branch: "old-1"))
        flow.send(a, b, at: 610, T.request("ACK", branch: "old-1", toTag: "callee-tag"))
        let call = try #require(flow.analyze().call("call-1@test"))
        #expect(call.transactions.count == 1)
        #expect(call.transactions[0].matching == .legacy)
        #expect(call.transactions[0].requestRetransmissions == 1)
        #expect(call.transactions[0].ackTime != nil)
        #expect(call.state == .busy)
    }

    @Test func responsesWithoutRequestsStillMakeACall() throws {
        var flow = CallFlow()
        flow.send(b, a, at: 0, T.response(180, "Ringing"))
        flow.send(b, a, at: 900, T.response(200, "OK"))
        let call = try #require(flow.analyze().call("call-1@test"))
        #expect(call.state == .answered)
        #expect(call.transactions.first?.requestTime == nil)
        #expect(call.transactions.first?.client == a)
        #expect(call.metrics.answerMs == nil)
        #expect(call.notes.contains { $0.contains("no request") })
    }

    @Test func requestsInsideAnUnseenDialogSayTheCaptureStartedLate() throws {
        var flow = CallFlow()
        flow.send(a, b, at: 0, T.request("BYE", cseq: 5, toTag: "callee-tag"))
        flow.send(b, a, at: 20, T.response(200, "OK", method: "BYE", cseq: 5))
        let call = try #require(flow.analyze().call("call-1@test"))
        #expect(call.kind == .other)
        #expect(call.method == "BYE")
        #expect(call.dialogs.first?.startedBeforeCapture == true)
        #expect(call.dialogs.first?.state == .terminated)
        #expect(call.notes.contains { $0.contains("inside an established dialog") })
    }

    @Test func reINVITEIsNotANewAttempt() throws {
        var flow = CallFlow()
        flow.send(a, b, at: 0, T.request("INVITE"))
        flow.send(b, a, at: 100, T.response(200, "OK"))
        flow.send(a, b, at: 110, T.request("ACK", branch: "z9hG4bK-a1", toTag: "callee-tag"))
        flow.send(a, b, at: 5000, T.request("INVITE", cseq: 2, branch: "z9hG4bK-re", toTag: "callee-tag"))
        flow.send(b, a, at: 5100, T.response(491, "Request Pending", cseq: 2, branch: "z9hG4bK-re"))
        let call = try #require(flow.analyze().call("call-1@test"))
        #expect(call.state == .answered)
        #expect(call.transactions.filter { $0.method == "INVITE" }.map(\.isOutOfDialog) == [true, false])
        #expect(call.dialogs.map(\.state) == [.confirmed])
    }
}
