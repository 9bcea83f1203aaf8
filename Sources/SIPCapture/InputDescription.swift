/// Says in words what some bytes that are not a capture look like.
enum InputDescription {
    /// A short human description of the start of an input: "gzip-compressed data", "an HTML
    /// page", "text starting with ...", or hex. (JSON never gets here: `CaptureFormat` sends it
    /// to `HomerJSONReader`, which names the keys of JSON it does not know.)
    static func describe(_ head: UnsafeRawBufferPointer) -> String {
        if head.hasPrefix(bytes: [0x1F, 0x8B]) {
            return "gzip-compressed data (decompress it first, e.g. with gunzip)"
        }
        if head.hasPrefix("PK\u{03}\u{04}") { return "a zip archive (extract the capture from it first)" }
        if head.hasPrefix("BZh") { return "bzip2-compressed data (decompress it first)" }
        if head.hasPrefix(bytes: [0xFD, 0x37, 0x7A, 0x58, 0x5A]) { return "xz-compressed data (decompress it first)" }
        if head.hasPrefix(bytes: [0x28, 0xB5, 0x2F, 0xFD]) { return "zstd-compressed data (decompress it first)" }
        if head.hasPrefix("HEP3") || head.hasPrefix("EEP3") { return "a raw HEP3 packet, not a capture file" }
        let text = leadingText(head)
        let trimmed = text.drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\u{FEFF}" })
        let lower = trimmed.prefix(64).lowercased()
        if lower.hasPrefix("<!doctype html") || lower.hasPrefix("<html") {
            return "an HTML page (an error page from a web server?)"
        }
        if lower.hasPrefix("<?xml") || lower.hasPrefix("<") { return "XML or markup text" }
        if isMostlyText(head) {
            let firstLine = trimmed.prefix(while: { $0 != "\r" && $0 != "\n" }).prefix(60)
            return "text starting with \"\(firstLine)\""
        }
        let hex = head.prefix(upTo: 8).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
        return "binary data starting with \(hex.joined(separator: " "))"
    }

    private static func leadingText(_ head: UnsafeRawBufferPointer) -> String {
        String(decoding: head.prefix(upTo: 4096), as: UTF8.self)
    }

    private static func isMostlyText(_ head: UnsafeRawBufferPointer) -> Bool {
        let sample = head.prefix(upTo: 512)
        guard !sample.isEmpty else { return false }
        let printable = sample.reduce(0) { count, byte in
            count
                + ((byte >= 0x20 && byte < 0x7F) || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte >= 0x80
                    ? 1 : 0)
        }
        return printable * 100 >= sample.count * 95
    }
}
