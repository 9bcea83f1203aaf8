/// A JSON document built in memory and written deterministically: object members keep the order
/// they were given, so the same analysis always gives byte-identical output (RFC 8259).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    /// A decimal written with at most three fractional digits (milliseconds to the microsecond,
    /// percentages); NaN and infinities become `null` since JSON has no such numbers.
    case decimal(Double)
    case string(String)
    case array([JSONValue])
    case object([Member])

    /// One `"key": value` pair of an object.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue

        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// `value` as a string, or `null` when absent.
    public static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// `value` as an integer, or `null` when absent.
    public static func integer(_ value: (some BinaryInteger)?) -> JSONValue {
        value.map { .integer(Int64(clamping: $0)) } ?? .null
    }

    /// `value` as a decimal, or `null` when absent.
    public static func decimal(_ value: Double?) -> JSONValue { value.map(JSONValue.decimal) ?? .null }

    /// The document as text: compact on one line, or indented by two spaces per level.
    public func rendered(pretty: Bool = true) -> String {
        String(decoding: renderedBytes(pretty: pretty), as: UTF8.self)
    }

    /// The document as UTF-8 bytes, ready to write (large call lists are rendered byte by byte,
    /// without building a String per value).
    public func renderedBytes(pretty: Bool = true) -> [UInt8] {
        var output: [UInt8] = []
        write(to: &output, pretty: pretty, indent: 0)
        return output
    }

    /// Appends the document to `output` as if it sat `indent` levels deep in a larger pretty
    /// document: how a long array is streamed one element at a time, byte-identical to
    /// rendering the whole array at once.
    public func append(to output: inout [UInt8], pretty: Bool = true, indent: Int = 0) {
        write(to: &output, pretty: pretty, indent: indent)
    }

    private func write(to output: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null: Self.appendNull(to: &output)
        case .bool(let value): Self.appendBool(value, to: &output)
        case .integer(let value): Self.appendInteger(value, to: &output)
        case .decimal(let value): Self.appendDecimal(value, to: &output)
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let values):
            guard !values.isEmpty else {
                output += [0x5B, 0x5D]
                return
            }
            output.append(0x5B)
            for position in values.indices {
                if position > 0 { output.append(0x2C) }
                if pretty { Self.newline(&output, indent: indent + 1) }
                values[position].write(to: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { Self.newline(&output, indent: indent) }
            output.append(0x5D)
        case .object(let members):
            guard !members.isEmpty else {
                output += [0x7B, 0x7D]
                return
            }
            output.append(0x7B)
            for position in members.indices {
                if position > 0 { output.append(0x2C) }
                if pretty { Self.newline(&output, indent: indent + 1) }
                Self.writeString(members[position].key, to: &output)
                output.append(0x3A)
                if pretty { output.append(0x20) }
                members[position].value.write(to: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { Self.newline(&output, indent: indent) }
            output.append(0x7D)
        }
    }

    /// `null`, copied from a static string: no array to retain for a four-byte word.
    static func appendNull(to output: inout [UInt8]) {
        let word: StaticString = "null"
        word.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    static func appendBool(_ value: Bool, to output: inout [UInt8]) {
        let word: StaticString = value ? "true" : "false"
        word.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    /// A line break and the indentation of `indent` levels (``JSONStreamWriter`` shares it).
    static func newline(_ output: inout [UInt8], indent: Int) {
        // One bulk copy of a prepared line start: indentation is much of a pretty document.
        // A static string, not an array, so the copy needs no reference counting.
        let length = 1 + 2 * indent
        if length <= lineStart.utf8CodeUnitCount {
            lineStart.withUTF8Buffer { output.append(contentsOf: UnsafeBufferPointer(rebasing: $0.prefix(length))) }
        } else {
            output.append(0x0A)
            output.append(contentsOf: repeatElement(0x20, count: 2 * indent))
        }
    }

    /// A newline and the indentation of the first 24 levels (48 spaces).
    private static let lineStart: StaticString = "\n                                                "

    /// At most three fractional digits, trailing zeros dropped: `120`, `0.5`, `2120.125`.
    static func format(_ value: Double) -> String {
        var output: [UInt8] = []
        appendDecimal(value, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// ``format(_:)`` written straight into `output`: a call list has several numbers per call.
    static func appendDecimal(_ value: Double, to output: inout [UInt8]) {
        guard value.isFinite else {
            appendNull(to: &output)
            return
        }
        let thousandths = (value * 1000).rounded()
        guard abs(thousandths) < 9e15 else {
            appendInteger(Int64(value.rounded()), to: &output)
            return
        }
        let scaled = Int64(thousandths)
        if scaled < 0 { output.append(0x2D) }
        let magnitude = scaled.magnitude
        appendDigits(magnitude / 1000, to: &output)
        var fraction = magnitude % 1000
        guard fraction != 0 else { return }
        var digits = 3
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        output.append(0x2E)
        var divisor: UInt64 = 1
        for _ in 1..<digits { divisor *= 10 }
        while divisor > 0 {
            output.append(0x30 + UInt8(fraction / divisor % 10))
            divisor /= 10
        }
    }

    static func appendInteger(_ value: Int64, to output: inout [UInt8]) {
        if value < 0 { output.append(0x2D) }
        appendDigits(value.magnitude, to: &output)
    }

    /// `value` in decimal, most significant digit first, without an intermediate String.
    private static func appendDigits(_ value: UInt64, to output: inout [UInt8]) {
        var divisor: UInt64 = 1
        while divisor <= value / 10 { divisor *= 10 }
        while divisor > 0 {
            output.append(0x30 + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    /// RFC 8259 section 7: quote, backslash and control characters escaped; everything else is
    /// copied as the UTF-8 it already is (a Swift String is always valid UTF-8).
    static func writeString(_ value: String, to output: inout [UInt8]) {
        output.append(0x22)
        var value = value
        // Native Strings are contiguous UTF-8: runs of plain bytes are copied in one go, which
        // matters when `sipdiag calls --format json` writes tens of thousands of calls.
        value.withUTF8 { utf8 in
            var runStart = 0
            var position = 0
            while position < utf8.count {
                let byte = utf8[position]
                if needsEscape(byte) {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
                    appendEscaped(byte, to: &output)
                    runStart = position + 1
                }
                position += 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        output.append(0x22)
    }

    /// Whether no byte of `utf8` needs escaping: one pass without early exit or branches, which
    /// the compiler turns into vector instructions, as nearly every key and value is plain.
    static func isPlain(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var escapes: UInt8 = 0
        for byte in utf8 {
            escapes |= (byte < 0x20 ? 1 : 0) | (byte == 0x22 ? 1 : 0) | (byte == 0x5C ? 1 : 0) | (byte == 0x7F ? 1 : 0)
        }
        return escapes == 0
    }

    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F
    }

    static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case 0x22: output += [0x5C, 0x22]
        case 0x5C: output += [0x5C, 0x5C]
        case 0x0A: output += [0x5C, 0x6E]
        case 0x0D: output += [0x5C, 0x72]
        case 0x09: output += [0x5C, 0x74]
        default: output += [0x5C, 0x75, 0x30, 0x30, hexDigit(byte >> 4), hexDigit(byte & 0x0F)]
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x61 + nibble - 10
    }
}
