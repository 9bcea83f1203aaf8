import Testing

@testable import SIPMessage

/// `a=candidate` values (RFC 8839 section 5.1): parsed into fields, and checked without making
/// them with exactly the same errors.
@Suite struct SDPCandidateTests {
    /// The error of checking `value` through its bytes, or `nil` when it is accepted.
    private static func checkError(_ value: String, limits: SIPParseLimits = .default) -> String? {
        var text = value
        return text.withUTF8 { utf8 in
            do throws(SIPParseError) {
                try SDPCandidate.check(utf8[...], limits: limits)
                return nil
            } catch {
                return error.reason
            }
        }
    }

    private static func parseError(_ value: String, limits: SIPParseLimits = .default) -> String? {
        do throws(SIPParseError) {
            _ = try SDPCandidate.parse(value, limits: limits)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func parsesEveryField() throws {
        let candidate = try SDPCandidate.parse(
            "435653019  1 tcp 1845501695\t203.0.113.1 9 typ srflx raddr 192.168.0.196 rport 0 tcptype active generation",
            limits: .default
        )
        #expect(candidate.foundation == "435653019")
        #expect(candidate.component == 1)
        #expect(candidate.transport == "tcp")
        #expect(candidate.priority == 1_845_501_695)
        #expect(candidate.address == "203.0.113.1")
        #expect(candidate.port == 9)
        #expect(candidate.type == "srflx")
        #expect(candidate.relatedAddress == "192.168.0.196")
        #expect(candidate.relatedPort == 0)
        #expect(
            candidate.extensions.elements == [
                SIPParameter(name: "tcptype", value: "active"), SIPParameter(name: "generation", value: nil),
            ]
        )
        #expect(Self.checkError("435653019 1 tcp 1845501695 203.0.113.1 9 typ srflx raddr 192.168.0.196") == nil)
    }

    @Test(arguments: [
        ("1 1 udp 2 192.0.2.1 9 typ", "candidate has 7 fields, needs at least 8"),
        (String(repeating: "f", count: 33) + " 1 udp 2 192.0.2.1 9 typ host", "foundation is not 1 to 32 characters"),
        ("f 0 udp 2 192.0.2.1 9 typ host", "candidate component '0' is not a number in 1...256"),
        ("f 257 udp 2 192.0.2.1 9 typ host", "candidate component '257' is not a number in 1...256"),
        ("f x udp 2 192.0.2.1 9 typ host", "candidate component 'x' is not a number"),
        ("f 1 udp 12345678901 192.0.2.1 9 typ host", "candidate priority '12345678901' is not 1 to 10 digits"),
        ("f 1 udp -2 192.0.2.1 9 typ host", "candidate priority '-2' is not 1 to 10 digits"),
        ("f 1 udp 2 192.0.2.1 65536 typ host", "candidate port '65536' is not a number in 0...65535"),
        ("f 1 udp 2 192.0.2.1 9 type host", "candidate lacks 'typ <type>'"),
        ("f 1 udp 2 192.0.2.1 9 TYP host", "candidate lacks 'typ <type>'"),
        ("f 1 udp 2 192.0.2.1 9 typ host rport x", "candidate rport is not a number in 0...65535"),
        ("f 1 udp 2 192.0.2.1 9 typ host rport", "candidate rport is not a number in 0...65535"),
    ])
    func rejectsWithTheSameReasonBothWays(value: String, reason: String) {
        let parsed = Self.parseError(value)
        #expect(parsed?.contains(reason) == true, "\(value): \(String(describing: parsed))")
        #expect(Self.checkError(value) == parsed, "\(value)")
    }

    @Test func extensionsAreLimited() {
        var limits = SIPParseLimits.default
        limits.maxParameters = 2
        let two = "f 1 udp 2 192.0.2.1 9 typ host a 1 b 2 raddr 192.0.2.2 rport 5"
        let three = two + " c 3"
        #expect(Self.parseError(two, limits: limits) == nil)
        #expect(Self.checkError(two, limits: limits) == nil)
        #expect(Self.parseError(three, limits: limits)?.contains("more than 2 candidate extensions") == true)
        #expect(Self.checkError(three, limits: limits) == Self.parseError(three, limits: limits))
    }
}
