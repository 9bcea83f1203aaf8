import Foundation
import SIPCapture

/// Checks of the account's configuration on its own, before any call: whitelist entries that
/// cannot match, outbound routes the platform cannot use, and registration settings that
/// contradict each other (`sipdiag check`).
///
/// Each finding has a stable `config.*` code, no Call-ID, and evidence naming the entry as the
/// account file does (`whitelist[1]: 10.0.0.5 (Office PBX)`, 0-based).
public enum ConfigurationLint {
    /// Every finding on `config`, in the order of the configuration (whitelist, routes,
    /// registration); ``Finding/ordered(_:)`` sorts them for output.
    ///
    /// - Parameter resolver: resolves the routes' and the registrar's host names; pass a
    ///   ``FixedHostResolver`` to work offline.
    public static func lint(_ config: AccountConfig, resolver: any HostResolver) -> [Finding] {
        var cache = ResolutionCache(resolver: resolver)
        var findings: [Finding] = []
        if let whitelist = config.whitelist { findings += lintWhitelist(whitelist) }
        if let routes = config.routes { findings += lintRoutes(routes, cache: &cache) }
        if let registration = config.registration { findings += lintRegistration(registration, cache: &cache) }
        return findings
    }

    // MARK: - Whitelist

    static func lintWhitelist(_ whitelist: [WhitelistItem]) -> [Finding] {
        guard !whitelist.isEmpty else {
            return [
                Finding(
                    code: "config.empty-whitelist",
                    severity: .info,
                    summary: "The SIP IP whitelist is empty",
                    explanation:
                        "The platform accepts SIP only from whitelisted addresses, so no PBX or carrier can send "
                        + "calls in by address. That is fine for an account that only registers (its calls come in "
                        + "over the registration) or only sends calls out.",
                    evidence: [FindingEvidence(text: "whitelist: no entries")],
                    fix: "To receive calls from a PBX or carrier by address: sipdiag whitelist add <public ip> "
                        + "--label <what it is>"
                )
            ]
        }
        var findings: [Finding] = []
        var seen: [(index: Int, item: WhitelistItem)] = []
        for (index, item) in whitelist.enumerated() {
            let evidence = FindingEvidence(text: "whitelist[\(index)]: \(item)")
            guard let network = item.network else {
                findings.append(
                    Finding(
                        code: "config.whitelist-invalid",
                        severity: .error,
                        summary: "Whitelist entry \"\(item.ip)\" is not an IP address",
                        explanation:
                            "A whitelist entry is an IPv4 or IPv6 address; this one matches no packet, so the "
                            + "equipment it was meant for is refused.",
                        evidence: [evidence],
                        fix:
                            "Add the address meant: sipdiag whitelist add <ip> --label \(quoted(item.label ?? "PBX")); "
                            + "then delete the malformed entry (in the portal if 'sipdiag whitelist remove' refuses "
                            + "it, since it takes valid addresses only)."
                    )
                )
                continue
            }
            if let earlier = seen.first(where: { sameEntry($0.item, item) }) {
                findings.append(
                    Finding(
                        code: "config.whitelist-duplicate",
                        severity: .info,
                        summary: "Whitelist entry \(item.ip) repeats whitelist[\(earlier.index)]",
                        explanation:
                            "The same address is listed twice. Harmless for calls, but removing one later leaves "
                            + "the other, or removes both, which is confusing.",
                        evidence: [FindingEvidence(text: "whitelist[\(earlier.index)]: \(earlier.item)"), evidence],
                        fix: "Keep one: sipdiag whitelist remove \(item.ip), then sipdiag whitelist list to see "
                            + "what is left (add it back with sipdiag whitelist add if both went)."
                    )
                )
            } else {
                seen.append((index, item))
            }
            let scope = AddressScope(network.address)
            if !scope.isGlobal {
                findings.append(
                    Finding(
                        code: "config.whitelist-not-global",
                        severity: .warning,
                        summary:
                            "Whitelist entry \(item.ip) is \(article(scope)) address, never seen from the internet",
                        explanation: notGlobalExplanation(scope)
                            + " The platform sees the public address of the NAT or firewall in front of the PBX, "
                            + "so this entry never matches.",
                        evidence: [evidence],
                        fix: "Whitelist the public address the PBX's SIP leaves from (ask the network's admin, or "
                            + "look at the source of its SIP in a capture): sipdiag whitelist add <public ip> "
                            + "--label \(quoted(item.label ?? "PBX")), then sipdiag whitelist remove \(item.ip)."
                    )
                )
            }
        }
        return findings
    }

    /// Same block, port and transport: entries that admit exactly the same packets.
    private static func sameEntry(_ a: WhitelistItem, _ b: WhitelistItem) -> Bool {
        a.network == b.network && a.port == b.port && a.transport == b.transport
    }

    // MARK: - Routes

    static func lintRoutes(_ routes: [RouteTarget], cache: inout ResolutionCache) -> [Finding] {
        var findings: [Finding] = []
        var seen: [(index: Int, route: RouteTarget)] = []
        for (index, route) in routes.enumerated() {
            let evidence = FindingEvidence(text: "routes[\(index)]: \(route.text)")
            guard route.problems.isEmpty else {
                findings.append(
                    Finding(
                        code: "config.route-syntax",
                        severity: .error,
                        summary: "Outbound route \"\(route.text)\" is not a valid route",
                        explanation: "A route is host[:port][;transport=udp|tcp|tls] (the host, port and transport "
                            + "of a SIP URI, RFC 3261 section 19.1.1); here "
                            + route.problems.joined(separator: "; ")
                            + ". The platform may not be able to send calls there.",
                        evidence: [evidence],
                        fix: "Add the corrected route, e.g. sipdiag routes add '203.0.113.10:5060;transport=udp'; "
                            + "then delete this one (in the portal if 'sipdiag routes remove' refuses it, since it "
                            + "checks routes the same way)."
                    )
                )
                continue
            }
            if let earlier = seen.first(where: { sameRoute($0.route, route) }) {
                findings.append(
                    Finding(
                        code: "config.route-duplicate",
                        severity: .warning,
                        summary: "Outbound route \(route.text) goes where routes[\(earlier.index)] goes",
                        explanation: "Both routes send calls to \(target(route)). When that destination fails, "
                            + "the platform tries it again instead of failing over, which doubles the wait.",
                        evidence: [FindingEvidence(text: "routes[\(earlier.index)]: \(earlier.route.text)"), evidence],
                        fix: "sipdiag routes remove \(shellQuoted(route.text))"
                    )
                )
            } else {
                seen.append((index, route))
            }
            if let finding = portTransportFinding(route, evidence: evidence) { findings.append(finding) }
            findings += reachabilityFindings(route, evidence: evidence, cache: &cache)
        }
        return findings
    }

    /// Host (resolved if it is a name), port and transport, as calls take them (RFC 3263 section 4
    /// for the transport and port defaults).
    private static func sameRoute(_ a: RouteTarget, _ b: RouteTarget) -> Bool {
        a.host == b.host && a.effectivePort == b.effectivePort && a.effectiveTransport == b.effectiveTransport
    }

    private static func target(_ route: RouteTarget) -> String {
        "\(route.host) port \(route.effectivePort) over \(route.effectiveTransport.rawValue.uppercased())"
    }

    /// 5061 is the default port of SIP over TLS and 5060 of SIP over UDP and TCP (RFC 3261 section
    /// 19.1.2): a port given with the other transport is usually a mix-up.
    private static func portTransportFinding(_ route: RouteTarget, evidence: FindingEvidence) -> Finding? {
        guard let port = route.port else { return nil }
        let transport = route.effectiveTransport
        let written = route.transportName == nil ? "no transport (so UDP)" : "transport \(transport.rawValue)"
        if port == 5061 && (transport == .udp || transport == .tcp) {
            var host = route.host
            if route.address?.isIPv6 == true { host = "[\(host)]" }
            return Finding(
                code: "config.route-port-transport",
                severity: .warning,
                summary: "Outbound route \(route.text) uses port 5061 with \(written)",
                explanation: "Port 5061 is SIP over TLS (RFC 3261 section 19.1.2). Plain SIP sent there is "
                    + "usually rejected by the TLS listener, so calls time out; if the PBX really listens for "
                    + "plain SIP on 5061 this is fine.",
                evidence: [evidence],
                fix: "If the PBX expects TLS: sipdiag routes add '\(host):5061;transport=tls', then sipdiag "
                    + "routes remove \(shellQuoted(route.text))."
            )
        }
        if port == 5060 && transport == .tls {
            var host = route.host
            if route.address?.isIPv6 == true { host = "[\(host)]" }
            return Finding(
                code: "config.route-port-transport",
                severity: .warning,
                summary: "Outbound route \(route.text) uses TLS on port 5060",
                explanation: "Port 5060 is plain SIP over UDP and TCP; TLS listens on 5061 (RFC 3261 section "
                    + "19.1.2). A TLS handshake to a plain SIP port fails, so calls fail; if the PBX really "
                    + "listens for TLS on 5060 this is fine.",
                evidence: [evidence],
                fix: "sipdiag routes add '\(host):5061;transport=tls', then sipdiag routes remove "
                    + "\(shellQuoted(route.text))."
            )
        }
        return nil
    }

    /// A route the platform cannot reach: a private or special address (RFC 1918, RFC 6598,
    /// RFC 6890), or a name without addresses.
    private static func reachabilityFindings(
        _ route: RouteTarget,
        evidence: FindingEvidence,
        cache: inout ResolutionCache
    ) -> [Finding] {
        let addresses: [IPAddress]
        var resolvedNote = ""
        if let address = route.address {
            addresses = [address]
        } else {
            switch cache.resolve(route.host) {
            case .failed(let reason):
                return [
                    Finding(
                        code: "config.route-unresolved",
                        severity: .error,
                        summary: "Outbound route \(route.text): \(route.host) does not resolve",
                        explanation: "The platform looks the name up before each call; with no address it cannot "
                            + "send the call, which fails before any SIP is sent. The resolver said: \(reason).",
                        evidence: [evidence],
                        fix: "Create the DNS A (or AAAA) record for \(route.host), or replace the route with the "
                            + "PBX's public address: sipdiag routes add '<public ip>:\(route.effectivePort);"
                            + "transport=\(route.effectiveTransport.rawValue)', then sipdiag routes remove "
                            + "\(shellQuoted(route.text))."
                    )
                ]
            case .addresses(let list):
                addresses = list
                resolvedNote =
                    " (resolves to \(list.map(\.description).joined(separator: ", ")))"
            }
        }
        let scopes = addresses.map(AddressScope.init)
        guard !scopes.isEmpty, !scopes.contains(where: \.isGlobal), let scope = scopes.first else { return [] }
        return [
            Finding(
                code: "config.route-not-global",
                severity: .error,
                summary:
                    "Outbound route \(route.text) is \(article(scope)) address\(resolvedNote.isEmpty ? "" : " by DNS")",
                explanation: notGlobalExplanation(scope)
                    + " The platform sends calls over the internet, so they cannot arrive there.",
                evidence: [FindingEvidence(text: evidence.text + resolvedNote)],
                fix: "Route to the public address of the PBX's firewall, with the SIP port forwarded to the PBX: "
                    + "sipdiag routes add '<public ip>:\(route.effectivePort);transport="
                    + "\(route.effectiveTransport.rawValue)', then sipdiag routes remove \(shellQuoted(route.text))."
            )
        ]
    }

    // MARK: - Words

    static func notGlobalExplanation(_ scope: AddressScope) -> String {
        switch scope {
        case .privateNetwork: "It is a private address (RFC 1918, RFC 4193), used only inside a local network."
        case .sharedCarrierNAT:
            "It is in the shared address space of carrier-grade NAT (RFC 6598), used only inside an ISP's network."
        case .loopback: "It is a loopback address (RFC 1122 section 3.2.1.3), the host itself."
        case .linkLocal: "It is a link-local address (RFC 3927, RFC 4291 section 2.5.6), valid on one link only."
        case .unspecified: "It is the unspecified address (0.0.0.0 or ::), which is no host."
        case .multicast: "It is a multicast address, which no single host has."
        case .reserved: "It is in a special-purpose block that is not routed on the internet (RFC 6890)."
        case .global: "It is a public address."
        }
    }

    /// "a private", "an unspecified".
    static func article(_ scope: AddressScope) -> String {
        scope == .unspecified ? "an \(scope)" : "a \(scope)"
    }

    static func quoted(_ text: String) -> String { "\"\(text.replacingOccurrences(of: "\"", with: "'"))\"" }

    /// `text` in single quotes for a POSIX shell (routes hold `;`).
    public static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
