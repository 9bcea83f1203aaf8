import Foundation
import SIPCapture
import SIPMessage
import Testing

/// Streams of concatenated SIP messages from another project's test suite (see
/// Fixtures/text/SOURCES.md): the text reader finds every message, and every prefix of
/// every message parses or fails with an error, never traps.
@Suite struct SIPTextCorpusTests {
    /// Start lines counted with `grep -caE '^([A-Za-z]+ [a-zA-Z]+:[^ ]* SIP/2\.0|SIP/2\.0 [0-9]{3} )'`,
    /// independently of sipdiag.
    static let expectedCounts = ["generic.txt": 227, "lioneagle-sipparser.txt": 26]

    static func path(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)?
            .appendingPathComponent("text").appendingPathComponent(name).path ?? name
    }

    static func messages(_ name: String) throws -> [CapturedMessage] {
        let reader = try CaptureReader(path: path(name))
        var result: [CapturedMessage] = []
        while let item = try reader.next() {
            if case .message(let message) = item { result.append(message) }
        }
        #expect(reader.format == .sipText)
        return result
    }

    @Test(arguments: expectedCounts.keys.sorted())
    func textReaderFindsEveryMessage(_ name: String) throws {
        let messages = try Self.messages(name)
        #expect(messages.count == Self.expectedCounts[name])
        #expect(messages.map(\.recordNumbers) == (1...messages.count).map { [$0] })
        for message in messages {
            #expect(message.notes == [.readFromText])
        }
    }

    @Test(arguments: expectedCounts.keys.sorted())
    func everyPrefixOfEveryMessageParsesOrThrows(_ name: String) throws {
        var parsed = 0
        for message in try Self.messages(name) {
            if (try? SIPMessage(parsing: message.payload)) != nil { parsed += 1 }
            for length in stride(from: 0, to: message.payload.count, by: 3) {
                if let prefix = try? SIPMessage(parsing: Array(message.payload[..<length])) {
                    _ = prefix.validate()
                }
            }
        }
        // Every message of these streams has a well-formed start line.
        #expect(parsed == Self.expectedCounts[name])
    }
}
