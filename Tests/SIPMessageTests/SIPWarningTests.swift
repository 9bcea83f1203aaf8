import Testing

@testable import SIPMessage

private func slice(_ text: String) -> ArraySlice<UInt8> {
    let bytes = Array(("Warning: " + text).utf8)
    return bytes[9...]
}

@Suite struct SIPWarningTests {
    /// RFC 3261 section 20.43 examples.
    @Test func parsesList() throws {
        let warnings = try SIPWarning.parseList(
            slice(
                "307 isi.edu \"Session parameter 'foo' not understood\", 301 [2001:db8::1]:5060 \"Incompatible, really\""
            ),
            limits: .default
        )
        #expect(warnings.map(\.code) == [307, 301])
        #expect(warnings.map(\.agent) == ["isi.edu", "[2001:db8::1]:5060"])
        #expect(warnings.map(\.text) == ["Session parameter 'foo' not understood", "Incompatible, really"])
        #expect(
            warnings.map(\.codeDescription) == [
                "Session description parameter not understood", "Incompatible network address formats",
            ]
        )
        #expect(warnings[0].description == "307 isi.edu \"Session parameter 'foo' not understood\"")
        let quoted = try SIPWarning.parse(slice("399 devnull \"say \\\"hi\\\"\""), limits: .default)
        #expect(quoted.text == "say \"hi\"")
        #expect(quoted.description == "399 devnull \"say \\\"hi\\\"\"")
    }

    @Test(arguments: [
        // scalarlg.dat, RFC 4475 section 3.1.2.5
        ("1812 overture \"In Progress\"", "warn-code '1812' is not three digits"),
        ("30 a \"b\"", "warn-code '30' is not three digits"),
        ("", "must start with a three-digit warn-code"),
        ("abc a \"b\"", "must start with a three-digit warn-code"),
        ("399", "expected a warn-agent"),
        ("399 \"text\"", "expected a warn-agent"),
        ("399 agent", "expected a quoted warn-text"),
        ("399 agent text", "expected a quoted warn-text"),
        ("399 agent \"text", "quoted string is not closed"),
        ("399 agent \"text\" x", "unexpected 'x' after the warn-text"),
    ])
    func rejects(text: String, fragment: String) {
        #expect {
            try SIPWarning.parse(slice(text), limits: .default)
        } throws: { error in
            guard let error = error as? SIPParseError else { return false }
            return error.code == .invalidHeaderValue && error.reason.contains(fragment) && (error.offset ?? -1) >= 9
        }
    }

    @Test func everyPrefix() {
        let bytes = Array("307 isi.edu \"Session, parameter\", 399 x \"y\"".utf8)
        for length in 0...bytes.count {
            _ = try? SIPWarning.parseList(bytes[0..<length], limits: .default)
            _ = try? SIPWarning.parseList(bytes[length...], limits: .default)
        }
    }
}
