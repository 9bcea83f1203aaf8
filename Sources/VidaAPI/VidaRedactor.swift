import Foundation

/// Removes the API token from any text before it can reach a message, a progress line or a URL
/// shown to the user.
///
/// The token travels percent-encoded in the query (RFC 3986 section 2.1), so both its raw and its
/// encoded spellings are replaced; and any `token=` query parameter is blanked whatever its value,
/// so that a URL echoed back by a server or a URL error cannot carry it either.
struct VidaRedactor: Sendable {
    private let secrets: [String]

    init(token: VidaToken) {
        secrets = Self.spellings(of: token.secret)
    }

    /// The raw and percent-encoded spellings of `raw`, longest first, so that a spelling
    /// containing another is replaced whole.
    static func spellings(of raw: String) -> [String] {
        var variants = [raw, VidaRequest.percentEncode(raw)]
        // Some stacks encode a space as "+" (HTML forms), others lowercase the hex digits.
        variants.append(VidaRequest.percentEncode(raw).replacingOccurrences(of: "%20", with: "+"))
        variants.append(VidaRequest.percentEncode(raw).lowercased())
        return Array(Set(variants.filter { !$0.isEmpty })).sorted { $0.count > $1.count }
    }

    /// `text` with every spelling of the token, and every `token=` parameter value, replaced by `***`.
    func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: "***")
        }
        return Self.blankTokenParameters(result)
    }

    /// Replaces the value of every `token=` query parameter (after `?` or `&`) by `***`.
    static func blankTokenParameters(_ text: String) -> String {
        guard text.range(of: "token=", options: .caseInsensitive) != nil else { return text }
        var output = ""
        output.reserveCapacity(text.count)
        var rest = Substring(text)
        while let match = rest.range(of: "token=", options: .caseInsensitive) {
            let before = rest[..<match.lowerBound]
            let isParameter = before.last == "?" || before.last == "&"
            output += rest[..<match.upperBound]
            rest = rest[match.upperBound...]
            guard isParameter else { continue }
            // The value ends where the query parameter ends, or where the URL does in prose. None
            // of these characters can be part of a percent-encoded value (RFC 3986 section 2.3),
            // and a raw token is replaced whole before this runs.
            let end = Self.endOfValue(rest)
            output += "***"
            rest = rest[end...]
        }
        output += rest
        return output
    }

    private static let valueTerminators: Set<Character> = [
        "&", "#", " ", "\t", "\n", "\r", "\"", "'", ")", "(", "]", "[", ">", "<", ",", ";",
    ]

    /// Where a `token=` value ends in `text`: at a terminator, or at a full stop that ends a
    /// sentence (followed by white space or the end of the text).
    private static func endOfValue(_ text: Substring) -> Substring.Index {
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if valueTerminators.contains(character) { return index }
            if character == "." {
                let next = text.index(after: index)
                if next == text.endIndex || text[next] == " " || text[next] == "\n" { return index }
            }
            index = text.index(after: index)
        }
        return index
    }
}
