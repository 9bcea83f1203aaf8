import Testing

@testable import SIPMessage

private func slice(_ text: String) -> ArraySlice<UInt8> {
    let bytes = Array(("X: " + text).utf8)
    return bytes[3...]
}

@Suite struct SIPAddressHeaderTests {
    @Test func names() {
        #expect(
            SIPAddressHeader.allCases.map(\.name) == [
                "Route", "Record-Route", "Refer-To", "P-Asserted-Identity", "P-Preferred-Identity", "Remote-Party-ID",
                "Diversion", "History-Info",
            ]
        )
    }

    /// RFC 4475 section 3.1.1.1 (wsinv.dat Route) and 3.4.1 (inv2543.dat Record-Route).
    @Test func routes() throws {
        let route = try SIPAddressHeader.route.parse(
            slice("\r\n <sip:services.example.com;lr;unknownwith=value;unknown-no-value>"),
            limits: .default
        )
        #expect(route.count == 1)
        #expect(route.first?.uri.isLooseRouter == true)
        #expect(route.first?.uri.parameters.count == 3)
        let recordRoute = try SIPAddressHeader.recordRoute.parse(
            slice("<sip:UserB@example.com;maddr=ss1.example.com>, <sip:p2.example.com;lr>"),
            limits: .default
        )
        #expect(recordRoute.map(\.uri.maddr) == ["ss1.example.com", nil])
        var notes: [SIPParseNote] = []
        _ = try SIPAddressHeader.route.parse(slice("sip:p1.example.com"), limits: .default, notes: &notes)
        #expect(notes.first?.message.contains("not enclosed in '<' '>'") == true)
    }

    /// RFC 3515 section 2.1 and RFC 3891 section 5: Refer-To with an embedded Replaces.
    @Test func referTo() throws {
        let referTo = try SIPAddressHeader.referTo.parse(
            slice(
                "<sip:bob@biloxi.example.com?Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994>;x=1"
            ),
            limits: .default
        )
        #expect(referTo.count == 1)
        let replacesValue = referTo.first?.uri.headers.first { $0.name == "Replaces" }?.value ?? ""
        let replaces = try SIPReplaces.parse(uriHeaderValue: replacesValue, limits: .default)
        #expect(replaces.callID == "12345@192.168.118.3")
        #expect(replaces.toTag == "12345")
        #expect(replaces.fromTag == "5FFE-3994")
        #expect(throws: SIPParseError.self) {
            try SIPAddressHeader.referTo.parse(slice("<sip:a@b>, <sip:c@d>"), limits: .default)
        }
    }

    /// RFC 3325 section 9.1.
    @Test func assertedIdentity() throws {
        let identities = try SIPAddressHeader.pAssertedIdentity.parse(
            slice("\"Cullen Jennings\" <sip:fluffy@cisco.com>, tel:+14085264000"),
            limits: .default
        )
        #expect(identities.map(\.uri.scheme) == ["sip", "tel"])
        #expect(identities.first?.displayName == "Cullen Jennings")
        var notes: [SIPParseNote] = []
        _ = try SIPAddressHeader.pPreferredIdentity.parse(
            slice("<sip:a@b>, <sip:c@d>"),
            limits: .default,
            notes: &notes
        )
        #expect(notes.count == 1)
        #expect {
            try SIPAddressHeader.pAssertedIdentity.parse(slice("<sip:a@b>, <sip:c@d>, <tel:+1>"), limits: .default)
        } throws: { error in
            (error as? SIPParseError)?.reason.contains("has 3 values; RFC 3325 section 9.1 allows one or two") == true
        }
    }

    @Test func remotePartyID() throws {
        let values = try SIPAddressHeader.remotePartyID.parse(
            slice("\"John Smith\" <sip:+15551234567@gw.example.com>;party=calling;screen=yes;privacy=off"),
            limits: .default
        )
        #expect(values.first?.parameters["party"] == .some("calling"))
        #expect(values.first?.parameters["screen"] == .some("yes"))
        #expect(values.first?.parameters["privacy"] == .some("off"))
    }

    /// RFC 5806 section 3.
    @Test func diversion() throws {
        let values = try SIPAddressHeader.diversion.parse(
            slice(
                "<sip:+15551234567@example.com>;reason=unconditional;counter=1;privacy=off, <tel:+15557654321>;reason=\"user-busy\";limit=5"
            ),
            limits: .default
        )
        #expect(values.map { $0.parameters["reason"] ?? nil } == ["unconditional", "user-busy"])
        #expect(values.first?.parameters["counter"] == .some("1"))
        #expect {
            try SIPAddressHeader.diversion.parse(slice("<sip:a@b>;counter=x"), limits: .default)
        } throws: { error in
            (error as? SIPParseError)?.reason.contains("Diversion counter 'x' is not a number") == true
        }
    }

    /// RFC 7044 section 4.1.
    @Test func historyInfo() throws {
        let entries = try SIPAddressHeader.historyInfo.parse(
            slice(
                "<sip:bob@example.com>;index=1, <sip:bob@192.0.2.5?Reason=SIP%3Bcause%3D302>;index=1.1;rc=1, <sip:carol@example.com>;index=1.2;mp=1"
            ),
            limits: .default
        )
        #expect(entries.map { SIPAddressHeader.historyInfoIndex(of: $0) } == [[1], [1, 1], [1, 2]])
        #expect(entries[1].parameters["rc"] == .some("1"))
        #expect(entries[1].uri.headers.first?.name == "Reason")
        #expect {
            try SIPAddressHeader.historyInfo.parse(slice("<sip:a@b>"), limits: .default)
        } throws: { error in
            (error as? SIPParseError)?.reason.contains("has no index parameter") == true
        }
        #expect {
            try SIPAddressHeader.historyInfo.parse(slice("<sip:a@b>;index=1..2"), limits: .default)
        } throws: { error in
            (error as? SIPParseError)?.reason.contains("History-Info index '1..2' is not dotted numbers") == true
        }
    }

    @Test func emptyValues() {
        for header in SIPAddressHeader.allCases {
            #expect(throws: SIPParseError.self) { try header.parse(slice(""), limits: .default) }
        }
    }

    @Test func everyPrefix() {
        let bytes = Array("<sip:bob@192.0.2.5?Reason=SIP%3Bcause%3D302>;index=1.1;rc=1, \"A\" <tel:+1>;counter=2".utf8)
        for length in 0...bytes.count {
            for header in SIPAddressHeader.allCases {
                _ = try? header.parse(bytes[0..<length], limits: .default)
            }
        }
    }
}
