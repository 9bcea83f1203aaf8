import Foundation
public import SIPCapture

/// One entry of the account's SIP IP whitelist: the addresses the platform accepts calls from.
///
/// The API stores a plain address and a label. An entry may also name a port or transport
/// (`"port"`, `"transport"` in the account file, or `198.51.100.4:5080` as the address) when
/// the platform's edge is set up per port; the checks then tell a port or transport mismatch
/// from an address that is missing.
public struct WhitelistItem: Sendable, Hashable, CustomStringConvertible {
    /// The address as written.
    public var ip: String
    public var label: String?
    public var port: Int?
    public var transport: SIPTransport?
    /// The address block, `nil` when `ip` is not an address or a block.
    public var network: IPNetwork?

    public init(ip: String, label: String? = nil, port: Int? = nil, transport: SIPTransport? = nil) {
        self.ip = ip
        self.label = label
        self.port = port
        self.transport = transport
        let trimmed = ip.trimmingCharacters(in: .whitespaces)
        if let network = IPNetwork(trimmed) {
            self.network = network
        } else if let colon = trimmed.lastIndex(of: ":"),
            trimmed.filter({ $0 == ":" }).count == 1 || trimmed.hasPrefix("["),
            let address = IPNetwork(trimmed[..<colon]), let written = Int(trimmed[trimmed.index(after: colon)...])
        {
            // "198.51.100.4:5080" or "[2001:db8::4]:5080".
            self.network = address
            self.port = port ?? written
        }
    }

    /// Whether the entry lets `source` in over `transport`, ignoring any port or transport.
    public func admitsAddress(_ address: IPAddress) -> Bool { network?.contains(address) ?? false }

    /// Whether the entry lets `source` in over `transport`, port and transport included.
    public func admits(_ source: Endpoint, over transport: SIPTransport) -> Bool {
        admitsAddress(source.address) && (port.map { $0 == Int(source.port) } ?? true)
            && (self.transport.map { $0 == transport } ?? true)
    }

    /// "198.51.100.4 (Office PBX)".
    public var description: String {
        var text = ip
        if let port, !ip.hasSuffix(":\(port)") { text += " port \(port)" }
        if let transport { text += " \(transport.rawValue.uppercased())" }
        if let label, !label.isEmpty { text += " (\(label))" }
        return text
    }
}
