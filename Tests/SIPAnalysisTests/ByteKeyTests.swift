import Testing

@testable import SIPAnalysis

/// Calls and transactions are found by byte keys read from messages, and compared with the
/// Strings of those already open: both forms must agree on equality and hashing.
@Suite struct ByteKeyTests {
    static let texts = [
        "", "a", "z9hG4bK", "z9hG4bK-524287-1---abcdef", "192.0.2.10:5060", "[2001:db8::1]:5062",
        "fifteen-bytes-x", "sixteen-bytes-xy", "ünïcödé-branch", "Call-ID@host",
    ]

    @Test(arguments: texts)
    func bytesAndStringFormsAgree(text: String) {
        let fromBytes = ByteKey(Array(text.utf8)[...])
        let fromString = ByteKey(text)
        #expect(fromBytes == fromString)
        #expect(fromBytes.hashValue == fromString.hashValue)
        #expect(fromBytes.equals(text))
        #expect(fromBytes.string == text)
        #expect(fromBytes.owned == fromBytes)
    }

    @Test func differentTextsDiffer() {
        for (left, right) in zip(Self.texts, Self.texts.dropFirst()) {
            #expect(ByteKey(left) != ByteKey(right))
            #expect(!ByteKey(left).equals(right))
        }
        // Same length, one byte apart; and a prefix.
        #expect(!ByteKey("z9hG4bK1").equals("z9hG4bK2"))
        #expect(!ByteKey("z9hG4bK").equals("z9hG4bK1"))
    }

    @Test func aSliceInsideALargerArrayIsItsOwnBytes() {
        let message = Array("Via: SIP/2.0/UDP h;branch=z9hG4bKabc\r\n".utf8)
        let branch = message[26..<36]
        #expect(ByteKey(branch).equals("z9hG4bKabc"))
        #expect(ByteKey(branch).hasPrefix("z9hG4bK"))
        #expect(!ByteKey(message[27..<36]).hasPrefix("z9hG4bK"))
        #expect(ByteKey(branch).owned.bytes.startIndex == 0)
    }
}
