import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import Testing

/// Each failure sample gives the finding that explains it under samples/account.json, and the
/// good call gives no configuration finding at all.
@Suite struct AccountRuleSampleTests {
    @Test func notWhitelistedSourceIsTheCauseOfThe403() throws {
        let findings = try AccountSamples.findings("not-whitelisted.pcap")
        let finding = try #require(findings.first { $0.code == "whitelist.source-not-listed" })
        #expect(finding.severity == .error)
        #expect(
            finding.summary
                == "INVITE from 203.0.113.7 is not in the SIP IP whitelist, and was refused with 403: that is why the call failed"
        )
        #expect(
            finding.explanation.contains(
                "you have 198.51.100.4 (Office PBX) and 198.51.100.5 (Office PBX (backup line))"
            )
        )
        #expect(finding.fix?.contains("sipdiag whitelist add 203.0.113.7 --label") == true)
        #expect(finding.callID == "not-whitelisted@sipdiag.test")
        // The platform was presumed from the refusal, and the evidence says so.
        #expect(
            finding.evidence.contains { $0.text.hasPrefix("taking 198.51.100.20 as the platform because it refused") }
        )
        #expect(finding.evidence.contains { $0.text == "whitelist[0]: 198.51.100.4 (Office PBX)" })
        #expect(findings.first == finding, "the error comes first")
        // The general explanation of the 403 ("usually the source IP is not whitelisted") would
        // only repeat it; without the account it is the one given.
        #expect(!findings.contains { $0.code == "response.403" })
        let general = SIPDiagnosis.diagnose(try AccountSamples.calls("not-whitelisted.pcap"))
        #expect(general.map(\.code) == ["response.403"])
    }

    @Test func goodCallFromTheOfficePBXHasNoConfigurationFinding() throws {
        let findings = try AccountSamples.findings("good-call.pcap")
        let configuration = findings.filter { finding in
            ["whitelist.", "route.", "registration."].contains { finding.code.hasPrefix($0) }
        }
        #expect(configuration.isEmpty, "\(configuration.map(\.code))")
        // Which side is the platform was inferred from the whitelisted source, and said.
        let inferred = try #require(findings.first { $0.code == "platform.inferred" })
        #expect(inferred.severity == .info)
        #expect(inferred.summary == "Taken to be the platform: 198.51.100.20")
        #expect(
            inferred.evidence.first?.text.contains(
                "received an INVITE from 198.51.100.4 (Office PBX), which is whitelisted"
            ) == true
        )
    }

    @Test func routeThatNeverAnswers() throws {
        let findings = try AccountSamples.findings("route-timeout.pcap")
        let finding = try #require(findings.first { $0.code == "route.no-answer" })
        #expect(finding.severity == .error)
        #expect(
            finding.summary
                == "The route 203.0.113.10:5060;transport=udp never answered the INVITE (sent 7 times (6 retransmissions))"
        )
        #expect(finding.evidence.map(\.text).contains("route 203.0.113.10:5060;transport=udp"))
        #expect(findings.contains { $0.code == "platform.inferred" && $0.summary.hasSuffix("198.51.100.20") })
        #expect(!findings.contains { $0.code.hasPrefix("whitelist.") || $0.code == "timeout.no-response" })
    }

    @Test func routeThatRefusesWithICMP() throws {
        let findings = try AccountSamples.findings("route-refused-icmp.pcap")
        let finding = try #require(findings.first { $0.code == "route.unreachable" })
        #expect(
            finding.summary.hasPrefix("The route 203.0.113.10:5060;transport=udp is unreachable: ICMP port unreachable")
        )
        #expect(!findings.contains { $0.code == "route.no-answer" })
    }

    @Test func codecMismatchOnTheRouteIsNotAConfigurationProblem() throws {
        let findings = try AccountSamples.findings("codec-mismatch.pcap")
        #expect(findings.contains { $0.code == "response.488" })
        #expect(!findings.contains { $0.code.hasPrefix("route.") })
    }

    @Test func registrarChallengingInAnotherRealm() throws {
        let findings = try AccountSamples.findings("registration-realm.pcap")
        let realm = try #require(findings.first { $0.code == "registration.realm-mismatch" })
        #expect(
            realm.summary
                == "The registrar challenges in realm \"pbx.example.net\", the registration says \"sip.example.com\""
        )
        #expect(realm.evidence.first?.text.contains("401") == true)
        #expect(realm.evidence.first?.text.contains("realm=\"pbx.example.net\"") == true)
        #expect(findings.contains { $0.code == "registration.credentials-rejected" })
        #expect(
            !findings.contains {
                $0.code == "registration.proxy-mismatch" || $0.code == "registration.transport-mismatch"
            }
        )
    }

    @Test func wrongPasswordLoopsThenForbidden() throws {
        let findings = try AccountSamples.findings("registration-password.pcap")
        let rejected = try #require(findings.first { $0.code == "registration.credentials-rejected" })
        #expect(
            rejected.summary == "The registrar challenged again after credentials (once): wrong password or username"
        )
        #expect(findings.contains { $0.code == "registration.forbidden" })
        #expect(
            !findings.contains {
                $0.code == "registration.realm-mismatch" || $0.code == "registration.username-mismatch"
            }
        )
    }

    @Test func refreshAfterTheGrantedTimeRanOut() throws {
        let findings = try AccountSamples.findings("registration-refresh-late.pcap")
        let late = try #require(findings.first { $0.code == "registration.refresh-too-late" })
        #expect(late.severity == .error)
        // The 200 granted 5 s (Contact ...;expires=5) for the 60 s asked; the refresh came 8 s later.
        #expect(late.summary == "The registration was refreshed after 8 s, but the registrar granted 5 s")
        #expect(late.callID == "registration-refresh-late@sipdiag.test")
        #expect(late.evidence.first?.text.contains("REGISTER") == true)
        #expect(late.fix?.contains("below 5 s") == true)
        let registration = findings.filter { $0.code.hasPrefix("registration.") }
        #expect(registration.map(\.code) == ["registration.refresh-too-late"])
        // Alone, two accepted REGISTERs are nothing to report.
        let general = SIPDiagnosis.diagnose(try AccountSamples.calls("registration-refresh-late.pcap"))
        #expect(general.isEmpty, "\(general.map(\.code))")
    }

    @Test func callToTheRegisteredUserFailingWithoutARegistration() throws {
        // outcomes.pcap (real SIPp calls to sip:service@127.0.0.20:5060): no-answer@sipdiag.test is
        // answered 480; busy (486), rejected (403) and failed (503) are not about a binding.
        let calls = try RealCalls.analyze("outcomes.pcap").calls
        let account = AccountConfig(registration: RegistrationSettings(aor: "service@127.0.0.20"))
        let findings = SIPDiagnosis.diagnose(calls, account: account, resolver: FixedHostResolver())
        let missing = findings.filter { $0.code == "registration.missing" }
        #expect(missing.count == 1)
        let finding = try #require(missing.first)
        #expect(finding.severity == .warning)
        #expect(
            finding.summary
                == "1 call to service failed with 404/480 and the capture holds no successful registration of service@127.0.0.20"
        )
        #expect(finding.callID == "no-answer@sipdiag.test")
        #expect(finding.evidence.count == 1)
        #expect(finding.evidence.first?.text.contains("answered 480 (Call-ID no-answer@sipdiag.test)") == true)

        // A successful registration of another AOR (register.pcap: alice@127.0.0.20) does not
        // stand for the service's.
        let withAlice = calls + (try RealCalls.analyze("register.pcap").calls)
        let stillMissing = SIPDiagnosis.diagnose(withAlice, account: account, resolver: FixedHostResolver())
        #expect(stillMissing.filter { $0.code == "registration.missing" }.map(\.callID) == ["no-answer@sipdiag.test"])

        // Calls to the user that were answered say nothing about a missing binding.
        let answered = calls.filter { $0.finalStatus == 200 }
        #expect(answered.map(\.callID).sorted() == ["answered-callee-bye@sipdiag.test", "answered@sipdiag.test"])
        let none = SIPDiagnosis.diagnose(answered, account: account, resolver: FixedHostResolver())
        #expect(!none.contains { $0.code.hasPrefix("registration.") })
    }

    @Test func registrationSettingsThatDoNotMatchTheFlow() throws {
        var account = try AccountSamples.account()
        account.registration?.username = "1002"
        account.registration?.proxy = "203.0.113.51"
        account.registration?.transport = "TLS"
        let codes = Set(try AccountSamples.findings("registration-password.pcap", account: account).map(\.code))
        #expect(
            codes.isSuperset(of: [
                "registration.username-mismatch", "registration.proxy-mismatch", "registration.transport-mismatch",
            ])
        )
        account.registration?.aor = "1002@sip.example.com"
        account.platformAddresses = ["198.51.100.20"]
        let other = try AccountSamples.findings("registration-password.pcap", account: account)
        #expect(other.contains { $0.code == "registration.aor-mismatch" })
    }

    @Test func configuredPlatformIsNotInferredAndTurnsTheDirection() throws {
        var account = try AccountSamples.account()
        // Saying the PBX is the platform makes the call outbound: the whitelist no longer applies,
        // and 198.51.100.20 is where no route points.
        account.platformAddresses = ["203.0.113.7"]
        let findings = try AccountSamples.findings("not-whitelisted.pcap", account: account)
        #expect(!findings.contains { $0.code.hasPrefix("whitelist.") || $0.code == "platform.inferred" })
        let unlisted = try #require(findings.first { $0.code == "route.destination-not-listed" })
        #expect(unlisted.summary == "INVITE went to 198.51.100.20:5060, where no outbound route points")
    }

    @Test func routeByNameIsResolvedOrSaidUnresolved() throws {
        var account = try AccountSamples.account()
        account.routes = [RouteTarget("carrier.example.net:5060")]
        let calls = try AccountSamples.calls("route-timeout.pcap")
        let resolver = FixedHostResolver(["carrier.example.net": [try #require(IPAddress("203.0.113.10"))]])
        let resolved = SIPDiagnosis.diagnose(calls, account: account, resolver: resolver)
        let finding = try #require(resolved.first { $0.code == "route.no-answer" })
        #expect(
            finding.evidence.map(\.text).contains("route carrier.example.net:5060 (carrier.example.net = 203.0.113.10)")
        )
        account.platformAddresses = ["198.51.100.20"]
        let unresolved = SIPDiagnosis.diagnose(calls, account: account, resolver: FixedHostResolver())
        let unlisted = try #require(unresolved.first { $0.code == "route.destination-not-listed" })
        #expect(unlisted.explanation.contains("carrier.example.net did not resolve"))
    }

    @Test func routeTransportAndPortMismatch() throws {
        var account = try AccountSamples.account()
        account.routes = [RouteTarget("203.0.113.10;transport=tls")]
        let codes = Set(try AccountSamples.findings("codec-mismatch.pcap", account: account).map(\.code))
        #expect(codes.isSuperset(of: ["route.transport-mismatch", "route.port-mismatch"]))
    }
}
