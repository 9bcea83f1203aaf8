import Testing

@testable import SIPMessage

private func slice(_ text: String) -> ArraySlice<UInt8> {
    let bytes = Array(("Replaces: " + text).utf8)
    return bytes[10...]
}

@Suite struct SIPReplacesTests {
    /// RFC 3891 section 6.1 example.
    @Test func parses() throws {
        let replaces = try SIPReplaces.parse(
            slice("98732@sip.example.com\r\n          ;from-tag=r33th4x0r\r\n          ;to-tag=ff87ff"),
            limits: .default
        )
        #expect(replaces.callID == "98732@sip.example.com")
        #expect(replaces.fromTag == "r33th4x0r")
        #expect(replaces.toTag == "ff87ff")
        #expect(!replaces.earlyOnly)
        #expect(replaces.description == "98732@sip.example.com;to-tag=ff87ff;from-tag=r33th4x0r")
        let early = try SIPReplaces.parse(slice("a;to-tag=1;from-tag=2;early-only"), limits: .default)
        #expect(early.earlyOnly)
        #expect(early.description == "a;to-tag=1;from-tag=2;early-only")
    }

    @Test func escapedInURIHeader() throws {
        let replaces = try SIPReplaces.parse(
            uriHeaderValue: "12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994%3Bearly-only",
            limits: .default
        )
        #expect(replaces.callID == "12345@192.168.118.3")
        #expect(replaces.earlyOnly)
    }

    @Test(arguments: [
        ("", "must start with a Call-ID"),
        (";to-tag=1;from-tag=2", "must start with a Call-ID"),
        ("abc;from-tag=2", "has no to-tag parameter"),
        ("abc;to-tag=1", "has no from-tag parameter"),
        ("abc;to-tag;from-tag=2", "has no to-tag parameter"),
        ("abc def;to-tag=1;from-tag=2", "unexpected 'd' in Replaces"),
        ("abc;to-tag=1;;from-tag=2", "expected a parameter name"),
    ])
    func rejects(text: String, fragment: String) {
        #expect {
            try SIPReplaces.parse(slice(text), limits: .default)
        } throws: { error in
            guard let error = error as? SIPParseError else { return false }
            return error.code == .invalidHeaderValue && error.reason.contains(fragment) && (error.offset ?? -1) >= 10
        }
    }

    @Test func everyPrefix() {
        let bytes = Array("98732@sip.example.com ;from-tag=r33th4x0r;to-tag=ff87ff;early-only".utf8)
        for length in 0...bytes.count {
            _ = try? SIPReplaces.parse(bytes[0..<length], limits: .default)
            _ = try? SIPReplaces.parse(bytes[length...], limits: .default)
        }
    }
}
