import Foundation
public import SIPCapture

/// One outbound route of the account, `host[:port][;transport=udp|tcp|tls]` as the API stores
/// it (the host, port and transport of a SIP URI, RFC 3261 section 19.1.1), parsed leniently so
/// that the lint can say everything that is wrong with it at once.
public struct RouteTarget: Sendable, Hashable, CustomStringConvertible {
    /// The route as written.
    public var text: String
    /// The host: a name, an IPv4 address or an IPv6 address without brackets; empty when missing.
    public var host: String
    public var port: Int?
    /// The transport parameter, lower case, as written (`udp`, `tcp`, `tls`, or anything else).
    public var transportName: String?
    /// What is wrong with the syntax, in words; empty when the route is well formed.
    public var problems: [String]

    public init(_ text: String) {
        self.text = text
        (host, port, transportName, problems) = Self.parse(text)
    }

    /// The host as an address, when it is one.
    public var address: IPAddress? { IPAddress(host) }

    /// The transport, when the parameter names one sipdiag knows.
    public var transport: SIPTransport? { transportName.flatMap { SIPTransport(rawValue: $0) } }

    /// The transport calls take: the parameter, else UDP (RFC 3263 section 4.1 picks UDP for a
    /// `sip:` URI with a numeric host and no transport, which is what the API does with a route).
    public var effectiveTransport: SIPTransport { transport ?? .udp }

    /// The port calls go to: the one written, else 5061 for TLS and 5060 otherwise (RFC 3261
    /// section 19.1.2).
    public var effectivePort: Int { port ?? (effectiveTransport == .tls ? 5061 : 5060) }

    public var description: String { text }

    private static func parse(_ text: String) -> (String, Int?, String?, [String]) {
        var problems: [String] = []
        var input = Substring(text.trimmingCharacters(in: [" ", "\t"]))
        guard !input.isEmpty else { return ("", nil, nil, ["the route is empty"]) }
        for scheme in ["sip:", "sips:"] where input.lowercased().hasPrefix(scheme) {
            problems.append("leave out the \"\(scheme)\" scheme")
            input = input.dropFirst(scheme.count)
        }
        if input.contains(where: { $0 == " " || $0 == "\t" }) { problems.append("it contains a space") }
        if let at = input.firstIndex(of: "@") {
            problems.append("a route has no user part (\"user@\")")
            input = input[input.index(after: at)...]
        }
        var parameters = input.split(separator: ";", omittingEmptySubsequences: false)
        let hostPort = parameters.isEmpty ? "" : parameters.removeFirst()
        var transport: String?
        for parameter in parameters {
            let pieces = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = pieces.first, name.lowercased() == "transport" else {
                problems.append(
                    parameter.isEmpty ? "it has an empty parameter" : "the parameter \"\(parameter)\" is not understood"
                )
                continue
            }
            let value = pieces.count == 2 ? pieces[1].lowercased() : ""
            if transport != nil { problems.append("the transport is given twice") }
            if !["udp", "tcp", "tls"].contains(value) {
                problems.append("the transport \"\(value)\" is not one of udp, tcp, tls")
            }
            transport = value
        }
        let (host, portText, hostProblem) = splitHostPort(hostPort)
        if let hostProblem { problems.append(hostProblem) }
        var port: Int?
        if let portText {
            if let value = Int(portText), portText.allSatisfy(\.isNumber), (1...65535).contains(value) {
                port = value
            } else {
                problems.append("the port must be a number from 1 to 65535, not \"\(portText)\"")
            }
        }
        return (host, port, transport, problems)
    }

    private static func splitHostPort(_ hostPort: Substring) -> (String, Substring?, String?) {
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else {
                return (String(hostPort.dropFirst()), nil, "the IPv6 address has no closing \"]\"")
            }
            let host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let rest = hostPort[hostPort.index(after: close)...]
            let problem = IPAddress(host)?.isIPv6 == true ? nil : "\"\(host)\" is not an IPv6 address"
            if rest.isEmpty { return (host, nil, problem) }
            guard rest.hasPrefix(":") else { return (host, nil, "unexpected \"\(rest)\" after the IPv6 address") }
            return (host, rest.dropFirst(), problem)
        }
        let colons = hostPort.filter { $0 == ":" }.count
        if colons > 1 {
            let isIPv6 = IPAddress(hostPort)?.isIPv6 == true
            return (
                String(hostPort), nil,
                isIPv6
                    ? "an IPv6 address must be in brackets, as in [\(hostPort)]"
                    : "\"\(hostPort)\" has more than one \":\""
            )
        }
        var host = hostPort
        var port: Substring?
        if let colon = hostPort.firstIndex(of: ":") {
            host = hostPort[..<colon]
            port = hostPort[hostPort.index(after: colon)...]
        }
        return (String(host).lowercased(), port, hostProblem(String(host)))
    }

    /// Why `host` is neither an IPv4 address nor a host name (RFC 1123 section 2.1), or nil.
    private static func hostProblem(_ host: String) -> String? {
        guard !host.isEmpty else { return "the host is missing" }
        if host.allSatisfy({ $0.isNumber || $0 == "." }) {
            return IPAddress(host) == nil ? "\"\(host)\" is not a valid IPv4 address" : nil
        }
        let name = host.hasSuffix(".") ? Substring(host.dropLast()) : Substring(host)
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard !label.isEmpty, label.count <= 63,
                label.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }),
                label.first != "-", label.last != "-"
            else { return "\"\(host)\" is not a valid host name" }
        }
        if let top = labels.last?.first, !top.isLetter {
            return "the last label of \"\(host)\" must start with a letter"
        }
        return nil
    }
}
