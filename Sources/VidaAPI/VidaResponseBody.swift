/// What can be read from a response body whatever the endpoint: the API's `message`, its
/// `success` flag, whether it is an HTML page, and its first bytes for an error message.
struct VidaResponseBody: Sendable {
    let bytes: [UInt8]
    let contentType: String?
    /// The body as JSON, when it is JSON.
    let json: JSONValue?

    init(bytes: [UInt8], contentType: String?) {
        self.bytes = bytes
        self.contentType = contentType
        json = Self.startsLikeJSON(bytes) ? JSONValue.parse(bytes) : nil
    }

    init(_ response: VidaHTTPResponse) {
        self.init(bytes: response.body, contentType: response.contentType)
    }

    /// The API's explanation. Errors come as `{"data":{},"message":"..."}` or
    /// `{"success":false,"message":"..."}` (capture-formats.md section 3); `error` as a string or
    /// an object with a `message` is accepted too. Cut to a sane length: it goes on a terminal.
    var message: String? {
        guard let json else { return nil }
        let candidates = [json["message"], json["error"], json["error"]?["message"], json["data"]?["message"]]
        for candidate in candidates {
            if let text = candidate?.stringValue?.trimmingSpaces(), !text.isEmpty {
                return Self.clip(Self.printable(text), to: 300)
            }
        }
        return nil
    }

    /// The body's `success` flag, when it has one.
    var success: Bool? { json?["success"]?.boolValue }

    /// Whether the body is an HTML page (a proxy's error page, a login page, a wrong base URL)
    /// rather than anything the API sends.
    var isHTML: Bool {
        if let contentType, contentType.lowercased().contains("html") { return true }
        let start = bytes.prefix(512).drop {
            $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF
        }
        let head = String(decoding: start.prefix(15), as: UTF8.self).lowercased()
        return head.hasPrefix("<!doctype html") || head.hasPrefix("<html") || head.hasPrefix("<head")
            || head.hasPrefix("<body") || head.hasPrefix("<title")
    }

    /// The first `limit` bytes as printable text (control characters escaped), in quotes, with a
    /// byte count, for "it began with ..." messages. Not yet redacted.
    func preview(limit: Int = 80) -> String {
        guard !bytes.isEmpty else { return "an empty body" }
        let text = Self.printable(String(decoding: bytes.prefix(limit), as: UTF8.self))
        return "\"\(text)\(bytes.count > limit ? "..." : "")\" (\(bytes.count) bytes)"
    }

    /// A description of the content type for messages.
    var contentTypeDescription: String { contentType.map { "Content-Type \($0)" } ?? "no Content-Type" }

    // MARK: - Helpers

    private static func startsLikeJSON(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
            return false
        }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\"")
    }

    /// Control characters (a terminal would obey them) shown as `\n`, `\u{1B}`, ...
    static func printable(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
                    output += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    static func clip(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "..."
    }
}
