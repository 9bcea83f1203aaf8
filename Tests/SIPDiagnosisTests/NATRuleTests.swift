import Foundation
import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import Testing

/// nat.pcap: nat@sipdiag.test (Via and Contact 10.0.0.5 from 127.0.0.41, no rport; the callee's
/// Contact 172.16.0.9 from 127.0.0.42) and nat-rport@sipdiag.test (Via 192.168.1.20;rport, real
/// Contacts). Messages: INVITE, 100, 180, 200, ACK, BYE, 200.
@Suite struct NATRuleTests {
    @Test func privateContactsAndVia() throws {
        let call = try DiagnosisCaptures.call("nat.pcap", "nat@sipdiag.test")
        let findings = NATAddressRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == ["nat.private-contact", "nat.private-contact", "nat.private-via"])
        #expect(findings.map(\.severity) == [.warning, .warning, .warning])
        // The caller's INVITE; the callee's 180 (and its 200).
        #expect(findings.map { $0.evidence.map(\.messageIndex) } == [[0], [2], [0]])
        #expect(
            findings.map { $0.evidence.map(\.time) } == [
                [call.messages[0].time], [call.messages[2].time], [call.messages[0].time],
            ]
        )
        let summaries = findings.map(\.summary)
        #expect(summaries[0] == "INVITE from 127.0.0.41:5070 gives private Contact address 10.0.0.5")
        #expect(summaries[1] == "180 Ringing from 127.0.0.42:5060 gives private Contact address 172.16.0.9")
        #expect(summaries[2] == "INVITE from 127.0.0.41:5070 has private Via address 10.0.0.5 without rport")
        #expect(findings[1].evidence.first?.text.hasSuffix("Contact 172.16.0.9 (and 1 more message)") == true)
        // INVITE, ACK and BYE all carry the private Via.
        #expect(findings[2].evidence.first?.text.hasSuffix("without rport (and 2 more requests)") == true)
        #expect(findings.allSatisfy { $0.fix?.isEmpty == false && $0.explanation.contains("RFC 3261") })
        #expect(findings[2].explanation.contains("rport (RFC 3581)"))
    }

    @Test func rportAndRealContactsAreFine() throws {
        let call = try DiagnosisCaptures.call("nat.pcap", "nat-rport@sipdiag.test")
        #expect(NATAddressRule().check(call, options: DiagnosisOptions()).isEmpty)
    }

    @Test func withoutMessageBytesTheRuleFindsNothing() throws {
        let analysis = try DiagnosisCaptures.analyze("nat.pcap", retention: .summaries)
        let call = try #require(analysis.call("nat@sipdiag.test"))
        #expect(NATAddressRule().check(call, options: DiagnosisOptions()).isEmpty)
    }

    @Test func registrarsBindingsAreNotItsContact() throws {
        // register.pcap's register-auth@sipdiag.test (REGISTER, 401, REGISTER, 200) as a UA behind
        // NAT would send it: the 200 lists the binding, 192.168.1.2, which is the UA's, not the
        // registrar's address.
        var call = try DiagnosisCaptures.goodCall(("register.pcap", "register-auth@sipdiag.test"))
        for index in call.messages.indices {
            let text = String(decoding: call.messages[index].payload, as: UTF8.self)
            call.messages[index].payload = Array(
                text.replacingOccurrences(of: "alice@127.0.0.10", with: "alice@192.168.1.2").utf8
            )
        }
        let findings = NATAddressRule().check(call, options: DiagnosisOptions())
        #expect(findings.map(\.code) == ["nat.private-contact"])
        #expect(findings.first?.evidence.map(\.messageIndex) == [0])
        #expect(findings.first?.evidence.first?.text.hasSuffix("Contact 192.168.1.2 (and 1 more message)") == true)
        #expect(findings.first?.summary == "REGISTER from 127.0.0.10:5070 gives private Contact address 192.168.1.2")
    }

    @Test(arguments: RealCalls.goodCalls)
    func goodCallsHaveNoFinding(_ good: (file: String, callID: String)) throws {
        let call = try DiagnosisCaptures.goodCall(good)
        #expect(NATAddressRule().check(call, options: DiagnosisOptions()).isEmpty)
    }
}
