public import SIPCapture

/// A name for a host or a network, as given by `--alias IP[/prefix][:port]=NAME`: lanes of the
/// ladder and endpoints in reports show the name instead of the address.
public struct HostAlias: Hashable, Sendable {
    public var network: IPAddress
    /// Leading bits that must match (32 or 128 for a single address).
    public var prefixLength: Int
    /// Only this port, when given.
    public var port: UInt16?
    public var name: String

    public init(network: IPAddress, prefixLength: Int, port: UInt16?, name: String) {
        self.network = network
        self.prefixLength = prefixLength
        self.port = port
        self.name = name
    }

    /// Parses `192.0.2.10=PBX`, `192.0.2.0/24=Office`, `192.0.2.10:5060=PBX`,
    /// `[2001:db8::1]:5060=SBC` or `2001:db8::/32=Carrier`, or says what is wrong.
    public static func parse(_ text: String) -> Result<HostAlias, HostAliasError> {
        guard let equals = text.firstIndex(of: "=") else {
            return .failure(HostAliasError("'\(text)' has no '=NAME'"))
        }
        let name = String(text[text.index(after: equals)...]).trimmingSpaces
        var address = Substring(text[..<equals]).trimmingSpaces[...]
        guard !name.isEmpty else { return .failure(HostAliasError("'\(text)' has an empty name")) }
        var port: UInt16?
        if address.hasPrefix("[") {
            // [IPv6]:port, RFC 3986 section 3.2.2.
            guard let close = address.firstIndex(of: "]") else {
                return .failure(HostAliasError("'\(text)': '[' without ']'"))
            }
            let rest = address[address.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let value = UInt16(rest.dropFirst()) else {
                    return .failure(HostAliasError("'\(text)': bad port after ']'"))
                }
                port = value
            }
            address = address[address.index(after: address.startIndex)..<close]
        } else if address.count(where: { $0 == ":" }) == 1, let colon = address.firstIndex(of: ":") {
            guard let value = UInt16(address[address.index(after: colon)...]) else {
                return .failure(HostAliasError("'\(text)': bad port"))
            }
            port = value
            address = address[..<colon]
        }
        var prefixText: Substring?
        if let slash = address.firstIndex(of: "/") {
            prefixText = address[address.index(after: slash)...]
            address = address[..<slash]
        }
        guard let ip = IPAddress(address) else {
            return .failure(HostAliasError("'\(text)': '\(address)' is not an IP address"))
        }
        let maximum = ip.isIPv6 ? 128 : 32
        var prefixLength = maximum
        if let prefixText {
            guard let value = Int(prefixText), (0...maximum).contains(value) else {
                return .failure(HostAliasError("'\(text)': prefix must be 0 to \(maximum)"))
            }
            prefixLength = value
        }
        return .success(HostAlias(network: ip, prefixLength: prefixLength, port: port, name: name))
    }

    /// Whether `endpoint` is in this alias's network (and on its port, when it names one).
    public func matches(_ endpoint: Endpoint) -> Bool {
        if let port, port != endpoint.port { return false }
        let left = network.bytes
        let right = endpoint.address.bytes
        guard left.count == right.count else { return false }
        var bits = prefixLength
        for (a, b) in zip(left, right) where bits > 0 {
            let mask: UInt8 = bits >= 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if a & mask != b & mask { return false }
            bits -= 8
        }
        return true
    }
}

/// Why an alias could not be read.
public struct HostAliasError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars.drop { $0 == " " || $0 == "\t" }
        return String(String.UnicodeScalarView(scalars.reversed().drop { $0 == " " || $0 == "\t" }.reversed()))
    }
}
