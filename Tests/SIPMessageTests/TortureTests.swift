import Testing

@testable import SIPMessage

/// Every RFC 4475 and RFC 5118 torture message is decided: valid ones parse with their key
/// fields as the RFCs describe them and no violations; invalid ones either fail to parse or
/// are reported by validation, each with a specific reason (RFC 4475 section 3.1.2 allows a
/// liberal parser to read several of them, which is what the lenient mode does).
@Suite struct TortureTests {
    enum Outcome: Sendable {
        case valid
        /// Parsing fails with this code.
        case fails(SIPParseError.Code)
        /// Parsing succeeds leniently; validation reports this code.
        case violates(SIPParseError.Code)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var outcome: Outcome
        /// Method for a request, status code as text for a response.
        var start: String? = nil
        var callID: String? = nil
        var cseq: String? = nil
        var bodyLength: Int? = nil
        /// Violations the archive's own damage explains (RFC 5118 files: LF line ends,
        /// Content-Lengths that do not match, no final empty line), allowed for valid files.
        var archiveArtifacts: [SIPParseError.Code] = []
        var testDescription: String { file }
    }

    static let rfc4475: [Case] = [
        // Section 3.1.1: valid messages.
        Case(file: "wsinv.dat", outcome: .valid, start: "INVITE", callID: "wsinv.ndaksdj@192.0.2.1", bodyLength: 150),
        Case(file: "intmeth.dat", outcome: .valid, start: "!interesting-Method0123456789_*+`.%indeed'~", bodyLength: 0),
        Case(file: "esc01.dat", outcome: .valid, start: "INVITE", callID: "esc01.239409asdfakjkn23onasd0-3234"),
        Case(file: "escnull.dat", outcome: .valid, start: "REGISTER"),
        // %47 and %45 are not escapes in a method: this is the unknown method RE%47IST%45R.
        Case(file: "esc02.dat", outcome: .valid, start: "RE%47IST%45R", cseq: "29344 RE%47IST%45R"),
        Case(file: "lwsdisp.dat", outcome: .valid, start: "OPTIONS"),
        Case(file: "longreq.dat", outcome: .valid, start: "INVITE", bodyLength: 150),
        // Only the REGISTER counts: the bytes after its Content-Length of 0 are ignored.
        Case(file: "dblreq.dat", outcome: .valid, start: "REGISTER", cseq: "8 REGISTER", bodyLength: 0),
        Case(file: "semiuri.dat", outcome: .valid, start: "OPTIONS"),
        Case(file: "transports.dat", outcome: .valid, start: "OPTIONS"),
        Case(file: "mpart01.dat", outcome: .valid, start: "MESSAGE", bodyLength: 553),
        Case(file: "unreason.dat", outcome: .valid, start: "200"),
        Case(file: "noreason.dat", outcome: .valid, start: "100"),
        // Section 3.1.2: invalid messages.
        Case(file: "badinv01.dat", outcome: .violates(.invalidHeaderValue)),
        Case(file: "clerr.dat", outcome: .violates(.contentLengthMismatch)),
        Case(file: "ncl.dat", outcome: .violates(.invalidHeaderValue)),
        Case(file: "scalar02.dat", outcome: .violates(.invalidHeaderValue)),
        Case(file: "scalarlg.dat", outcome: .violates(.invalidHeaderValue)),
        Case(file: "quotbal.dat", outcome: .violates(.invalidHeaderValue)),
        Case(file: "ltgtruri.dat", outcome: .violates(.invalidURI)),
        Case(file: "lwsruri.dat", outcome: .violates(.invalidURI)),
        Case(file: "lwsstart.dat", outcome: .violates(.invalidStartLine)),
        Case(file: "trws.dat", outcome: .violates(.invalidStartLine)),
        Case(file: "escruri.dat", outcome: .violates(.invalidURI)),
        Case(file: "baddate.dat", outcome: .violates(.invalidHeaderValue)),
        Case(file: "regbadct.dat", outcome: .violates(.invalidHeaderValue)),
        Case(file: "badaspec.dat", outcome: .violates(.invalidHeaderValue)),
        Case(file: "baddn.dat", outcome: .violates(.invalidHeaderValue)),
        Case(file: "badvers.dat", outcome: .fails(.unsupportedVersion)),
        Case(file: "mismatch01.dat", outcome: .violates(.inconsistent)),
        Case(file: "mismatch02.dat", outcome: .violates(.inconsistent)),
        Case(file: "bigcode.dat", outcome: .fails(.invalidStartLine)),
        // Section 3.1.2.x / 3.3: transaction-layer and application-layer cases, well-formed.
        Case(file: "badbranch.dat", outcome: .valid, start: "OPTIONS"),
        Case(file: "insuf.dat", outcome: .violates(.missingHeader)),
        Case(file: "unkscm.dat", outcome: .valid, start: "OPTIONS"),
        Case(file: "novelsc.dat", outcome: .valid, start: "OPTIONS"),
        Case(file: "unksm2.dat", outcome: .valid, start: "REGISTER"),
        Case(file: "bext01.dat", outcome: .valid, start: "OPTIONS"),
        Case(file: "invut.dat", outcome: .valid, start: "INVITE", bodyLength: 40),
        Case(file: "regaut01.dat", outcome: .valid, start: "REGISTER"),
        Case(file: "multi01.dat", outcome: .violates(.inconsistent)),
        Case(file: "mcl01.dat", outcome: .violates(.inconsistent)),
        Case(file: "bcast.dat", outcome: .valid, start: "200"),
        Case(file: "zeromf.dat", outcome: .valid, start: "OPTIONS"),
        Case(file: "cparam01.dat", outcome: .valid, start: "REGISTER"),
        Case(file: "cparam02.dat", outcome: .valid, start: "REGISTER"),
        Case(file: "regescrt.dat", outcome: .valid, start: "REGISTER"),
        Case(file: "sdp01.dat", outcome: .valid, start: "INVITE"),
        Case(file: "inv2543.dat", outcome: .valid, start: "INVITE"),
        // Not an RFC 4475 test: no SIP version in the request line.
        Case(file: "test.dat", outcome: .fails(.invalidStartLine)),
    ]

    static let lf: [SIPParseError.Code] = [.lineEnding]
    static let rfc5118: [Case] = [
        Case(file: "ipv6-good", outcome: .valid, start: "REGISTER", archiveArtifacts: lf),
        Case(file: "ipv6-bad", outcome: .violates(.invalidURI)),
        Case(file: "port-ambiguous", outcome: .valid, start: "REGISTER", archiveArtifacts: lf),
        Case(file: "port-unambiguous", outcome: .valid, start: "REGISTER", archiveArtifacts: lf),
        Case(file: "via-received-param-with-delim", outcome: .valid, start: "BYE", archiveArtifacts: lf),
        Case(file: "via-received-param-no-delim", outcome: .valid, start: "OPTIONS", archiveArtifacts: lf),
        Case(file: "ipv6-in-sdp", outcome: .valid, start: "INVITE", archiveArtifacts: lf + [.contentLengthMismatch]),
        Case(file: "mult-ip-in-header", outcome: .valid, start: "BYE", archiveArtifacts: lf),
        Case(file: "mult-ip-in-sdp", outcome: .valid, start: "INVITE", archiveArtifacts: lf + [.contentLengthMismatch]),
        Case(file: "ipv4-mapped-ipv6", outcome: .valid, start: "INVITE", archiveArtifacts: lf),
        Case(file: "ipv6-bug-abnf-3-colons", outcome: .valid, start: "OPTIONS", archiveArtifacts: lf + [.incomplete]),
        Case(
            file: "ipv6-correct-abnf-2-colons",
            outcome: .valid,
            start: "OPTIONS",
            archiveArtifacts: lf + [.incomplete]
        ),
    ]

    @Test func everyArchivedFileIsDecided() {
        for (folder, cases) in [("rfc4475", Self.rfc4475), ("rfc5118", Self.rfc5118)] {
            let listed = Set(TortureFixtures.expected(folder).map(\.name))
            #expect(listed == Set(cases.map(\.file)), "\(folder): EXPECTED.tsv and this table differ")
            for (name, valid) in TortureFixtures.expected(folder) {
                guard let testCase = cases.first(where: { $0.file == name }) else { continue }
                if case .valid = testCase.outcome {
                    #expect(valid, "\(name) is invalid per EXPECTED.tsv")
                } else {
                    #expect(!valid, "\(name) is valid per EXPECTED.tsv")
                }
            }
        }
    }

    @Test(arguments: rfc4475)
    func rfc4475Message(_ testCase: Case) {
        check(testCase, folder: "rfc4475")
    }

    @Test(arguments: rfc5118)
    func rfc5118Message(_ testCase: Case) {
        check(testCase, folder: "rfc5118")
    }

    private func check(_ testCase: Case, folder: String) {
        let bytes = TortureFixtures.bytes(folder, testCase.file)
        #expect(!bytes.isEmpty, "fixture \(testCase.file) missing")
        let message: SIPMessage
        do {
            message = try SIPMessage(parsing: bytes)
        } catch {
            if case .fails(let code) = testCase.outcome {
                #expect(error.code == code, "\(testCase.file): \(error)")
            } else {
                Issue.record("\(testCase.file) did not parse: \(error)")
            }
            return
        }
        let violations = message.validate().filter { !testCase.archiveArtifacts.contains($0.code) }
        switch testCase.outcome {
        case .valid:
            #expect(violations.isEmpty, "\(testCase.file): \(violations)")
        case .fails(let code):
            Issue.record("\(testCase.file) parsed, expected failure \(code); violations: \(violations)")
        case .violates(let code):
            #expect(violations.contains { $0.code == code }, "\(testCase.file): expected \(code), got \(violations)")
        }
        if let start = testCase.start {
            #expect((message.method?.rawValue ?? message.statusCode.map(String.init)) == start, "\(testCase.file)")
        }
        if let callID = testCase.callID { #expect(message.value(.callID) == callID, "\(testCase.file)") }
        if let cseq = testCase.cseq { #expect(message.value(.cseq) == cseq, "\(testCase.file)") }
        if let length = testCase.bodyLength { #expect(message.body.count == length, "\(testCase.file)") }
    }

    @Test(arguments: rfc4475 + rfc5118)
    func everyPrefixParsesOrThrowsNeverTraps(_ testCase: Case) {
        let folder = Self.rfc5118.contains { $0.file == testCase.file } ? "rfc5118" : "rfc4475"
        let bytes = TortureFixtures.bytes(folder, testCase.file)
        for length in 0...bytes.count {
            if let message = try? SIPMessage(parsing: Array(bytes[..<length])) {
                _ = message.validate()
                #expect(message.bodyRange.upperBound <= length)
            }
        }
    }
}
