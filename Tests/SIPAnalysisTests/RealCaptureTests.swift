import Foundation
import SIPAnalysis
import SIPCapture
import Testing

/// Real SIPp calls (scripts/fixtures/make-analysis-captures.sh) against what each scenario was
/// designed to do, as written by hand in Fixtures/calls/EXPECTED.tsv and checked with tshark
/// when the captures were made.
@Suite struct RealCaptureTests {
    struct Expectation: CustomTestStringConvertible, Sendable {
        let file: String
        let callID: String
        let kind: String
        let state: String
        let finalStatus: Int?
        let endedBy: String?
        let messages: Int
        let requestRetransmissions: Int
        let responseRetransmissions: Int
        let related: [String]

        var testDescription: String { "\(file) \(callID)" }
    }

    static let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("calls")

    static let expectations: [Expectation] = {
        guard let text = try? String(contentsOf: directory.appendingPathComponent("EXPECTED.tsv"), encoding: .utf8)
        else { return [] }
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Expectation(
                file: f[0],
                callID: f[1],
                kind: f[2],
                state: f[3],
                finalStatus: Int(f[4]),
                endedBy: f[5] == "-" ? nil : f[5],
                messages: Int(f[6]) ?? -1,
                requestRetransmissions: Int(f[7]) ?? -1,
                responseRetransmissions: Int(f[8]) ?? -1,
                related: f[9] == "-" ? [] : f[9].split(separator: ",").map(String.init)
            )
        }
    }()

    static func analyze(_ file: String) throws -> CaptureAnalysis {
        let reader = try CaptureReader(path: directory.appendingPathComponent(file).path)
        var analyzer = CallAnalyzer(options: AnalysisOptions(messageRetention: .summaries))
        while let item = try reader.next() { analyzer.add(item) }
        return analyzer.finish()
    }

    @Test func manifestCoversEveryCapture() throws {
        #expect(Self.expectations.count == 24)
        let files = Set(Self.expectations.map(\.file))
        #expect(files.count == 8)
        for file in files {
            let analysis = try Self.analyze(file)
            #expect(
                Set(analysis.calls.map(\.callID)) == Set(Self.expectations.filter { $0.file == file }.map(\.callID)),
                "\(file)"
            )
        }
    }

    @Test(arguments: expectations)
    func callMatchesItsScenario(_ expected: Expectation) throws {
        let call = try #require(try Self.analyze(expected.file).call(expected.callID))
        #expect(call.kind.rawValue == expected.kind)
        #expect(call.state.rawValue == expected.state)
        #expect(call.finalStatus == expected.finalStatus)
        #expect(call.endedBy?.rawValue == expected.endedBy)
        #expect(call.messageCount == expected.messages)
        let requests = call.transactions.reduce(0) { $0 + $1.requestRetransmissions + $1.ackRetransmissions }
        let responses = call.transactions.reduce(0) { total, transaction in
            total + transaction.responses.reduce(0) { $0 + $1.retransmissions }
        }
        #expect(requests == expected.requestRetransmissions)
        #expect(responses == expected.responseRetransmissions)
        #expect(call.relatedCallIDs == expected.related)
    }

    /// Figures the scenarios' pauses fix: ring 500 ms, talk 1000 ms (a few ms of scheduling
    /// slack on a shared machine).
    @Test func answeredCallTimingFollowsThePauses() throws {
        let call = try #require(try Self.analyze("outcomes.pcap").call("answered@sipdiag.test"))
        let ring = try #require(call.metrics.ringMs)
        let duration = try #require(call.metrics.durationMs)
        #expect(ring >= 500 && ring < 600)
        #expect(duration >= 1000 && duration < 1100)
        #expect(try #require(call.metrics.pddMs) < 50)
        #expect(call.media.negotiatedCodec != nil)
    }

    @Test func timeoutShowsEveryRetransmissionToTimerB() throws {
        let analysis = try Self.analyze("timeout.pcap")
        let call = try #require(analysis.call("timeout@sipdiag.test"))
        let times = call.messages.map { call.startTime.milliseconds(to: $0.time) }
        let expected: [Double] = [0, 500, 1500, 3500, 7500, 15500, 31500]
        #expect(times.count == expected.count)
        for (time, target) in zip(times, expected) { #expect(abs(time - target) < 150, "\(time) vs \(target)") }
        #expect(call.notes.contains { $0.contains("Timer B") })
    }

    @Test func icmpErrorIsAttachedToTheINVITE() throws {
        let call = try #require(try Self.analyze("icmp.pcap").call("icmp@sipdiag.test"))
        #expect(call.transactions.first?.icmpErrors.count == 1)
        #expect(call.notes.contains { $0.contains("port unreachable") })
    }

    @Test func forkingAndPRACKDialogs() throws {
        let analysis = try Self.analyze("dialogs.pcap")
        let forking = try #require(analysis.call("forking@sipdiag.test"))
        #expect(forking.dialogs.count == 2)
        #expect(forking.dialogs.map(\.state).sorted { $0.rawValue < $1.rawValue } == [.early, .terminated])
        let prack = try #require(analysis.call("prack-reinvite@sipdiag.test"))
        #expect(prack.transactions.map(\.method).contains("PRACK"))
        #expect(prack.transactions.filter { $0.method == "INVITE" }.map(\.isOutOfDialog) == [true, false])
        #expect(prack.media.offer != nil && prack.media.answer != nil)
    }

    @Test func registrationFigures() throws {
        let call = try #require(try Self.analyze("register.pcap").call("register-auth@sipdiag.test"))
        #expect(call.registration?.challenges == 1)
        #expect(call.registration?.grantedExpires == 3600)
        #expect(call.metrics.rrdMs != nil)
    }
}
