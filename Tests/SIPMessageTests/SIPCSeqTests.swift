import Testing

@testable import SIPMessage

private func slice(_ text: String) -> ArraySlice<UInt8> {
    let bytes = Array(("CSeq: " + text).utf8)
    return bytes[6...]
}

@Suite struct SIPCSeqTests {
    @Test func parses() throws {
        let cseq = try SIPCSeq.parse(slice("314159 INVITE"), limits: .default)
        #expect(cseq == SIPCSeq(number: 314_159, method: "INVITE"))
        #expect(cseq.description == "314159 INVITE")
        #expect(try SIPCSeq.parse(slice("2147483647 ACK"), limits: .default).number == 2_147_483_647)
        #expect(try SIPCSeq.parse(slice("0 invite"), limits: .default).method == "invite")
    }

    /// RFC 4475 values: wsinv.dat (leading zeros, folding), intmeth.dat (odd method), esc02.dat (escaped method).
    /// Registered methods come out as literals; every other spelling as written.
    @Test func methodsKeepTheirSpelling() throws {
        for method in ["INVITE", "invite", "Invite", "ACK", "REGISTER", "SUBSCRIBE", "NEWMETHOD", "INVITEX", "INVIT"] {
            #expect(try SIPCSeq.parse(slice("1 " + method), limits: .default).method == method)
            let bytes = Array(("1 " + method + "\r\n").utf8)
            #expect(try SIPCSeq.parse(bytes[..<(bytes.count - 2)], limits: .default).method == method)
        }
    }

    @Test func tortureValues() throws {
        let wsinv = try SIPCSeq.parse(slice("0009\r\n  INVITE"), limits: .default)
        #expect(wsinv.description == "9 INVITE")
        let intmeth = try SIPCSeq.parse(
            slice("139122385 !interesting-Method0123456789_*+`.%indeed'~"),
            limits: .default
        )
        #expect(intmeth.method == "!interesting-Method0123456789_*+`.%indeed'~")
        #expect(try SIPCSeq.parse(slice("29344 RE%47IST%45R"), limits: .default).method == "RE%47IST%45R")
    }

    @Test(arguments: [
        ("", "must start with a sequence number"),
        ("INVITE", "must start with a sequence number"),
        ("2147483648 INVITE", "CSeq number '2147483648' is not less than 2**31"),
        ("36893488147419103232 REGISTER", "'36893488147419103232' is not less than 2**31"),  // scalar02.dat
        ("9292394834772304023312 OPTIONS", "'9292394834772304023312'"),  // scalarlg.dat
        ("1", "CSeq has no method"),
        ("1INVITE", "unexpected 'I' in the CSeq number"),
        ("1 <INVITE>", "CSeq method is not a token"),
        ("1 INVITE x", "unexpected 'x' after the CSeq method"),
        ("-1 INVITE", "must start with a sequence number"),
    ])
    func rejects(text: String, fragment: String) {
        #expect {
            try SIPCSeq.parse(slice(text), limits: .default)
        } throws: { error in
            guard let error = error as? SIPParseError else { return false }
            return error.code == .invalidHeaderValue && error.reason.contains(fragment) && (error.offset ?? -1) >= 6
        }
    }

    @Test func everyPrefix() {
        let bytes = Array("0009\r\n  INVITE ".utf8)
        for length in 0...bytes.count {
            _ = try? SIPCSeq.parse(bytes[0..<length], limits: .default)
            _ = try? SIPCSeq.parse(bytes[length...], limits: .default)
        }
    }
}
