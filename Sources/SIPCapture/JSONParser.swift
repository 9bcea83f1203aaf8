/// A small strict JSON parser (RFC 8259) for the capture API's answers, written for hostile
/// input: nesting is capped (``maximumDepth``), every problem is a ``CaptureError`` with the
/// byte offset where it was found, and nothing in it can trap on any bytes.
struct JSONParser {
    /// Homer's deepest answer (a transaction) nests four levels; 64 leaves ample room while
    /// keeping the recursion far from the stack's limit.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var position = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses one JSON text: a value between optional white space (and a UTF-8 byte order mark).
    static func parse(_ bytes: [UInt8]) throws(CaptureError) -> JSONValue {
        var parser = JSONParser(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.position = 3 }
        parser.skipWhiteSpace()
        let value = try parser.value(depth: 1)
        parser.skipWhiteSpace()
        guard parser.position == bytes.count else {
            throw parser.error("unexpected \(parser.describeByte()) after the end of the JSON value")
        }
        return value
    }

    private func error(_ text: String, at offset: Int? = nil) -> CaptureError {
        CaptureError(.invalidJSON, "invalid JSON: \(text)", byteOffset: Int64(offset ?? position))
    }

    private func describeByte() -> String {
        guard position < bytes.count else { return "end of input" }
        let byte = bytes[position]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        let hex = String(byte, radix: 16)
        return "byte 0x" + (hex.count == 1 ? "0" + hex : hex)
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhiteSpace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    private mutating func value(depth: Int) throws(CaptureError) -> JSONValue {
        guard depth <= Self.maximumDepth else {
            throw error("nested deeper than \(Self.maximumDepth) levels")
        }
        switch current ?? 0 {
        case 0x7B: return .object(try object(depth: depth))
        case 0x5B: return .array(try array(depth: depth))
        case 0x22: return .string(try string())
        case 0x74: return try literal("true", .bool(true))
        case 0x66: return try literal("false", .bool(false))
        case 0x6E: return try literal("null", .null)
        case 0x2D, 0x30...0x39: return .number(try number())
        default: throw error("expected a value, found \(describeByte())")
        }
    }

    private mutating func literal(_ word: String, _ value: JSONValue) throws(CaptureError) -> JSONValue {
        for byte in word.utf8 {
            guard current == byte else { throw error("expected '\(word)', found \(describeByte())") }
            position += 1
        }
        return value
    }

    private mutating func object(depth: Int) throws(CaptureError) -> JSONObject {
        position += 1
        var result = JSONObject()
        skipWhiteSpace()
        if current == 0x7D {
            position += 1
            return result
        }
        while true {
            skipWhiteSpace()
            guard current == 0x22 else { throw error("expected a member name in quotes, found \(describeByte())") }
            let key = try string()
            skipWhiteSpace()
            guard current == 0x3A else { throw error("expected ':' after member name, found \(describeByte())") }
            position += 1
            skipWhiteSpace()
            result.set(key, try value(depth: depth + 1))
            skipWhiteSpace()
            switch current {
            case 0x2C: position += 1
            case 0x7D:
                position += 1
                return result
            default: throw error("expected ',' or '}' in an object, found \(describeByte())")
            }
        }
    }

    private mutating func array(depth: Int) throws(CaptureError) -> [JSONValue] {
        position += 1
        var result: [JSONValue] = []
        skipWhiteSpace()
        if current == 0x5D {
            position += 1
            return result
        }
        while true {
            skipWhiteSpace()
            result.append(try value(depth: depth + 1))
            skipWhiteSpace()
            switch current {
            case 0x2C: position += 1
            case 0x5D:
                position += 1
                return result
            default: throw error("expected ',' or ']' in an array, found \(describeByte())")
            }
        }
    }

    /// A string (RFC 8259 section 7): escapes decoded, UTF-16 surrogate pairs joined, raw
    /// control characters refused. Invalid UTF-8 is repaired with U+FFFD, as it would be shown.
    private mutating func string() throws(CaptureError) -> String {
        let start = position
        position += 1
        var scalars: [UInt8] = []
        while true {
            guard let byte = current else { throw error("string not closed before the end of input", at: start) }
            switch byte {
            case 0x22:
                position += 1
                return String(decoding: scalars, as: UTF8.self)
            case 0x5C:
                position += 1
                try escape(into: &scalars)
            case 0x00..<0x20:
                throw error("control character \(describeByte()) inside a string (must be escaped)")
            default:
                scalars.append(byte)
                position += 1
            }
        }
    }

    private mutating func escape(into output: inout [UInt8]) throws(CaptureError) {
        guard let byte = current else { throw error("escape cut short by the end of input") }
        position += 1
        switch byte {
        case 0x22, 0x5C, 0x2F: output.append(byte)
        case 0x62: output.append(0x08)
        case 0x66: output.append(0x0C)
        case 0x6E: output.append(0x0A)
        case 0x72: output.append(0x0D)
        case 0x74: output.append(0x09)
        case 0x75:
            var code = try hex4()
            if (0xD800..<0xDC00).contains(code), bytes.count - position >= 6, bytes[position] == 0x5C,
                bytes[position + 1] == 0x75
            {
                let mark = position
                position += 2
                let low = try hex4()
                if (0xDC00..<0xE000).contains(low) {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    position = mark
                }
            }
            // A lone surrogate is not a scalar: shown as U+FFFD, as a lenient decoder would.
            let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            position -= 1
            throw error("unknown escape \\\(describeByte())")
        }
    }

    private mutating func hex4() throws(CaptureError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current else { throw error("\\u escape cut short by the end of input") }
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw error("expected a hexadecimal digit in a \\u escape, found \(describeByte())")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// A number's literal text after checking the grammar
    /// `[-] (0 / 1-9 *DIGIT) [. 1*DIGIT] [(e/E) [+/-] 1*DIGIT]` (RFC 8259 section 6).
    private mutating func number() throws(CaptureError) -> String {
        let start = position
        if current == 0x2D { position += 1 }
        if current == 0x30 {
            position += 1
        } else {
            guard try digits() > 0 else { throw error("expected a digit in a number, found \(describeByte())") }
        }
        if current == 0x2E {
            position += 1
            guard try digits() > 0 else { throw error("expected a digit after '.', found \(describeByte())") }
        }
        if current == 0x65 || current == 0x45 {
            position += 1
            if current == 0x2B || current == 0x2D { position += 1 }
            guard try digits() > 0 else { throw error("expected a digit in an exponent, found \(describeByte())") }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func digits() throws(CaptureError) -> Int {
        let start = position
        while let byte = current, (0x30...0x39).contains(byte) { position += 1 }
        guard position - start <= 1000 else { throw error("number with more than 1000 digits", at: start) }
        return position - start
    }
}
