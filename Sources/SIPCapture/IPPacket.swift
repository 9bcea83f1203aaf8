/// The parts of an IPv4 (RFC 791) or IPv6 (RFC 8200) header the decoder needs, with the
/// payload borrowed from the frame.
struct IPPacket {
    var source: IPAddress
    var destination: IPAddress
    /// The upper-layer protocol: the IPv4 Protocol field, or the Next Header after the IPv6
    /// extension headers.
    var protocolNumber: UInt8
    var payload: UnsafeRawBufferPointer
    var fragment: Fragment?
    /// The header promised more payload than the capture holds (snaplen).
    var isTruncated: Bool
    var isIPv6: Bool

    /// Where this piece sits in its original datagram.
    struct Fragment {
        var identification: UInt32
        /// Byte offset of this fragment's payload in the original payload.
        var offset: Int
        var moreFragments: Bool
    }

    enum ParseResult {
        case packet(IPPacket)
        case malformed(String)
    }

    /// IPv6 extension headers followed before giving up (RFC 8200 section 4.1 expects few).
    static let maxExtensionHeaders = 16

    static func parse(_ bytes: UnsafeRawBufferPointer) -> ParseResult {
        guard let first = bytes.u8(at: 0) else { return .malformed("empty IP packet") }
        switch first >> 4 {
        case 4: return parseIPv4(bytes)
        case 6: return parseIPv6(bytes)
        default: return .malformed("IP version \(first >> 4) is neither 4 nor 6")
        }
    }

    private static func parseIPv4(_ bytes: UnsafeRawBufferPointer) -> ParseResult {
        guard bytes.count >= 20, let versionAndLength = bytes.u8(at: 0), let totalLength = bytes.u16(at: 2),
            let identification = bytes.u16(at: 4), let flagsAndOffset = bytes.u16(at: 6),
            let protocolNumber = bytes.u8(at: 9), let source = bytes.slice(at: 12, count: 4),
            let destination = bytes.slice(at: 16, count: 4)
        else { return .malformed("IPv4 header shorter than 20 bytes") }
        let headerLength = Int(versionAndLength & 0x0F) * 4
        guard headerLength >= 20 else { return .malformed("IPv4 header length \(headerLength) is below 20") }
        guard headerLength <= bytes.count else { return .malformed("IPv4 header (with options) cut short") }
        // A zero total length appears with TCP segmentation offload: trust the captured length then.
        let stated = totalLength == 0 ? bytes.count : Int(totalLength)
        guard stated >= headerLength else {
            return .malformed("IPv4 total length \(stated) is shorter than its header (\(headerLength))")
        }
        let end = min(stated, bytes.count)
        let offset = Int(flagsAndOffset & 0x1FFF) * 8
        let moreFragments = flagsAndOffset & 0x2000 != 0
        guard let sourceAddress = IPAddress(raw: source), let destinationAddress = IPAddress(raw: destination) else {
            return .malformed("IPv4 addresses cut short")
        }
        return .packet(
            IPPacket(
                source: sourceAddress,
                destination: destinationAddress,
                protocolNumber: protocolNumber,
                payload: bytes.slice(at: headerLength, count: end - headerLength) ?? bytes.slice(from: bytes.count),
                fragment: offset > 0 || moreFragments
                    ? Fragment(identification: UInt32(identification), offset: offset, moreFragments: moreFragments)
                    : nil,
                isTruncated: stated > bytes.count,
                isIPv6: false
            )
        )
    }

    private static func parseIPv6(_ bytes: UnsafeRawBufferPointer) -> ParseResult {
        guard let payloadLength = bytes.u16(at: 4), let nextHeader = bytes.u8(at: 6),
            let source = bytes.slice(at: 8, count: 16), let destination = bytes.slice(at: 24, count: 16),
            let sourceAddress = IPAddress(raw: source), let destinationAddress = IPAddress(raw: destination)
        else { return .malformed("IPv6 header shorter than 40 bytes") }
        // A zero payload length means a jumbogram or offload: trust the captured length.
        let stated = payloadLength == 0 ? bytes.count - 40 : Int(payloadLength)
        let available = bytes.slice(from: 40)
        let payload = available.prefix(upTo: stated)
        let isTruncated = stated > available.count
        switch walkExtensionHeaders(from: nextHeader, payload) {
        case .failure(let error):
            return .malformed(error.reason)
        case .success(let chain):
            return .packet(
                IPPacket(
                    source: sourceAddress,
                    destination: destinationAddress,
                    protocolNumber: chain.protocolNumber,
                    payload: chain.payload,
                    fragment: chain.fragment,
                    isTruncated: isTruncated,
                    isIPv6: true
                )
            )
        }
    }

    struct ExtensionChain {
        var protocolNumber: UInt8
        var payload: UnsafeRawBufferPointer
        var fragment: Fragment?
    }

    struct ChainError: Error {
        var reason: String
    }

    /// Follows IPv6 extension headers (RFC 8200 section 4) to the upper-layer protocol.
    ///
    /// At a Fragment header it stops: what follows is the fragmentable part, the same in every
    /// fragment, so fragments share their key; after reassembly the caller walks the rest.
    static func walkExtensionHeaders(
        from nextHeader: UInt8,
        _ bytes: UnsafeRawBufferPointer
    ) -> Result<ExtensionChain, ChainError> {
        var next = nextHeader
        var payload = bytes
        for _ in 0..<maxExtensionHeaders {
            switch next {
            case 0, 43, 60, 135, 139, 140:
                // Hop-by-hop, Routing, Destination Options, Mobility, HIP, Shim6: length in 8-octet units after the first 8.
                guard let following = payload.u8(at: 0), let units = payload.u8(at: 1) else {
                    return .failure(ChainError(reason: "IPv6 extension header \(next) cut short"))
                }
                let length = (Int(units) + 1) * 8
                guard length <= payload.count else {
                    return .failure(ChainError(reason: "IPv6 extension header \(next) runs past the packet"))
                }
                next = following
                payload = payload.slice(from: length)
            case 51:
                // Authentication Header (RFC 4302 section 2.2): length in 4-octet units minus 2.
                guard let following = payload.u8(at: 0), let units = payload.u8(at: 1) else {
                    return .failure(ChainError(reason: "IPv6 Authentication Header cut short"))
                }
                let length = (Int(units) + 2) * 4
                guard length <= payload.count else {
                    return .failure(ChainError(reason: "IPv6 Authentication Header runs past the packet"))
                }
                next = following
                payload = payload.slice(from: length)
            case 44:
                // Fragment header (RFC 8200 section 4.5): 8 bytes.
                guard let following = payload.u8(at: 0), let offsetAndFlags = payload.u16(at: 2),
                    let identification = payload.u32(at: 4)
                else { return .failure(ChainError(reason: "IPv6 Fragment header cut short")) }
                let offset = Int(offsetAndFlags >> 3) * 8
                let more = offsetAndFlags & 1 != 0
                payload = payload.slice(from: 8)
                // An atomic fragment (offset 0, M clear; RFC 6946) is a whole datagram: keep walking.
                if offset > 0 || more {
                    let fragment = Fragment(identification: identification, offset: offset, moreFragments: more)
                    return .success(ExtensionChain(protocolNumber: following, payload: payload, fragment: fragment))
                }
                next = following
            default:
                return .success(ExtensionChain(protocolNumber: next, payload: payload, fragment: nil))
            }
        }
        return .failure(ChainError(reason: "more than \(maxExtensionHeaders) IPv6 extension headers"))
    }
}
