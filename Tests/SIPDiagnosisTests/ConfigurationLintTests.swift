import SIPCapture
import SIPDiagnosis
import Testing

/// Every `config.*` code, found where it applies and not where it does not, with names resolved
/// from a fixed table (no network).
@Suite struct ConfigurationLintTests {
    static let resolver = FixedHostResolver([
        "pbx.example.com": [IPAddress("203.0.113.10")].compactMap { $0 },
        "sip.example.com": [IPAddress("198.51.100.20")].compactMap { $0 },
        "inside.example.com": [IPAddress("192.168.1.10")].compactMap { $0 },
    ])

    static func lint(_ config: AccountConfig) -> [Finding] {
        ConfigurationLint.lint(config, resolver: resolver)
    }

    static func codes(_ config: AccountConfig) -> [String] { lint(config).map(\.code) }

    static func whitelist(_ items: WhitelistItem...) -> AccountConfig { AccountConfig(whitelist: items) }

    static func routes(_ texts: String...) -> AccountConfig { AccountConfig(routes: texts.map(RouteTarget.init)) }

    static func registration(_ settings: RegistrationSettings) -> AccountConfig {
        AccountConfig(registration: settings)
    }

    @Test func aGoodConfigurationHasNoFindings() {
        let config = AccountConfig(
            whitelist: [WhitelistItem(ip: "198.51.100.4", label: "Office PBX"), WhitelistItem(ip: "2001:db8::4")],
            routes: [
                RouteTarget("203.0.113.10:5060;transport=udp"), RouteTarget("pbx.example.com:5061;transport=tls"),
            ],
            registration: RegistrationSettings(
                aor: "1001@sip.example.com",
                realm: "sip.example.com",
                proxy: "sip.example.com:5061",
                transport: "TLS"
            )
        )
        #expect(Self.lint(config) == [])
        // Unknown parts are not judged.
        #expect(Self.lint(AccountConfig()) == [])
    }

    // MARK: - Whitelist

    @Test func emptyWhitelist() throws {
        let findings = Self.lint(AccountConfig(whitelist: []))
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.code == "config.empty-whitelist")
        #expect(finding.severity == .info)
        #expect(finding.callID == nil)
        #expect(finding.fix?.contains("sipdiag whitelist add") == true)
        #expect(!Self.codes(Self.whitelist(WhitelistItem(ip: "198.51.100.4"))).contains("config.empty-whitelist"))
    }

    @Test func invalidWhitelistEntry() throws {
        let findings = Self.lint(
            Self.whitelist(WhitelistItem(ip: "198.51.100.4"), WhitelistItem(ip: "300.1.2.3", label: "Typo"))
        )
        #expect(findings.map(\.code) == ["config.whitelist-invalid"])
        let finding = try #require(findings.first)
        #expect(finding.severity == .error)
        #expect(finding.evidence.map(\.text) == ["whitelist[1]: 300.1.2.3 (Typo)"])
        #expect(Self.codes(Self.whitelist(WhitelistItem(ip: "198.51.100.0/24"))) == [])
    }

    @Test func duplicateWhitelistEntry() throws {
        let findings = Self.lint(
            Self.whitelist(
                WhitelistItem(ip: "198.51.100.4", label: "PBX"),
                WhitelistItem(ip: "203.0.113.7"),
                WhitelistItem(ip: "198.51.100.4", label: "PBX again")
            )
        )
        #expect(findings.map(\.code) == ["config.whitelist-duplicate"])
        let finding = try #require(findings.first)
        #expect(finding.severity == .info)
        #expect(
            finding.evidence.map(\.text) == [
                "whitelist[0]: 198.51.100.4 (PBX)", "whitelist[2]: 198.51.100.4 (PBX again)",
            ]
        )
        #expect(finding.fix?.contains("sipdiag whitelist remove 198.51.100.4") == true)
        // Another port is another entry.
        #expect(
            Self.codes(
                Self.whitelist(WhitelistItem(ip: "198.51.100.4"), WhitelistItem(ip: "198.51.100.4", port: 5080))
            ) == []
        )
    }

    @Test(arguments: [
        ("10.0.0.5", "private"), ("172.16.8.1", "private"), ("192.168.1.2", "private"), ("127.0.0.1", "loopback"),
        ("169.254.1.1", "link-local"), ("100.64.0.1", "carrier-grade NAT"), ("240.0.0.1", "reserved"),
        ("fd00::1", "private"), ("0.0.0.0", "unspecified"),
    ])
    func whitelistEntryNotGlobal(ip: String, scope: String) throws {
        let findings = Self.lint(Self.whitelist(WhitelistItem(ip: ip, label: "Office PBX")))
        #expect(findings.map(\.code) == ["config.whitelist-not-global"])
        let finding = try #require(findings.first)
        #expect(finding.severity == .warning)
        #expect(finding.summary.contains((scope == "unspecified" ? "an " : "a ") + "\(scope) address"))
        #expect(finding.evidence.map(\.text) == ["whitelist[0]: \(ip) (Office PBX)"])
        #expect(finding.fix?.contains("sipdiag whitelist remove \(ip)") == true)
    }

    @Test func documentationAddressesCountAsGlobal() {
        #expect(Self.codes(Self.whitelist(WhitelistItem(ip: "192.0.2.1"), WhitelistItem(ip: "8.8.8.8"))) == [])
    }

    // MARK: - Routes

    @Test func routeSyntax() throws {
        let findings = Self.lint(Self.routes("sip:pbx.example.com;transport=sctp", "203.0.113.10:5060"))
        #expect(findings.map(\.code) == ["config.route-syntax"])
        let finding = try #require(findings.first)
        #expect(finding.severity == .error)
        #expect(finding.explanation.contains("leave out the \"sip:\" scheme"))
        #expect(finding.explanation.contains("the transport \"sctp\" is not one of udp, tcp, tls"))
        #expect(finding.evidence.map(\.text) == ["routes[0]: sip:pbx.example.com;transport=sctp"])
    }

    @Test func routeDuplicate() throws {
        // No port and 5060, no transport and UDP: the same destination.
        let findings = Self.lint(Self.routes("203.0.113.10", "198.51.100.9", "203.0.113.10:5060;transport=udp"))
        #expect(findings.map(\.code) == ["config.route-duplicate"])
        let finding = try #require(findings.first)
        #expect(finding.severity == .warning)
        #expect(
            finding.evidence.map(\.text) == ["routes[0]: 203.0.113.10", "routes[2]: 203.0.113.10:5060;transport=udp"]
        )
        #expect(finding.fix == "sipdiag routes remove '203.0.113.10:5060;transport=udp'")
        #expect(Self.codes(Self.routes("203.0.113.10;transport=udp", "203.0.113.10;transport=tcp")) == [])
    }

    @Test(arguments: [
        "203.0.113.10:5061", "203.0.113.10:5061;transport=udp", "203.0.113.10:5061;transport=tcp",
        "203.0.113.10:5060;transport=tls",
    ])
    func routePortTransportMismatch(route: String) throws {
        let findings = Self.lint(Self.routes(route))
        #expect(findings.map(\.code) == ["config.route-port-transport"])
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.fix?.contains("203.0.113.10:5061;transport=tls") == true)
    }

    @Test(arguments: ["203.0.113.10:5061;transport=tls", "203.0.113.10:5060;transport=tcp", "203.0.113.10:5080"])
    func routePortTransportConsistent(route: String) {
        #expect(Self.codes(Self.routes(route)) == [])
    }

    @Test func routeNotGlobal() throws {
        let findings = Self.lint(Self.routes("10.1.2.3:5060", "inside.example.com"))
        #expect(findings.map(\.code) == ["config.route-not-global", "config.route-not-global"])
        #expect(findings.allSatisfy { $0.severity == .error })
        #expect(
            findings.map { $0.evidence.map(\.text) } == [
                ["routes[0]: 10.1.2.3:5060"], ["routes[1]: inside.example.com (resolves to 192.168.1.10)"],
            ]
        )
        #expect(findings.first?.summary.contains("private address") == true)
        #expect(Self.codes(Self.routes("pbx.example.com", "[2001:db8::10]:5060")) == [])
    }

    @Test func routeUnresolved() throws {
        let findings = Self.lint(Self.routes("nowhere.example.net:5060;transport=tcp"))
        #expect(findings.map(\.code) == ["config.route-unresolved"])
        let finding = try #require(findings.first)
        #expect(finding.severity == .error)
        #expect(finding.explanation.contains("nowhere.example.net is not in the table of known hosts"))
        // A syntax error is reported instead of looking the name up.
        #expect(Self.codes(Self.routes("nowhere.example.net:99999")) == ["config.route-syntax"])
    }

    // MARK: - Registration

    @Test(arguments: ["sip.example.com", "1001@", "@sip.example.com", "sip:1001@bad_domain"])
    func registrationAOR(aor: String) throws {
        let findings = Self.lint(Self.registration(RegistrationSettings(aor: aor, proxy: "sip.example.com")))
        #expect(findings.map(\.code) == ["config.registration-aor"])
        #expect(findings.first?.severity == .error)
        #expect(findings.first?.evidence.map(\.text) == ["registration.aor: \(aor)"])
        #expect(findings.first?.fix?.contains("sipdiag registration set --aor") == true)
    }

    @Test func registrationDomainMismatchIsInformation() throws {
        let settings = RegistrationSettings(
            aor: "1001@voip.example.org",
            realm: "asterisk",
            proxy: "sip.example.com:5060"
        )
        let findings = Self.lint(Self.registration(settings))
        #expect(findings.map(\.code) == ["config.registration-domain-mismatch"])
        let finding = try #require(findings.first)
        #expect(finding.severity == .info)
        #expect(finding.summary.contains("the realm \"asterisk\" and the proxy sip.example.com"))
        #expect(finding.explanation.contains("outbound proxy"))
        // A proxy inside the AOR's domain is not a mismatch.
        let inside = RegistrationSettings(aor: "1001@example.com", realm: "example.com", proxy: "pbx.example.com")
        #expect(Self.codes(Self.registration(inside)) == [])
        // Nor is a proxy given as an address.
        let address = RegistrationSettings(aor: "1001@example.com", proxy: "198.51.100.20:5060")
        #expect(Self.codes(Self.registration(address)) == [])
    }

    @Test(arguments: [
        RegistrationSettings(aor: "1001@sip.example.com", port: 5060, transport: "TLS"),
        RegistrationSettings(aor: "1001@sip.example.com", proxy: "sip.example.com:5061", transport: "UDP"),
        RegistrationSettings(aor: "1001@sip.example.com", proxy: "sip.example.com:5061"),
        RegistrationSettings(aor: "1001@sip.example.com", port: 5061, transport: "tcp"),
    ])
    func registrationPortTransport(settings: RegistrationSettings) throws {
        let findings = Self.lint(Self.registration(settings))
        #expect(findings.map(\.code) == ["config.registration-port-transport"])
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.fix?.contains("sipdiag registration set") == true)
        var fixed = settings
        fixed.transport = "TLS"
        fixed.port = 5061
        fixed.proxy = nil
        #expect(Self.codes(Self.registration(fixed)) == [])
    }

    @Test func registrationUnknownTransport() throws {
        let findings = Self.lint(
            Self.registration(RegistrationSettings(aor: "1001@sip.example.com", port: 5061, transport: "SCTP"))
        )
        // The port is not judged against a transport that is not known.
        #expect(findings.map(\.code) == ["config.registration-transport"])
        #expect(findings.first?.severity == .error)
        #expect(findings.first?.evidence.map(\.text) == ["registration.transport: SCTP"])
    }

    @Test func registrationProxySyntax() throws {
        let findings = Self.lint(
            Self.registration(RegistrationSettings(aor: "1001@sip.example.com", proxy: "sip.example.com:50a60"))
        )
        #expect(findings.map(\.code) == ["config.registration-proxy-syntax"])
        #expect(findings.first?.explanation.contains("the port must be a number from 1 to 65535") == true)
    }

    @Test func registrationUnresolved() throws {
        let withProxy = Self.lint(
            Self.registration(RegistrationSettings(aor: "1001@sip.example.com", proxy: "proxy.example.net"))
        )
        #expect(withProxy.map(\.code) == ["config.registration-domain-mismatch", "config.registration-unresolved"])
        #expect(withProxy.last?.severity == .error)
        #expect(withProxy.last?.explanation.contains("proxy.example.net is not in the table of known hosts") == true)
        #expect(withProxy.last?.evidence.map(\.text) == ["registration.proxy: proxy.example.net"])
        // Without a proxy, the AOR's domain is the registrar.
        let withoutProxy = Self.lint(Self.registration(RegistrationSettings(aor: "1001@voip.example.net")))
        #expect(withoutProxy.map(\.code) == ["config.registration-unresolved"])
    }

    @Test func registrationNotGlobal() throws {
        let findings = Self.lint(Self.registration(RegistrationSettings(aor: "1001@inside.example.com")))
        #expect(findings.map(\.code) == ["config.registration-not-global"])
        #expect(findings.first?.evidence.first?.text.contains("192.168.1.10") == true)
    }

    @Test func eachNameIsResolvedOnce() {
        let counter = CountingResolver()
        _ = ConfigurationLint.lint(
            AccountConfig(
                routes: [RouteTarget("pbx.example.com"), RouteTarget("PBX.example.com:5080")],
                registration: RegistrationSettings(aor: "1@example.com", proxy: "pbx.example.com")
            ),
            resolver: counter
        )
        #expect(counter.names == ["pbx.example.com"])
    }
}

/// Records the names asked for.
final class CountingResolver: HostResolver, @unchecked Sendable {
    // Only read after the synchronous lint returns, on the same thread.
    private(set) var names: [String] = []

    func resolve(_ host: String) -> HostResolution {
        names.append(host)
        return .addresses([IPAddress("203.0.113.10")].compactMap { $0 })
    }
}
