import Foundation
import SIPCapture
import SIPDiagnosis
import XCTest

final class AccountConfigTests: XCTestCase {
    /// The example of issue 6, plus a platform list, a password and an unknown field.
    private let example = """
        {"whitelist": [{"ip": "198.51.100.4", "label": "Office PBX", "userId": 3}, "198.51.100.5"],
         "routes": ["203.0.113.10:5060;transport=udp"],
         "registration": {"aor": "1001@sip.example.com", "username": "1001", "password": "s3cret-pw",
                          "proxy": "sip.example.com:5061", "transport": "TLS", "sipRealm": "sip.example.com"},
         "platform": ["198.51.100.20"], "comment": "ignored"}
        """

    func testDecodesTheThreePayloadsAndThePlatform() throws {
        let config = try AccountConfig.decode(Data(example.utf8))
        XCTAssertEqual(config.whitelist?.map(\.ip), ["198.51.100.4", "198.51.100.5"])
        XCTAssertEqual(config.whitelist?.first?.label, "Office PBX")
        XCTAssertNil(config.whitelist?.last?.label)
        XCTAssertEqual(config.routes?.map(\.host), ["203.0.113.10"])
        XCTAssertEqual(config.routes?.first?.port, 5060)
        XCTAssertEqual(config.routes?.first?.transport, .udp)
        XCTAssertEqual(config.registration?.aor, "1001@sip.example.com")
        XCTAssertEqual(config.registration?.realm, "sip.example.com")
        XCTAssertEqual(config.registration?.registrar.host, "sip.example.com")
        XCTAssertEqual(config.registration?.registrar.effectivePort, 5061)
        XCTAssertEqual(config.registration?.registrar.effectiveTransport, .tls)
        XCTAssertEqual(config.platformAddresses, ["198.51.100.20"])
    }

    func testAbsentPartsStayUnknownAndEmptyListsStayEmpty() throws {
        let config = try AccountConfig.decode(Data(#"{"whitelist": [], "registration": null}"#.utf8))
        XCTAssertEqual(config.whitelist, [])
        XCTAssertNil(config.routes)
        XCTAssertNil(config.registration)
    }

    func testEncodedFileReadsBackEqualAndHoldsNoPassword() throws {
        let config = try AccountConfig.decode(Data(example.utf8))
        let data = config.encoded()
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertFalse(text.contains("s3cret-pw"))
        XCTAssertFalse(text.contains("password"))
        XCTAssertTrue(text.hasSuffix("}\n"))
        XCTAssertEqual(try AccountConfig.decode(data), config)
        XCTAssertEqual(config.encoded(), data, "the same configuration gives the same bytes")
    }

    func testErrorsNameTheFieldAndWhatWasFound() {
        let cases: [(String, String)] = [
            (
                #"{"whitelist": [{"ip": "198.51.100.4"}, {"ip": 7}]}"#,
                "whitelist[1].ip: expected a string, found the number 7"
            ),
            (#"{"whitelist": {"ip": "198.51.100.4"}}"#, "whitelist: expected a list, found an object"),
            (#"{"whitelist": [{"label": "x"}]}"#, "whitelist[0].ip: missing"),
            (#"{"routes": ["a", true]}"#, "routes[1]: expected a string, found a boolean"),
            (#"{"registration": {"username": "1001"}}"#, "registration.aor: missing"),
            (#"{"registration": {"aor": "1@x", "port": "five"}}"#, "registration.port: expected a whole number"),
            (
                #"{"whitelist": [{"ip": "198.51.100.4", "transport": "carrier-pigeon"}]}"#,
                "whitelist[0].transport: \"carrier-pigeon\""
            ),
            (#"["198.51.100.4"]"#, "expected an object"),
            (#"{"whitelist": [}"#, "not valid JSON"),
        ]
        for (json, expected) in cases {
            XCTAssertThrowsError(try AccountConfig.decode(Data(json.utf8)), json) { error in
                XCTAssertTrue("\(error)".hasPrefix(expected) || "\(error)".contains(expected), "\(json): \(error)")
            }
        }
    }

    func testWhitelistEntriesTakeBlocksAndPorts() throws {
        let block = WhitelistItem(ip: "198.51.100.0/28")
        XCTAssertTrue(try block.admitsAddress(XCTUnwrap(IPAddress("198.51.100.15"))))
        XCTAssertFalse(try block.admitsAddress(XCTUnwrap(IPAddress("198.51.100.16"))))
        let withPort = WhitelistItem(ip: "198.51.100.4:5080")
        XCTAssertEqual(withPort.port, 5080)
        let address = try XCTUnwrap(IPAddress("198.51.100.4"))
        XCTAssertTrue(withPort.admits(Endpoint(address: address, port: 5080), over: .udp))
        XCTAssertFalse(withPort.admits(Endpoint(address: address, port: 5060), over: .udp))
        XCTAssertNil(WhitelistItem(ip: "not-an-address").network)
        XCTAssertNil(WhitelistItem(ip: "198.51.100.4/33").network)
        let v6 = WhitelistItem(ip: "[2001:db8::4]:5061", transport: .tls)
        XCTAssertEqual(v6.port, 5061)
        XCTAssertFalse(try v6.admits(Endpoint(address: XCTUnwrap(IPAddress("2001:db8::4")), port: 5061), over: .tcp))
    }

    func testRoutesSayWhatIsWrong() {
        XCTAssertEqual(RouteTarget("203.0.113.10:5060;transport=udp").problems, [])
        XCTAssertEqual(RouteTarget("[2001:db8::1]:5061;transport=tls").host, "2001:db8::1")
        XCTAssertEqual(RouteTarget("Carrier.Example.COM").host, "carrier.example.com")
        XCTAssertEqual(RouteTarget("carrier.example.com").effectivePort, 5060)
        XCTAssertEqual(RouteTarget("carrier.example.com;transport=tls").effectivePort, 5061)
        XCTAssertEqual(RouteTarget("sip:203.0.113.10").problems, ["leave out the \"sip:\" scheme"])
        XCTAssertEqual(
            RouteTarget("203.0.113.10:70000").problems,
            ["the port must be a number from 1 to 65535, not \"70000\""]
        )
        XCTAssertEqual(
            RouteTarget("203.0.113.10;transport=sctp").problems,
            ["the transport \"sctp\" is not one of udp, tcp, tls"]
        )
        XCTAssertEqual(
            RouteTarget("2001:db8::1").problems,
            ["an IPv6 address must be in brackets, as in [2001:db8::1]"]
        )
        XCTAssertEqual(RouteTarget("203.0.113.300").problems, ["\"203.0.113.300\" is not a valid IPv4 address"])
        XCTAssertEqual(RouteTarget("bad_host.example").problems, ["\"bad_host.example\" is not a valid host name"])
        XCTAssertEqual(RouteTarget("").problems, ["the route is empty"])
        XCTAssertEqual(RouteTarget("[2001:db8::1").problems, ["the IPv6 address has no closing \"]\""])
    }

    func testAddressScopes() throws {
        let expectations: [(String, AddressScope)] = [
            ("203.0.113.7", .global), ("8.8.8.8", .global), ("10.1.2.3", .privateNetwork),
            ("172.16.0.1", .privateNetwork), ("172.32.0.1", .global), ("192.168.1.10", .privateNetwork),
            ("100.64.0.1", .sharedCarrierNAT), ("127.0.0.1", .loopback), ("169.254.1.1", .linkLocal),
            ("0.0.0.0", .unspecified), ("224.0.0.1", .multicast), ("240.0.0.1", .reserved),
            ("198.18.0.1", .reserved), ("::1", .loopback), ("fd00::1", .privateNetwork), ("fe80::1", .linkLocal),
            ("2001:db8::1", .global), ("::ffff:10.0.0.1", .privateNetwork), ("::", .unspecified),
        ]
        for (text, scope) in expectations {
            XCTAssertEqual(AddressScope(try XCTUnwrap(IPAddress(text))), scope, text)
        }
    }

    func testRegistrationSettingsDeriveUserDomainAndRegistrar() {
        let settings = RegistrationSettings(aor: "sip:1001@Sip.Example.com;transport=tcp", port: 5080, transport: "TCP")
        XCTAssertEqual(settings.aorUser, "1001")
        XCTAssertEqual(settings.aorDomain, "sip.example.com")
        XCTAssertEqual(settings.expectedDigestUsername, "1001")
        XCTAssertEqual(settings.registrar.host, "sip.example.com")
        XCTAssertEqual(settings.registrar.effectivePort, 5080)
        XCTAssertEqual(settings.registrar.effectiveTransport, .tcp)
    }
}
