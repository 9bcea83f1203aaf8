/// Base64 (RFC 4648 section 4), for MIME bodies sent with `Content-Transfer-Encoding: base64`
/// (RFC 2045 section 6.8): redaction decodes them to see their secrets and encodes them again.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// `bytes` encoded, padded with `=`, in lines of at most `lineLength` characters separated by
    /// CR LF (RFC 2045 asks for at most 76); no line breaks when `lineLength` is `nil`.
    static func encode(_ bytes: some Collection<UInt8>, lineLength: Int? = 76) -> [UInt8] {
        let input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 3 * 4 + 8)
        var start = 0
        while start < input.count {
            let chunk = input[start..<min(start + 3, input.count)]
            let first = chunk[chunk.startIndex]
            let second = chunk.count > 1 ? chunk[chunk.startIndex + 1] : 0
            let third = chunk.count > 2 ? chunk[chunk.startIndex + 2] : 0
            output.append(alphabet[Int(first >> 2)])
            output.append(alphabet[Int((first & 0x03) << 4 | second >> 4)])
            output.append(chunk.count > 1 ? alphabet[Int((second & 0x0F) << 2 | third >> 6)] : UInt8(ascii: "="))
            output.append(chunk.count > 2 ? alphabet[Int(third & 0x3F)] : UInt8(ascii: "="))
            start += 3
        }
        guard let lineLength, lineLength > 0, output.count > lineLength else { return output }
        var wrapped: [UInt8] = []
        wrapped.reserveCapacity(output.count + output.count / lineLength * 2)
        for (index, byte) in output.enumerated() {
            if index > 0, index % lineLength == 0 { wrapped += [0x0D, 0x0A] }
            wrapped.append(byte)
        }
        return wrapped
    }

    /// The decoded bytes, ignoring white space and line breaks; `nil` when anything else is not
    /// base64 or the padding is wrong.
    static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        var values: [UInt8] = []
        var padding = 0
        for byte in text {
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0A: continue
            case UInt8(ascii: "="):
                padding += 1
                continue
            default: break
            }
            guard padding == 0, let value = sextet(byte) else { return nil }
            values.append(value)
        }
        guard (values.count + padding) % 4 == 0 || padding == 0, values.count % 4 != 1, padding <= 2 else {
            return nil
        }
        var output: [UInt8] = []
        output.reserveCapacity(values.count * 3 / 4)
        var index = 0
        while index + 1 < values.count {
            let a = values[index]
            let b = values[index + 1]
            output.append(a << 2 | b >> 4)
            if index + 2 < values.count {
                let c = values[index + 2]
                output.append((b & 0x0F) << 4 | c >> 2)
                if index + 3 < values.count { output.append((c & 0x03) << 6 | values[index + 3]) }
            }
            index += 4
        }
        return output
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
