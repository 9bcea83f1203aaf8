import Foundation

/// Checks of what the user typed, before anything is sent: pure functions, no network.
public enum VidaValidation {
    /// Whether `text` is an IPv4 address in dotted-quad form or an IPv6 address (RFC 4291 section
    /// 2.2), with the semantics of POSIX `inet_pton`: no CIDR suffix, no zone (`%eth0`), no
    /// brackets, no leading zeros in IPv4 parts. The whitelist takes plain IP addresses
    /// (vida-openapi.json: "IP address to whitelist").
    public static func isIPAddress(_ text: String) -> Bool {
        isIPv4(text) || isIPv6(text)
    }

    /// Checks an outbound route `host[:port][;transport=udp|tcp|tls]` (the host and transport of a
    /// SIP URI, RFC 3261 section 19.1.1; hostnames per RFC 1123 section 2.1) and returns it in
    /// canonical form.
    ///
    /// - Throws: ``VidaError/Kind/configuration`` saying exactly what is wrong and what a valid
    ///   route looks like.
    public static func checkRoute(_ text: String) throws(VidaError) -> OutboundRoute {
        let input = text.trimmingSpaces()
        func fail(_ reason: String) -> VidaError {
            VidaError(
                kind: .configuration,
                message: "Invalid route \"\(text)\": \(reason). A route is host[:port][;transport=udp|tcp|tls], "
                    + "for example 203.0.113.5:5060;transport=udp, sip.example.com or [2001:db8::1]:5061;transport=tls."
            )
        }
        guard !input.isEmpty else { throw fail("it is empty") }
        if input.lowercased().hasPrefix("sip:") || input.lowercased().hasPrefix("sips:") {
            throw fail("leave out the \"sip:\" scheme")
        }
        if input.contains("@") { throw fail("a route has no user part (\"user@\")") }
        if input.contains(where: { $0 == " " || $0 == "\t" }) { throw fail("it contains a space") }

        // Split off the parameters: only ;transport= is meaningful to the API.
        var parameters = input.split(separator: ";", omittingEmptySubsequences: false)
        let hostPort = String(parameters.removeFirst())
        var transport: String?
        for parameter in parameters {
            let pieces = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = pieces[0].lowercased()
            guard name == "transport" else {
                throw fail(
                    parameter.isEmpty
                        ? "there is an empty parameter (\";;\" or a trailing \";\")"
                        : "the parameter \"\(parameter)\" is not accepted (only ;transport=)"
                )
            }
            guard transport == nil else { throw fail("transport is given twice") }
            let value = pieces.count == 2 ? pieces[1].lowercased() : ""
            guard ["udp", "tcp", "tls"].contains(value) else {
                throw fail("transport must be udp, tcp or tls, not \"\(pieces.count == 2 ? String(pieces[1]) : "")\"")
            }
            transport = value
        }

        // Host and port.
        var host: String
        var portText: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw fail("the IPv6 address has no closing \"]\"") }
            let address = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            guard isIPv6(address) else { throw fail("\"\(address)\" is not a valid IPv6 address") }
            host = "[" + address.lowercased() + "]"
            let rest = hostPort[hostPort.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw fail("unexpected \"\(rest)\" after the IPv6 address") }
                portText = rest.dropFirst()
            }
        } else {
            let colons = hostPort.filter { $0 == ":" }.count
            if colons > 1 {
                throw fail(
                    isIPv6(hostPort)
                        ? "an IPv6 address must be in brackets, as in [\(hostPort)]"
                        : "\"\(hostPort)\" has more than one \":\""
                )
            }
            if colons == 1, let colon = hostPort.firstIndex(of: ":") {
                host = String(hostPort[..<colon])
                portText = hostPort[hostPort.index(after: colon)...]
            } else {
                host = hostPort
            }
            guard !host.isEmpty else { throw fail("the host is missing") }
            if looksNumeric(host) {
                guard isIPv4(host) else { throw fail("\"\(host)\" is not a valid IPv4 address") }
            } else {
                if let reason = hostnameProblem(host) { throw fail(reason) }
                host = host.lowercased()
            }
        }
        var port: Int?
        if let portText {
            guard !portText.isEmpty else { throw fail("the port after \":\" is missing") }
            guard portText.allSatisfy(\.isASCIIDigit), portText.count <= 5, let value = Int(portText),
                (1...65535).contains(value)
            else { throw fail("the port must be a number from 1 to 65535, not \"\(portText)\"") }
            port = value
        }
        return OutboundRoute(host: host, port: port, transport: transport)
    }

    // MARK: - Addresses

    /// Four decimal parts 0...255 without leading zeros, as glibc's `inet_pton(AF_INET)` accepts.
    static func isIPv4<S: StringProtocol>(_ text: S) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCIIDigit) else { return false }
            guard part.count == 1 || part.first != "0" else { return false }
            guard let value = Int(part), value <= 255 else { return false }
        }
        return true
    }

    /// RFC 4291 section 2.2 text forms: eight groups of 1-4 hex digits, one `::` for a run of
    /// zero groups, and an IPv4 dotted quad in place of the last two groups.
    static func isIPv6<S: StringProtocol>(_ text: S) -> Bool {
        let text = String(text)
        guard !text.isEmpty, text.count <= 45 else { return false }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        func groups(_ part: String, allowIPv4Tail: Bool) -> Int? {
            if part.isEmpty { return 0 }
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            var count = 0
            for (index, piece) in pieces.enumerated() {
                if allowIPv4Tail, index == pieces.count - 1, piece.contains(".") {
                    guard isIPv4(piece) else { return nil }
                    count += 2
                } else {
                    guard (1...4).contains(piece.count), piece.allSatisfy({ $0.isASCII && $0.isHexDigit }) else {
                        return nil
                    }
                    count += 1
                }
            }
            return count
        }
        if halves.count == 1 {
            return groups(text, allowIPv4Tail: true) == 8
        }
        guard let head = groups(halves[0], allowIPv4Tail: false), let tail = groups(halves[1], allowIPv4Tail: true)
        else { return false }
        return head + tail <= 7
    }

    // MARK: - Host names

    private static func looksNumeric(_ host: String) -> Bool {
        host.allSatisfy { $0.isASCIIDigit || $0 == "." }
    }

    /// Why `host` is not a host name (RFC 1123 section 2.1, RFC 3261 `hostname`), or nil.
    private static func hostnameProblem(_ host: String) -> String? {
        var name = Substring(host)
        if name.hasSuffix(".") { name = name.dropLast() }
        guard !name.isEmpty else { return "the host is missing" }
        guard name.count <= 253 else { return "the host name is longer than 253 characters" }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard !label.isEmpty else { return "the host name \"\(host)\" has an empty label (\"..\")" }
            guard label.count <= 63 else { return "the host name label \"\(label)\" is longer than 63 characters" }
            guard label.allSatisfy({ $0.isASCIILetterOrDigit || $0 == "-" }) else {
                return "the host name \"\(host)\" may hold only letters, digits, \"-\" and \".\""
            }
            guard label.first != "-", label.last != "-" else {
                return "the host name label \"\(label)\" starts or ends with \"-\""
            }
        }
        // RFC 3261's toplabel starts with a letter, which keeps "1.2.3.4.5" from passing as a name.
        if let top = labels.last, let first = top.first, !first.isASCIILetter {
            return "the last label of the host name \"\(host)\" must start with a letter"
        }
        return nil
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIILetterOrDigit: Bool { isASCIIDigit || isASCIILetter }
}
