/// A JSON document built in memory and written deterministically: object members keep the order
/// they were given, so the same analysis always gives byte-identical output (RFC 8259).
public indirect enum JSONValue: Sendable, Equatable {
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
        case .null: output += Self.nullBytes
        case .bool(let value): output += value ? Self.trueBytes : Self.falseBytes
        case .integer(let value): output += String(value).utf8
        case .decimal(let value): output += Self.format(value).utf8
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let values):
            guard !values.isEmpty else {
                output += [0x5B, 0x5D]
                return
            }
            output.append(0x5B)
            for (position, value) in values.enumerated() {
                if position > 0 { output.append(0x2C) }
                if pretty { Self.newline(&output, indent: indent + 1) }
                value.write(to: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { Self.newline(&output, indent: indent) }
            output.append(0x5D)
        case .object(let members):
            guard !members.isEmpty else {
                output += [0x7B, 0x7D]
                return
            }
            output.append(0x7B)
            for (position, member) in members.enumerated() {
                if position > 0 { output.append(0x2C) }
                if pretty { Self.newline(&output, indent: indent + 1) }
                Self.writeString(member.key, to: &output)
                output.append(0x3A)
                if pretty { output.append(0x20) }
                member.value.write(to: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { Self.newline(&output, indent: indent) }
            output.append(0x7D)
        }
    }

    private static let nullBytes = Array("null".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)

    private static func newline(_ output: inout [UInt8], indent: Int) {
        output.append(0x0A)
        output.append(contentsOf: repeatElement(0x20, count: 2 * indent))
    }

    /// At most three fractional digits, trailing zeros dropped: `120`, `0.5`, `2120.125`.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let thousandths = (value * 1000).rounded()
        guard abs(thousandths) < 9e15 else { return String(Int64(value.rounded())) }
        let scaled = Int64(thousandths)
        let sign = scaled < 0 ? "-" : ""
        let magnitude = scaled.magnitude
        var text = sign + String(magnitude / 1000)
        var fraction = magnitude % 1000
        guard fraction != 0 else { return text }
        var digits = 3
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let fractionText = String(fraction)
        text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        return text
    }

    /// RFC 8259 section 7: quote, backslash and control characters escaped; everything else is
    /// copied as the UTF-8 it already is (a Swift String is always valid UTF-8).
    private static func writeString(_ value: String, to output: inout [UInt8]) {
        output.append(0x22)
        for byte in value.utf8 {
            switch byte {
            case 0x22: output += [0x5C, 0x22]
            case 0x5C: output += [0x5C, 0x5C]
            case 0x0A: output += [0x5C, 0x6E]
            case 0x0D: output += [0x5C, 0x72]
            case 0x09: output += [0x5C, 0x74]
            case 0..<0x20, 0x7F:
                output += [0x5C, 0x75, 0x30, 0x30, hexDigit(byte >> 4), hexDigit(byte & 0x0F)]
            default: output.append(byte)
            }
        }
        output.append(0x22)
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x61 + nibble - 10
    }
}
