import SIPCapture

/// The registration's checks: the address of record (RFC 3261 section 10.2.1), the transport
/// and port of the registrar (RFC 3261 section 19.1.2), and whether the registrar resolves.
extension ConfigurationLint {
    /// `sipdiag registration set` needs the password with every change.
    static let passwordOption = "--password-file <file>"

    static func lintRegistration(_ registration: RegistrationSettings, cache: inout ResolutionCache) -> [Finding] {
        var findings: [Finding] = []
        let aorEvidence = FindingEvidence(text: "registration.aor: \(registration.aor)")
        // Split here rather than with aorUser and aorDomain, which read "1001@" as the domain "1001".
        let bare = registration.bareAOR
        let at = bare.firstIndex(of: "@")
        let user = at.map { String(bare[..<$0]) } ?? ""
        let domain = RouteTarget(at.map { String(bare[bare.index(after: $0)...]) } ?? bare).host
        let aorIsValid = !user.isEmpty && !domain.isEmpty && RouteTarget(domain).problems.isEmpty
        if !aorIsValid {
            let missing =
                user.isEmpty
                ? "has no user part (the part before \"@\")"
                : (domain.isEmpty ? "has no domain (the part after \"@\")" : "has a domain that is not a host name")
            findings.append(
                Finding(
                    code: "config.registration-aor",
                    severity: .error,
                    summary: "The registration's address of record \"\(registration.aor)\" \(missing)",
                    explanation: "The address of record is user@domain (RFC 3261 section 10.2.1): the registrar "
                        + "files the binding under it and routes calls for it to the platform. Without both parts "
                        + "the registrar rejects the REGISTER or files it where no call looks.",
                    evidence: [aorEvidence],
                    fix: "sipdiag registration set --aor <user>@<domain> \(passwordOption), with the user and "
                        + "domain the provider gave."
                )
            )
        }
        var transportIsKnown = true
        if let transport = registration.transport, !["udp", "tcp", "tls"].contains(transport.lowercased()) {
            transportIsKnown = false
            findings.append(
                Finding(
                    code: "config.registration-transport",
                    severity: .error,
                    summary: "The registration's transport \"\(transport)\" is not UDP, TCP or TLS",
                    explanation: "The platform registers over UDP, TCP or TLS (RFC 3261 section 18); with another "
                        + "value it may not register at all.",
                    evidence: [FindingEvidence(text: "registration.transport: \(transport)")],
                    fix: "sipdiag registration set --transport udp|tcp|tls \(passwordOption)"
                )
            )
        }
        var proxyIsValid = true
        if let proxy = registration.proxy {
            let problems = RouteTarget(proxy).problems
            if !problems.isEmpty {
                proxyIsValid = false
                findings.append(
                    Finding(
                        code: "config.registration-proxy-syntax",
                        severity: .error,
                        summary: "The registration's proxy \"\(proxy)\" is not host[:port]",
                        explanation: "The proxy is where the REGISTER is sent: a host name or address with an "
                            + "optional port (RFC 3261 section 19.1.1); here "
                            + problems.joined(separator: "; ") + ".",
                        evidence: [FindingEvidence(text: "registration.proxy: \(proxy)")],
                        fix: "sipdiag registration set --proxy <host[:port]> \(passwordOption)"
                    )
                )
            }
        }
        let registrar = registration.registrar
        if transportIsKnown, let finding = portTransportFinding(registration, registrar: registrar) {
            findings.append(finding)
        }
        if aorIsValid, let finding = domainFinding(registration, domain: domain) { findings.append(finding) }
        // The registrar is the proxy when given, else the AOR's domain: resolve only a valid one.
        if (registration.proxy != nil && proxyIsValid) || (registration.proxy == nil && aorIsValid) {
            findings += registrarReachability(registration, registrar: registrar, cache: &cache)
        }
        return findings
    }

    /// TLS on 5060, or UDP or TCP on 5061 (RFC 3261 section 19.1.2's default ports swapped).
    private static func portTransportFinding(
        _ registration: RegistrationSettings,
        registrar: RouteTarget
    ) -> Finding? {
        guard let port = registrar.port else { return nil }
        let transport = registrar.transport ?? .udp
        let name = registration.transport.map { $0.uppercased() } ?? "UDP (the default)"
        var fields = [registration.proxy.map { "proxy \($0)" } ?? "no proxy (so the AOR's domain)"]
        if let written = registration.port { fields.append("port \(written)") }
        fields.append("transport \(name)")
        let evidence = FindingEvidence(text: "registration: " + fields.joined(separator: ", "))
        if port == 5061 && transport != .tls {
            return Finding(
                code: "config.registration-port-transport",
                severity: .warning,
                summary: "The registration sends \(name) to port 5061, the SIP over TLS port",
                explanation: "Port 5061 is SIP over TLS (RFC 3261 section 19.1.2); a plain REGISTER sent there is "
                    + "usually dropped by the TLS listener and the registration times out. Fine only if the "
                    + "registrar really takes plain SIP on 5061.",
                evidence: [evidence],
                fix: "sipdiag registration set --transport tls \(passwordOption) (or --port 5060 for plain SIP)"
            )
        }
        if port == 5060 && transport == .tls {
            return Finding(
                code: "config.registration-port-transport",
                severity: .warning,
                summary: "The registration uses TLS on port 5060, the plain SIP port",
                explanation: "TLS listens on 5061 and plain SIP on 5060 (RFC 3261 section 19.1.2); a TLS handshake "
                    + "to 5060 fails and the registration with it. Fine only if the registrar really takes TLS "
                    + "on 5060.",
                evidence: [evidence],
                fix: "sipdiag registration set --port 5061 \(passwordOption) (or --transport udp for plain SIP)"
            )
        }
        return nil
    }

    /// The AOR's domain, the realm and the proxy naming different domains: often right (a
    /// provider's outbound proxy, a realm that is a product name), sometimes a copy-paste slip.
    private static func domainFinding(_ registration: RegistrationSettings, domain: String) -> Finding? {
        var differences: [String] = []
        var evidence = [FindingEvidence(text: "registration.aor: \(registration.aor) (domain \(domain))")]
        if let realm = registration.realm, !realm.isEmpty, realm.lowercased() != domain {
            differences.append("the realm \"\(realm)\"")
            evidence.append(FindingEvidence(text: "registration.sipRealm: \(realm)"))
        }
        // A proxy given as an address names no domain to compare.
        if let proxy = registration.proxy, RouteTarget(proxy).address == nil {
            let host = RouteTarget(proxy).host
            if !host.isEmpty, host != domain, !host.hasSuffix("." + domain) {
                differences.append("the proxy \(host)")
                evidence.append(FindingEvidence(text: "registration.proxy: \(proxy)"))
            }
        }
        guard !differences.isEmpty else { return nil }
        return Finding(
            code: "config.registration-domain-mismatch",
            severity: .info,
            summary: "The registration's AOR domain \(domain) differs from "
                + differences.joined(separator: " and "),
            explanation: "This is often fine: providers commonly give an outbound proxy whose name differs from "
                + "the SIP domain, and a digest realm (RFC 3261 section 22.1) need not be a domain at all. If "
                + "the registration fails with 401, 403 or 404, compare these three with the provider's "
                + "settings first.",
            evidence: evidence,
            fix: "If one is a slip: sipdiag registration set --aor, --realm or --proxy with the provider's value "
                + "and \(passwordOption)."
        )
    }

    private static func registrarReachability(
        _ registration: RegistrationSettings,
        registrar: RouteTarget,
        cache: inout ResolutionCache
    ) -> [Finding] {
        let field = registration.proxy == nil ? "registration.aor (no proxy, so its domain)" : "registration.proxy"
        let written = registration.proxy ?? registration.aor
        let host = registrar.host
        guard !host.isEmpty else { return [] }
        var addresses: [IPAddress] = []
        if let address = registrar.address {
            addresses = [address]
        } else {
            switch cache.resolve(host) {
            case .failed(let reason):
                return [
                    Finding(
                        code: "config.registration-unresolved",
                        severity: .error,
                        summary: "The registrar \(host) does not resolve",
                        explanation: "The platform sends the REGISTER to \(host); without an address the "
                            + "registration fails and calls to the AOR do not reach the platform. The resolver "
                            + "said: \(reason). (sipdiag looks up A and AAAA records only; a domain served through "
                            + "SRV records alone, RFC 3263, may still work.)",
                        evidence: [FindingEvidence(text: "\(field): \(written)")],
                        fix: "Check the registrar's name with the provider, then sipdiag registration set --proxy "
                            + "<host[:port]> \(passwordOption)."
                    )
                ]
            case .addresses(let list):
                addresses = list
            }
        }
        let scopes = addresses.map(AddressScope.init)
        guard let scope = scopes.first, !scopes.contains(where: \.isGlobal) else { return [] }
        return [
            Finding(
                code: "config.registration-not-global",
                severity: .error,
                summary: "The registrar \(host) is \(article(scope)) address",
                explanation: notGlobalExplanation(scope)
                    + " The platform registers over the internet, so the REGISTER cannot arrive there.",
                evidence: [
                    FindingEvidence(
                        text: "\(field): \(written) (\(addresses.map(\.description).joined(separator: ", ")))"
                    )
                ],
                fix: "sipdiag registration set --proxy <public host[:port]> \(passwordOption)"
            )
        ]
    }
}
