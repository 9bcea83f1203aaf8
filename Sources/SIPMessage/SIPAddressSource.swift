/// A parsed address (RFC 3261 section 25.1 `name-addr` / `addr-spec` with header parameters) or
/// a bare SIP URI (RFC 3261 section 19.1.1), kept as the message bytes it was read from and the
/// positions of its components: the parse has checked every byte, and Strings are made only
/// when a component is read.
///
/// One object serves an address and its URI (``SIPNameAddress/uri`` shares it), so a parsed
/// address is one allocation where its components were several boxes, arrays and Strings.
/// Only the usual shapes are kept this way (``SIPURI/plainSIP(_:limits:)``,
/// ``SIPNameAddress/plain(_:limits:)``); the others, and values built or changed in code,
/// keep their components as Strings.
final class SIPAddressSource: Sendable {
    /// How a display name is written.
    enum DisplayName: UInt8, Sendable {
        case none
        /// A quoted-string without `\` escapes; the span is inside the quotes.
        case quoted
        /// A quoted-string with `quoted-pair`s, resolved when read.
        case quotedEscaped
        /// Tokens and white space, collapsed to single spaces when read.
        case tokens
    }

    /// Where an address's own components are, as offsets from the start of its bytes.
    struct AddressLayout: Sendable {
        var displayName = DisplayName.none
        var displayStart: UInt16 = 0
        var displayEnd: UInt16 = 0
        var isNameAddr = false
        var uriStart: UInt16 = 0
        var uriEnd: UInt16 = 0
        var parameters = SIPParameterSpans()
    }

    /// The address as written, trimmed; or the URI alone.
    let bytes: ArraySlice<UInt8>
    /// The address's components; for a bare URI, one whose URI is all of ``bytes``.
    let address: AddressLayout
    /// The URI's components, as offsets from the start of ``uriBytes``.
    let uri: SIPURI.PlainLayout

    /// A bare URI: `layout` describes all of `bytes`.
    init(uri bytes: ArraySlice<UInt8>, layout: SIPURI.PlainLayout) {
        self.bytes = bytes
        // Plain layouts are only made for bytes whose count fits a UInt16.
        self.address = AddressLayout(uriEnd: UInt16(truncatingIfNeeded: bytes.count))
        self.uri = layout
    }

    /// An address: `address` gives the URI's place in `bytes`, `uri` its components.
    init(address bytes: ArraySlice<UInt8>, address: AddressLayout, uri: SIPURI.PlainLayout) {
        self.bytes = bytes
        self.address = address
        self.uri = uri
    }

    // MARK: - The address

    /// ``SIPNameAddress/displayName``.
    var displayName: String? {
        let text = SIPParameterSpans.slice(bytes, address.displayStart, address.displayEnd)
        switch address.displayName {
        case .none: return nil
        case .quoted: return SIPParameterSpans.string(text)
        case .quotedEscaped: return SIPScanner.unescaped(text)
        case .tokens: return SIPText.collapsingWhitespace(text)
        }
    }

    /// ``SIPNameAddress/raw``.
    var raw: String { SIPParameterSpans.string(bytes) }

    // MARK: - The URI

    /// The URI's bytes, all of them as written.
    var uriBytes: ArraySlice<UInt8> { SIPParameterSpans.slice(bytes, address.uriStart, address.uriEnd) }

    /// ``SIPURI/scheme``: a plain URI is `sip` or `sips`.
    var scheme: String { uri.isSecure ? "sips" : "sip" }

    /// ``SIPURI/opaque``: everything after `scheme:`.
    var opaque: String {
        let bytes = uriBytes
        return SIPParameterSpans.string(bytes[min(bytes.startIndex + uri.userStart, bytes.endIndex)...])
    }

    /// ``SIPURI/user``.
    var user: String? {
        guard let userEnd = uri.userEnd else { return nil }
        return SIPParameterSpans.string(component(uri.userStart, userEnd))
    }

    /// ``SIPURI/host``.
    var host: SIPHost {
        let text = SIPParameterSpans.string(component(uri.hostStart, uri.hostEnd))
        return uri.isIPv4 ? .ipv4(text) : .name(text)
    }

    /// ``SIPURI/raw``.
    var uriRaw: String { SIPParameterSpans.string(uriBytes) }

    /// `uriBytes[start..<end]` by offsets, clamped to the URI.
    private func component(_ start: Int, _ end: Int) -> ArraySlice<UInt8> {
        let bytes = uriBytes
        let lower = min(bytes.startIndex + start, bytes.endIndex)
        return bytes[lower..<min(max(bytes.startIndex + end, lower), bytes.endIndex)]
    }
}
