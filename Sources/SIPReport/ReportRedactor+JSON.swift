extension ReportRedactor {
    /// Words that make a JSON member's name a secret's: its value is replaced whatever it is.
    static let secretMemberWords = ["password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "credential"]

    /// An account file (or any JSON text) as a report may include it: the value of every member
    /// whose name holds a password-like word replaced by `"REDACTED-PASSWORD"` (a `token` by
    /// `"REDACTED-API-TOKEN"`), nested values included, the rest byte for byte as written
    /// (RFC 8259 grammar, read leniently: text that is not JSON is left as it is); then, as for
    /// any text, known secrets and, with personal data, addresses and users replaced.
    public mutating func redact(json bytes: [UInt8]) -> [UInt8] {
        var edits = Self.secretMemberEdits(bytes)
        for edit in edits { if let kind = edit.secret { count(kind) } }
        if redactsPersonalData {
            // An account's identities are written without a scheme (`1001@sip.example.com`,
            // `1001`): free text would not know them for users.
            for (range, value) in Self.stringMembers(named: ["aor", "username", "user"], in: bytes)
            where !edits.contains(where: { $0.range.overlaps(range) }) {
                let user = value.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)[0]
                guard !user.isEmpty else { continue }
                let userRange = range.lowerBound..<(range.lowerBound + user.utf8.count)
                edits.append(TextEdit(range: userRange, replacement: Array(pseudonyms(user: String(user)).utf8)))
            }
            edits.sort { $0.range.lowerBound < $1.range.lowerBound }
        }
        let withoutPasswords = TextEdit.apply(edits, to: bytes)
        return Array(redact(text: String(decoding: withoutPasswords, as: UTF8.self)).utf8)
    }

    /// The contents (without quotes, as written) of the string values of members named one of
    /// `names` (compared without case).
    private static func stringMembers(named names: Set<String>, in bytes: [UInt8]) -> [(Range<Int>, String)] {
        members(of: bytes).compactMap { member in
            let value = member.value
            guard names.contains(member.name), value.count > 2, bytes[value.lowerBound] == UInt8(ascii: "\""),
                bytes[value.upperBound - 1] == UInt8(ascii: "\"")
            else { return nil }
            let content = (value.lowerBound + 1)..<(value.upperBound - 1)
            return (content, String(decoding: bytes[content], as: UTF8.self))
        }
    }

    /// Every member of every object, in reading order (nested ones too): its name in lower case
    /// and where its value is.
    private static func members(of bytes: [UInt8]) -> [(name: String, value: Range<Int>)] {
        var found: [(name: String, value: Range<Int>)] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\"") else {
                index += 1
                continue
            }
            let keyEnd = endOfJSONString(bytes, from: index)
            let name = String(decoding: bytes[(index + 1)..<max(index + 1, keyEnd - 1)], as: UTF8.self).lowercased()
            let colon = SensitiveScanner.skipSpaces(bytes, keyEnd, in: 0..<bytes.count)
            index = keyEnd
            guard colon < bytes.count, bytes[colon] == UInt8(ascii: ":") else { continue }
            let start = SensitiveScanner.skipSpaces(bytes, colon + 1, in: 0..<bytes.count)
            let end = endOfJSONValue(bytes, from: start)
            guard end > start else { continue }
            found.append((name, start..<end))
            // A string value is read whole (it could look like a key); objects are entered.
            if bytes[start] == UInt8(ascii: "\"") { index = end }
        }
        return found
    }

    /// Learns the password-like values of a JSON text without changing anything, so that they
    /// are removed from the messages redacted next (a PBX that sends its password in a URI).
    public mutating func learnSecrets(json bytes: [UInt8]) {
        for edit in Self.secretMemberEdits(bytes) {
            guard let kind = edit.secret else { continue }
            var value = Array(bytes[edit.range])
            if value.first == UInt8(ascii: "\""), value.last == UInt8(ascii: "\""), value.count >= 2 {
                value = Array(value.dropFirst().dropLast())
            }
            learn(value, as: kind)
        }
    }

    /// The edits that replace the values of password-like members (outermost only).
    private static func secretMemberEdits(_ bytes: [UInt8]) -> [TextEdit] {
        var edits: [TextEdit] = []
        for member in members(of: bytes) where !edits.contains(where: { $0.range.overlaps(member.value) }) {
            guard let word = secretMemberWords.first(where: { member.name.contains($0) }) else { continue }
            let kind: SecretKind = word == "token" ? .apiToken : .password
            edits.append(TextEdit(range: member.value, replacement: Array("\"\(kind.marker)\"".utf8), secret: kind))
        }
        return edits
    }

    /// The index after the string starting at `start` (a `"`), escapes skipped; the end of the
    /// text when it is not closed.
    private static func endOfJSONString(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return bytes.count
    }

    /// The index after the value starting at `start`: a string, a balanced object or array, or a
    /// number or literal up to the next delimiter.
    private static func endOfJSONValue(_ bytes: [UInt8], from start: Int) -> Int {
        guard start < bytes.count else { return start }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return endOfJSONString(bytes, from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index = endOfJSONString(bytes, from: index)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
                index += 1
            }
            return bytes.count
        default:
            var index = start
            while index < bytes.count, !",}] \t\r\n".utf8.contains(bytes[index]) { index += 1 }
            return index
        }
    }
}
