import Testing

@testable import SIPMessage

@Suite struct SIPCharacterClassTests {
    private static let alphanumerics = Set(Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8))

    private static func set(_ extra: String, alphanumerics: Bool = true) -> Set<UInt8> {
        Set(Array(extra.utf8)).union(alphanumerics ? Self.alphanumerics : [])
    }

    /// Each mask holds exactly the characters its RFC 3261 section 25.1 rule lists.
    @Test func masksMatchTheGrammar() {
        let mark = "-_.!~*'()"
        let classes: [(SIPCharacterClass, Set<UInt8>, String)] = [
            (.unreserved, Self.set(mark), "unreserved"),
            (.user, Self.set(mark + "&=+$,;?/"), "user"),
            (.password, Self.set(mark + "&=+$,"), "password"),
            (.uriParameter, Self.set(mark + "[]/:&+$"), "paramchar"),
            (.uriHeader, Self.set(mark + "[]/?:+$"), "hname/hvalue"),
            (.opaque, Self.set(":/?#[]@!$&'()*+,;=-._~"), "RFC 3986 reserved and unreserved"),
            (.token, Self.set("-.!%*_+`'~"), "token"),
            (.word, Self.set("-.!%*_+`'~()<>:\\\"/[]?{}"), "word"),
        ]
        for (characterClass, members, name) in classes {
            for byte in UInt8.min...UInt8.max {
                #expect(characterClass.contains(byte) == members.contains(byte), "\(name) byte \(byte)")
            }
        }
        #expect(SIPScanner.isTokenCharacter(0x41))
        #expect(!SIPScanner.isTokenCharacter(0x2C))
        #expect(SIPScanner.isParameterValueCharacter(0x5B))
    }
}
