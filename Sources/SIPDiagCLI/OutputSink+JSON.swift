import SIPCapture

/// JSON written straight into the output buffer: the JSON Lines format is the one programs
/// and benchmarks read by the million, so it builds no intermediate Strings.
extension OutputSink {
    /// A JSON string (RFC 8259 section 7) from UTF-8 bytes. Invalid UTF-8 is replaced by
    /// U+FFFD, so the output is always valid JSON whatever the capture held.
    func appendJSONString(utf8 bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { appendJSONString(raw: $0) }
    }

    func appendJSONString(_ text: String) {
        var text = text
        text.withUTF8 { appendJSONString(raw: UnsafeRawBufferPointer($0)) }
    }

    private func appendJSONString(raw bytes: UnsafeRawBufferPointer) {
        // Most values need no escaping and are ASCII: copy them in one go.
        var plain = true
        for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte >= 0x7F {
            plain = false
            break
        }
        append(0x22)
        if plain {
            append(bytes: bytes)
        } else if bytes.contains(where: { $0 >= 0x80 }) {
            // Rare in SIP start lines; validating costs a String here and only here.
            var text = String(decoding: bytes, as: UTF8.self)
            text.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0)) }
        } else {
            appendEscaped(bytes)
        }
        append(0x22)
    }

    private func appendEscaped(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            switch byte {
            case 0x22: append("\\\"")
            case 0x5C: append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0..<0x20, 0x7F:
                append("\\u00")
                append(Self.hexDigit(byte >> 4))
                append(Self.hexDigit(byte & 0x0F))
            default: append(byte)
            }
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x61 + nibble - 10
    }

    /// `"192.0.2.1:5060"`, or `"[2001:db8::1]:5060"` for IPv6.
    func appendJSONEndpoint(_ endpoint: Endpoint) {
        append(0x22)
        if endpoint.address.isIPv6 { append(0x5B) }
        appendAddress(endpoint.address)
        if endpoint.address.isIPv6 { append(0x5D) }
        append(0x3A)
        appendDecimal(Int64(endpoint.port))
        append(0x22)
    }

    /// A JSON string, or `null` when there is no value.
    func appendJSONStringOrNull(_ text: String?) {
        if let text { appendJSONString(text) } else { append("null") }
    }

    /// IPv4 digits written directly; IPv6 (rarer, longer rules) through its description.
    func appendAddress(_ address: IPAddress) {
        switch address {
        case .v4(let value):
            for shift in [24, 16, 8, 0] as [UInt32] {
                appendDecimal(Int64(value >> shift & 0xFF))
                if shift > 0 { append(0x2E) }
            }
        case .v6:
            append(contentsOf: address.description.utf8)
        }
    }
}
