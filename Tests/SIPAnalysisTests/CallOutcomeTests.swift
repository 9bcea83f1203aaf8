import SIPAnalysis
import SIPCapture
import SIPMessage
import Testing

/// Outcomes, who ended the call and the timing figures, on hand-made flows whose times are
/// chosen so every figure is known in advance.
@Suite struct CallOutcomeTests {
    typealias T = SIPText
    let a = CallFlow.caller
    let b = CallFlow.callee

    /// INVITE at 0, 100 at 20, 180 at 120, 200 at 2120, ACK, BYE at 12120, 200 at 12150.
    func answeredFlow(byeFromCallee: Bool = false) -> CallFlow {
        var flow = CallFlow()
        flow.send(a, b, at: 0, T.request("INVITE", body: T.sdpOffer))
        flow.send(b, a, at: 20, T.response(100, "Trying", toTag: nil))
        flow.send(b, a, at: 120, T.response(180, "Ringing"))
        flow.send(b, a, at: 2120, T.response(200, "OK", body: T.sdpAnswer))
        flow.send(a, b, at: 2130, T.request("ACK", branch: "z9hG4bK-ack", toTag: "callee-tag"))
        if byeFromCallee {
            flow.send(
                b,
                a,
                at: 12120,
                T.request(
                    "BYE",
                    cseq: 7,
                    branch: "z9hG4bK-bye",
                    sentBy: "203.0.113.20:5080",
                    fromTag: "callee-tag",
                    toTag: "caller-tag",
                    extra: ["Reason: Q.850;cause=16;text=\"Normal call clearing\""]
                )
            )
            flow.send(
                a,
                b,
                at: 12150,
                T.response(
                    200,
                    "OK",
                    method: "BYE",
                    cseq: 7,
                    branch: "z9hG4bK-bye",
                    sentBy: "203.0.113.20:5080",
                    fromTag: "callee-tag",
                    toTag: "caller-tag"
                )
            )
        } else {
            flow.send(a, b, at: 12120, T.request("BYE", cseq: 2, branch: "z9hG4bK-bye", toTag: "callee-tag"))
            flow.send(b, a, at: 12150, T.response(200, "OK", method: "BYE", cseq: 2, branch: "z9hG4bK-bye"))
        }
        return flow
    }

    @Test func answeredCallHasEveryFigure() throws {
        let analysis = answeredFlow().analyze()
        let call = try #require(analysis.call("call-1@test"))
        #expect(call.kind == .call)
        #expect(call.state == .answered)
        #expect(call.finalStatus == 200)
        #expect(call.endedBy == .caller)
        #expect(call.from == "sip:alice@example.com")
        #expect(call.fromDisplayName == "Alice")
        #expect(call.to == "sip:bob@example.com")
        #expect(call.messageCount == 7)
        #expect(call.retransmissions == 0)
        #expect(call.metrics.tryingMs == 20)
        #expect(call.metrics.pddMs == 120)
        #expect(call.metrics.answerMs == 2120)
        #expect(call.metrics.ringMs == 2000)
        #expect(call.metrics.durationMs == 10000)
        #expect(call.metrics.sddMs == 30)
        #expect(call.metrics.failedSetupMs == nil)
        #expect(call.transactions.map(\.method) == ["INVITE", "ACK", "BYE"])
        #expect(call.dialogs.count == 1)
        #expect(call.dialogs.first?.state == .terminated)
        #expect(call.media.offer?.endpoint == "192.0.2.10:49170")
        #expect(call.media.offer?.codecs == ["PCMU/8000", "PCMA/8000", "telephone-event/8000"])
        #expect(call.media.answer?.endpoint == "203.0.113.20:30000")
        #expect(call.media.negotiatedCodec == "PCMA/8000")
        #expect(call.messages.map(\.hasSDP) == [true, false, false, true, false, false, false])
    }

    @Test func calleeHangUpAndItsReason() throws {
        let call = try #require(answeredFlow(byeFromCallee: true).analyze().call("call-1@test"))
        #expect(call.state == .answered)
        #expect(call.endedBy == .callee)
        #expect(call.reason?.cause == 16)
        #expect(call.metrics.sddMs == 30)
        #expect(call.dialogs.first?.state == .terminated)
    }

    /// One INVITE answered with `status`, optionally after a 180 and a CANCEL.
    func failedCall(_ status: Int, _ phrase: String, ringing: Bool = false, cancel: Bool = false) -> SIPCall? {
        var flow = CallFlow()
        flow.send(a, b, at: 0, T.request("INVITE"))
        flow.send(b, a, at: 10, T.response(100, "Trying", toTag: nil))
        if ringing { flow.send(b, a, at: 100, T.response(180, "Ringing")) }
        if cancel {
            flow.send(
                a,
                b,
                at: 3000,
                T.request("CANCEL", extra: ["Reason: SIP;cause=200;text=\"Call completed elsewhere\""])
            )
            flow.send(b, a, at: 3010, T.response(200, "OK", method: "CANCEL"))
        }
        flow.send(b, a, at: 4000, T.response(status, phrase, extra: ["Reason: Q.850;cause=17"]))
        flow.send(a, b, at: 4010, T.request("ACK", toTag: "callee-tag"))
        return flow.analyze().call("call-1@test")
    }

    @Test(arguments: [
        (486, "Busy Here", false, false, CallState.busy, CallParty.callee),
        (600, "Busy Everywhere", false, false, .busy, .callee),
        (487, "Request Terminated", true, true, .cancelled, .caller),
        (480, "Temporarily Unavailable", true, false, .noAnswer, .callee),
        (408, "Request Timeout", true, false, .noAnswer, .callee),
        (480, "Temporarily Unavailable", false, false, .rejected, .callee),
        (404, "Not Found", false, false, .rejected, .callee),
        (603, "Decline", true, false, .rejected, .callee),
        (302, "Moved Temporarily", false, false, .redirected, .callee),
        (503, "Service Unavailable", false, false, .failed, .callee),
    ])
    func finalResponseDecidesTheState(
        status: Int,
        phrase: String,
        ringing: Bool,
        cancel: Bool,
        state: CallState,
        endedBy: CallParty
    ) throws {
        let call = try #require(failedCall(status, phrase, ringing: ringing, cancel: cancel))
        #expect(call.state == state)
        #expect(call.finalStatus == status)
        #expect(call.endedBy == endedBy)
        #expect(call.metrics.failedSetupMs == 4000)
        #expect(call.metrics.answerMs == nil)
        #expect(call.metrics.pddMs == (ringing ? 100 : nil))
        // The ACK of a non-2xx final response belongs to the INVITE transaction (RFC 3261 17.1.1.3).
        #expect(call.transactions.first?.ackTime == CaptureTime(nanoseconds: 4_010_000_000))
        #expect(call.transactions.filter { $0.method == "ACK" }.isEmpty)
        if cancel {
            #expect(call.reason?.protocolName == "SIP")
            #expect(call.transactions.first?.cancelledBy == 1)
            #expect(call.transactions[1].cancels == 0)
        } else {
            #expect(call.reason?.cause == 17)
        }
    }

    @Test func challengeThenAnswerIsOneAnsweredCall() throws {
        var flow = CallFlow()
        flow.send(a, b, at: 0, T.request("INVITE"))
        flow.send(b, a, at: 10, T.response(407, "Proxy Authentication Required"))
        flow.send(a, b, at: 20, T.request("ACK", toTag: "callee-tag"))
        flow.send(a, b, at: 30, T.request("INVITE", cseq: 2, branch: "z9hG4bK-2"))
        flow.send(b, a, at: 40, T.response(180, "Ringing", cseq: 2, branch: "z9hG4bK-2", toTag: "t2"))
        flow.send(b, a, at: 1040, T.response(200, "OK", cseq: 2, branch: "z9hG4bK-2", toTag: "t2"))
        let call = try #require(flow.analyze().call("call-1@test"))
        #expect(call.state == .answered)
        #expect(call.metrics.pddMs == 40)
        #expect(call.metrics.answerMs == 1040)
        #expect(call.notes.contains { $0.contains("1 challenge") })
        #expect(call.notes.contains { $0.contains("no BYE") })
    }

    @Test func challengeNotRetriedIsRejected() throws {
        var flow = CallFlow()
        flow.send(a, b, at: 0, T.request("INVITE"))
        flow.send(b, a, at: 10, T.response(401, "Unauthorized"))
        let call = try #require(flow.analyze().call("call-1@test"))
        #expect(call.state == .rejected)
        #expect(call.finalStatus == 401)
        #expect(call.notes.contains { $0.contains("not retried") })
    }

    /// An unanswered INVITE with retransmissions; `end` is when the capture's last message is.
    func unanswered(captureEnd end: Int64, icmp: Bool = false) -> SIPCall? {
        var flow = CallFlow()
        for at: Int64 in [0, 500, 1500, 3500, 7500, 15500, 31500] where at <= end {
            flow.send(a, b, at: at, T.request("INVITE"))
        }
        if icmp { flow.icmp(quoting: a, b, at: 1) }
        flow.send(a, b, at: end, T.request("OPTIONS", callID: "other@test", branch: "z9hG4bK-o"))
        return flow.analyze().call("call-1@test")
    }

    @Test func noResponseForTimerBIsATimeout() throws {
        let call = try #require(unanswered(captureEnd: 31500))
        #expect(call.state == .timeout)
        #expect(call.retransmissions == 6)
        #expect(call.transactions.count == 1)
        #expect(call.messages.map(\.isRetransmission) == [false, true, true, true, true, true, true])
        #expect(call.notes.contains { $0.contains("6 retransmission(s)") })
        #expect(call.endedBy == nil)
    }

    @Test func captureEndingEarlyIsInProgress() throws {
        let call = try #require(unanswered(captureEnd: 4000))
        #expect(call.state == .inProgress)
        #expect(call.retransmissions == 3)
    }

    @Test func icmpUnreachableIsATimeoutWithItsReason() throws {
        let call = try #require(unanswered(captureEnd: 100, icmp: true))
        #expect(call.state == .timeout)
        #expect(call.transactions.first?.icmpErrors.count == 1)
        #expect(call.notes.contains { $0.contains("port unreachable") })
    }

    @Test func ringingWithoutFinalIsInProgress() throws {
        var flow = CallFlow()
        flow.send(a, b, at: 0, T.request("INVITE"))
        flow.send(b, a, at: 50, T.response(180, "Ringing"))
        flow.send(b, a, at: 60_000, T.response(180, "Ringing", callID: "x@test"))
        let call = try #require(flow.analyze().call("call-1@test"))
        #expect(call.state == .inProgress)
        #expect(call.metrics.pddMs == 50)
        #expect(call.dialogs.map(\.state) == [.early])
    }
}
