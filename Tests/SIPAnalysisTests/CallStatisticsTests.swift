import SIPAnalysis
import SIPCapture
import Testing

/// The RFC 6076 ratios and percentiles on a mix whose answers are worked out by hand.
@Suite struct CallStatisticsTests {
    typealias T = SIPText
    let a = CallFlow.caller
    let b = CallFlow.callee

    /// Ten calls: 4 answered (3 with BYE/200), 2 busy, 1 redirected, 1 failed 503, 1 timeout
    /// (ICMP), 1 in progress.
    func mix() -> CaptureAnalysis {
        var flow = CallFlow()
        var time: Int64 = 0
        func call(_ id: String, _ steps: [(Int, String)], bye: Bool = false) {
            let callID = "\(id)@test"
            flow.send(a, b, at: time, T.request("INVITE", callID: callID))
            for (delay, status) in steps {
                let code = Int(status.prefix(3)) ?? 0
                flow.send(b, a, at: time + Int64(delay), T.response(code, String(status.dropFirst(4)), callID: callID))
            }
            if bye {
                flow.send(
                    a,
                    b,
                    at: time + 5000,
                    T.request("BYE", callID: callID, cseq: 2, branch: "z9hG4bK-b", toTag: "callee-tag")
                )
                flow.send(
                    b,
                    a,
                    at: time + 5010,
                    T.response(200, "OK", method: "BYE", callID: callID, cseq: 2, branch: "z9hG4bK-b")
                )
            }
            time += 10
        }
        call("a1", [(100, "180 Ringing"), (1000, "200 OK")], bye: true)
        call("a2", [(200, "183 Session Progress"), (2000, "200 OK")], bye: true)
        call("a3", [(300, "200 OK")], bye: true)
        call("a4", [(400, "180 Ringing"), (4000, "200 OK")])
        call("busy1", [(50, "486 Busy Here")])
        call("busy2", [(50, "600 Busy Everywhere")])
        call("redirect", [(50, "302 Moved Temporarily")])
        call("fail", [(50, "503 Service Unavailable")])
        flow.send(a, b, at: time, T.request("INVITE", callID: "dead@test"))
        flow.icmp(quoting: a, b, at: time + 1)
        time += 10
        flow.send(a, b, at: 6000, T.request("INVITE", callID: "late@test"))
        return flow.analyze()
    }

    @Test func ratiosFollowTheirDefinitions() throws {
        let statistics = mix().statistics
        // 9 decided calls (in-progress left out), 1 redirected.
        #expect(statistics.asr == 4.0 * 100 / 9)
        #expect(statistics.ser == 4.0 * 100 / 8)
        // SEER: 4 answered + 486 + 600 over 8.
        #expect(statistics.seer == 6.0 * 100 / 8)
        // ISA: 503 and the timeout over 9.
        #expect(statistics.isa == 2.0 * 100 / 9)
        // SCR: 3 answered calls ended by BYE with 200, over 9.
        #expect(statistics.scr == 3.0 * 100 / 9)
        #expect(
            statistics.callsByState.map(\.name) == [
                "answered", "busy", "timeout", "redirected", "failed", "in-progress",
            ]
        )
        #expect(statistics.callsByState.map(\.count) == [4, 2, 1, 1, 1, 1])
        #expect(statistics.requestsByMethod.first == CallStatistics.Count(name: "INVITE", count: 10))
        #expect(statistics.responsesByClass.map(\.name) == ["1xx", "2xx", "3xx", "4xx", "5xx", "6xx"])
        #expect(statistics.responsesByClass.map(\.count) == [3, 7, 1, 1, 1, 1])
    }

    @Test func setupTimePercentilesUseNearestRank() throws {
        let pdd = try #require(mix().statistics.pdd)
        // pdd of the four answered calls: 100, 200, 300 (no 18x: to the 200), 400.
        #expect(pdd.count == 4)
        #expect(pdd.minimum == 100)
        #expect(pdd.p50 == 200)
        #expect(pdd.p90 == 400)
        #expect(pdd.maximum == 400)
        #expect(Percentiles([]) == nil)
        let hundred = try #require(Percentiles((1...100).map(Double.init)))
        #expect([hundred.p50, hundred.p90, hundred.p95, hundred.p99] == [50, 90, 95, 99])
    }
}
