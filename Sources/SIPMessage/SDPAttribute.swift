/// An `a=` line: `a=<name>` (a property) or `a=<name>:<value>` (RFC 8866 section 5.13).
///
/// The value is kept exactly as written, including secrets (`a=crypto` key material,
/// RFC 4568 section 9.1; `a=ice-pwd`, RFC 8839 section 5.4; `a=key-mgmt`, RFC 4567), because a
/// diagnostics tool must be able to forward or compare them. Its ``description``,
/// ``debugDescription`` and mirror hide those secrets, so printing, logging or dumping an
/// attribute (or a session holding it) never leaks them.
public struct SDPAttribute: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The attribute name as written. Names are case-sensitive (RFC 8866 section 9
    /// `attribute-name = token`); see ``SDPDecodedAttributes`` for known names in another case.
    public var name: String
    /// The text after the first colon, `nil` for a property attribute such as `a=rtcp-mux`.
    public var value: String?

    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }

    /// Whether the value carries secret material that descriptions must not show. Unlike
    /// lookups, this ignores case: `a=CRYPTO` may be wrong but its key is still a key.
    public var isSecret: Bool {
        switch name.lowercased() {
        case "crypto", "ice-pwd", "key-mgmt": true
        default: false
        }
    }

    /// The value with secrets replaced by `<redacted>`: for `a=crypto` the tag and suite stay
    /// visible (they matter for diagnosis, RFC 4568 section 9.1), the key parameters do not.
    public var redactedValue: String? {
        guard let value, isSecret else { return value }
        if name.lowercased() == "crypto" {
            let fields = SDPText.fields(value)
            let visible = fields.prefix(2).joined(separator: " ")
            return fields.count > 2 ? "\(visible) <redacted>" : visible
        }
        return "<redacted>"
    }

    public var description: String {
        redactedValue.map { "a=\(name):\($0)" } ?? "a=\(name)"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["name": name, "value": redactedValue as Any], displayStyle: .struct)
    }

}
