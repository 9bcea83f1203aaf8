import SIPAnalysis
import SIPCapture
import SIPMessage
import Testing

/// Registrations, other exchanges, related legs, filters and what cannot be placed.
@Suite struct RegistrationAndGroupingTests {
    typealias T = SIPText
    let a = CallFlow.caller
    let b = CallFlow.callee

    @Test func challengedRegistrationIsRegisteredWithItsDelay() throws {
        var flow = CallFlow()
        let contact = "Contact: <sip:alice@192.0.2.10:5060>"
        flow.send(a, b, at: 0, T.request("REGISTER", callID: "reg@test", extra: [contact, "Expires: 600"]))
        flow.send(b, a, at: 30, T.response(401, "Unauthorized", method: "REGISTER", callID: "reg@test"))
        flow.send(
            a,
            b,
            at: 40,
            T.request("REGISTER", callID: "reg@test", cseq: 2, branch: "z9hG4bK-2", extra: [contact])
        )
        flow.send(
            b,
            a,
            at: 95,
            T.response(
                200,
                "OK",
                method: "REGISTER",
                callID: "reg@test",
                cseq: 2,
                branch: "z9hG4bK-2",
                extra: [contact + ";expires=300"]
            )
        )
        let call = try #require(flow.analyze().call("reg@test"))
        #expect(call.kind == .registration)
        #expect(call.state == .registered)
        #expect(call.finalStatus == 200)
        #expect(call.metrics.rrdMs == 95)
        #expect(call.registration?.challenges == 1)
        #expect(call.registration?.attempts == 2)
        #expect(call.registration?.requestedExpires == 600)
        #expect(call.registration?.grantedExpires == 300)
        #expect(call.registration?.contact == "sip:alice@192.0.2.10:5060")
        #expect(call.registration?.addressOfRecord == "sip:bob@example.com")
    }

    @Test func removingBindingsIsUnregisteredAndARefusalIsAFailure() throws {
        var flow = CallFlow()
        flow.send(a, b, at: 0, T.request("REGISTER", callID: "un@test", extra: ["Contact: *", "Expires: 0"]))
        flow.send(b, a, at: 10, T.response(200, "OK", method: "REGISTER", callID: "un@test"))
        flow.send(a, b, at: 20, T.request("REGISTER", callID: "no@test", branch: "z9hG4bK-n"))
        flow.send(
            b,
            a,
            at: 30,
            T.response(403, "Forbidden", method: "REGISTER", callID: "no@test", branch: "z9hG4bK-n")
        )
        let analysis = flow.analyze()
        #expect(analysis.call("un@test")?.state == .unregistered)
        #expect(analysis.call("un@test")?.registration?.contact == "*")
        #expect(analysis.call("no@test")?.state == .registrationFailed)
        #expect(analysis.call("no@test")?.finalStatus == 403)
        #expect(analysis.call("no@test")?.metrics.rrdMs == nil)
    }

    @Test func otherExchangesAreLabelledByMethod() throws {
        var flow = CallFlow()
        flow.send(a, b, at: 0, T.request("OPTIONS", callID: "ping@test"))
        flow.send(b, a, at: 5, T.response(200, "OK", method: "OPTIONS", callID: "ping@test"))
        flow.send(a, b, at: 10, T.request("MESSAGE", callID: "im@test", branch: "z9hG4bK-m"))
        flow.send(
            b,
            a,
            at: 15,
            T.response(415, "Unsupported Media Type", method: "MESSAGE", callID: "im@test", branch: "z9hG4bK-m")
        )
        let analysis = flow.analyze()
        let ping = try #require(analysis.call("ping@test"))
        #expect(ping.kind == .other)
        #expect(ping.method == "OPTIONS")
        #expect(ping.state == .answered)
        #expect(ping.transactions.first?.finalResponseDelayMs == 5)
        #expect(analysis.call("im@test")?.state == .rejected)
        #expect(analysis.call("im@test")?.method == "MESSAGE")
    }

    @Test func legsAreLinkedByHeaderAndByHomerSuffixBothWays() throws {
        var flow = CallFlow()
        flow.send(a, b, at: 0, T.request("INVITE", callID: "leg-a@test"))
        flow.send(b, a, at: 1, T.request("INVITE", callID: "leg-b@test", extra: ["X-Call-ID: leg-a@test"]))
        flow.send(a, b, at: 2, T.request("INVITE", callID: "abc@h"))
        flow.send(b, a, at: 3, T.request("INVITE", callID: "abc@h_b2b-1"))
        flow.send(b, a, at: 4, T.request("INVITE", callID: "c@test", extra: ["X-Leg: leg-a@test"]))
        let analysis = flow.analyze()
        #expect(analysis.call("leg-a@test")?.relatedCallIDs == ["leg-b@test"])
        #expect(analysis.call("leg-b@test")?.relatedCallIDs == ["leg-a@test"])
        #expect(analysis.call("abc@h")?.relatedCallIDs == ["abc@h_b2b-1"])
        #expect(analysis.call("abc@h_b2b-1")?.relatedCallIDs == ["abc@h"])
        #expect(analysis.call("c@test")?.relatedCallIDs == [])
        let custom = flow.analyze(AnalysisOptions(relatedLegHeaders: ["X-Leg"]))
        #expect(custom.call("c@test")?.relatedCallIDs == ["leg-a@test"])
        #expect(custom.call("leg-b@test")?.relatedCallIDs == [])
    }

    @Test func filterAndRetentionKeepOnlyWhatWasAskedFor() throws {
        var flow = CallFlow()
        flow.send(a, b, at: 0, T.request("INVITE", callID: "one@test"))
        flow.send(a, b, at: 1, T.request("INVITE", callID: "two@test"))
        let summaries = flow.analyze(AnalysisOptions(messageRetention: .none))
        #expect(summaries.calls.map(\.messageCount) == [1, 1])
        #expect(summaries.calls.allSatisfy { $0.messages.isEmpty })
        let full = flow.analyze(AnalysisOptions(messageRetention: .full, callIDs: ["two@test"]))
        #expect(full.calls.map(\.callID) == ["two@test"])
        #expect(full.calls.first?.messages.first?.payload.starts(with: Array("INVITE ".utf8)) == true)
        #expect(full.calls.first?.messages.first?.index == 2)
        #expect(full.statistics.messages == 2)
    }

    @Test func unparsableMessagesAreCountedWithTheirReason() throws {
        var flow = CallFlow()
        flow.send(a, b, at: 0, "HELLO WORLD\n\n")
        flow.send(a, b, at: 1, "OPTIONS sip:b@h SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK-1\nCSeq: 1 OPTIONS\n\n")
        let analysis = flow.analyze()
        #expect(analysis.calls.isEmpty)
        #expect(analysis.statistics.unparsed == 2)
        #expect(analysis.unparsedMessages.map(\.index) == [1, 2])
        #expect(analysis.unparsedMessages.last?.error.reason.contains("Call-ID") == true)
    }
}

/// A Call-ID with many transactions (REGISTER refreshes) switches to an index; matching must
/// give the same answers either way.
@Suite struct ManyTransactionsTests {
    @Test func refreshesStayApartAndLateRetransmissionsFindTheirTransaction() throws {
        typealias T = SIPText
        var flow = CallFlow()
        let a = CallFlow.caller
        let b = CallFlow.callee
        for round in 1...40 {
            let branch = "z9hG4bK-r\(round)"
            let at = Int64(round) * 1000
            let contact = ["Contact: <sip:alice@192.0.2.10>;expires=60"]
            flow.send(
                a,
                b,
                at: at,
                T.request("REGISTER", callID: "refresh@test", cseq: round, branch: branch, extra: contact)
            )
            flow.send(
                b,
                a,
                at: at + 10,
                T.response(
                    200,
                    "OK",
                    method: "REGISTER",
                    callID: "refresh@test",
                    cseq: round,
                    branch: branch,
                    extra: contact
                )
            )
        }
        // A copy of the third REGISTER arriving late, and one of the 35th's 200.
        flow.send(
            a,
            b,
            at: 50_000,
            T.request(
                "REGISTER",
                callID: "refresh@test",
                cseq: 3,
                branch: "z9hG4bK-r3",
                extra: ["Contact: <sip:alice@192.0.2.10>;expires=60"]
            )
        )
        flow.send(
            b,
            a,
            at: 50_010,
            T.response(200, "OK", method: "REGISTER", callID: "refresh@test", cseq: 35, branch: "z9hG4bK-r35")
        )
        let call = try #require(flow.analyze().call("refresh@test"))
        #expect(call.transactions.count == 40)
        #expect(call.transactions[2].requestRetransmissions == 1)
        #expect(call.transactions[34].responses.first?.retransmissions == 1)
        #expect(call.retransmissions == 2)
        #expect(call.registration?.attempts == 40)
        #expect(call.state == .registered)
        #expect(call.registration?.grantedExpires == 60)
        #expect(call.notes.isEmpty)
    }

    @Test func bindingsMissingFromThe200AreNoted() throws {
        typealias T = SIPText
        var flow = CallFlow()
        flow.send(
            CallFlow.caller,
            CallFlow.callee,
            at: 0,
            T.request("REGISTER", extra: ["Contact: <sip:a@192.0.2.10>"])
        )
        flow.send(CallFlow.callee, CallFlow.caller, at: 5, T.response(200, "OK", method: "REGISTER"))
        let call = try #require(flow.analyze().call("call-1@test"))
        #expect(call.state == .registered)
        #expect(
            call.notes == ["the 2xx to REGISTER lists no Contact bindings (RFC 3261 section 10.3 step 8 says it must)"]
        )
    }
}
