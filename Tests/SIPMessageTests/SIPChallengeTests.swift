import Testing

@testable import SIPMessage

@Suite struct SIPChallengeTests {
    /// RFC 3261 section 20.44 example.
    static let rfc3261 = """
        Digest realm="atlanta.com", domain="sip:boxesbybob.com", qop="auth", \
        nonce="f84f1cec41e6cbe5aea9c8e88d359", opaque="", stale=FALSE, algorithm=MD5
        """
    /// RFC 7616 section 3.9.1 example.
    static let rfc7616 = """
        Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, \
        nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", \
        opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
        """

    @Test func rfc3261Example() throws {
        let challenge = try SIPChallenge.parse(headerValue(Self.rfc3261), limits: .default)
        #expect(challenge.scheme == "Digest")
        #expect(challenge.isDigest)
        #expect(challenge.realm == "atlanta.com")
        #expect(challenge.domain == ["sip:boxesbybob.com"])
        #expect(challenge.qopOptions == ["auth"])
        #expect(challenge.nonce == "f84f1cec41e6cbe5aea9c8e88d359")
        #expect(challenge.opaque == "")
        #expect(challenge.isStale == false)
        #expect(challenge.algorithm == .md5)
        #expect(challenge.hasExplicitAlgorithm)
        #expect(challenge.token68 == nil)
        #expect(challenge.notes.isEmpty)
        #expect(
            challenge.parameters.map(\.name) == ["realm", "domain", "qop", "nonce", "opaque", "stale", "algorithm"]
        )
    }

    @Test func rfc7616Example() throws {
        let challenge = try SIPChallenge.parse(headerValue(Self.rfc7616), limits: .default)
        #expect(challenge.realm == "http-auth@example.org")
        #expect(challenge.qopOptions == ["auth", "auth-int"])
        #expect(challenge.algorithm == .sha256)
        #expect(challenge.algorithm.responseHexLength == 64)
        #expect(challenge.nonce == "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v")
        #expect(challenge.opaque == "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS")
        #expect(challenge.notes.isEmpty)
    }

    @Test func defaultsAndFlags() throws {
        let challenge = try SIPChallenge.parse(
            headerValue("digest realm=\"a\",nonce=\"n\",stale=true,userhash=TRUE,domain=\"sip:a sip:b\tsip:c\""),
            limits: .default
        )
        #expect(challenge.isDigest)
        #expect(challenge.algorithm == .md5)
        #expect(!challenge.hasExplicitAlgorithm)
        #expect(challenge.isStale)
        #expect(challenge.userhash)
        #expect(challenge.domain == ["sip:a", "sip:b", "sip:c"])
        #expect(challenge.qopOptions.isEmpty)
        #expect(challenge.charset == nil)
    }

    @Test func foldingQuotedCommasAndEscapes() throws {
        // Commas inside quoted values do not split parameters; folding is LWS.
        let text = "Digest realm=\"a, \\\"b\\\"\" ,\r\n  nonce = \"x,y\",qop=\"auth-int , auth\""
        let challenge = try SIPChallenge.parse(headerValue(text), limits: .default)
        #expect(challenge.realm == "a, \"b\"")
        #expect(challenge.nonce == "x,y")
        #expect(challenge.qopOptions == ["auth-int", "auth"])
        #expect(challenge.notes.isEmpty)
    }

    @Test func otherSchemes() throws {
        // RFC 4475 section 3.3.7, regaut01.dat (the same grammar as a challenge).
        let unknown = try SIPChallenge.parse(headerValue("NoOneKnowsThisScheme opaque-data=here"), limits: .default)
        #expect(unknown.scheme == "NoOneKnowsThisScheme")
        #expect(unknown.parameters.elements == [SIPParameter(name: "opaque-data", value: "here")])
        #expect(!unknown.isDigest)
        let negotiate = try SIPChallenge.parse(headerValue("Negotiate YIIB/w+=="), limits: .default)
        #expect(negotiate.token68 == "YIIB/w+==")
        #expect(negotiate.parameters.isEmpty)
        // RFC 7235 section 2.1: a lone word after the scheme is a token68.
        #expect(try SIPChallenge.parse(headerValue("Digest realm"), limits: .default).token68 == "realm")
        let bare = try SIPChallenge.parse(headerValue("Negotiate"), limits: .default)
        #expect(bare.scheme == "Negotiate")
        #expect(
            bare.notes.map(\.message) == [
                "challenge: scheme without parameters (RFC 3261 section 25.1 needs one auth-param)"
            ]
        )
    }

    @Test func lenientNotes() throws {
        let challenge = try SIPChallenge.parse(
            headerValue("Digest realm=atlanta.com,, nonce=\"n\", algorithm=\"MD5\", realm=\"b\","),
            limits: .default
        )
        #expect(challenge.realm == "atlanta.com")
        #expect(challenge.algorithm == .md5)
        #expect(
            challenge.notes.map(\.message) == [
                "challenge: empty element between commas (RFC 3261 section 25.1)",
                "challenge: empty element between commas (RFC 3261 section 25.1)",
                "challenge: realm should be a quoted string (RFC 3261 section 25.1)",
                "challenge: algorithm should be a token, not a quoted string (RFC 3261 section 25.1)",
                "challenge: realm appears more than once; the first is used",
            ]
        )
        #expect(challenge.notes.first?.offset == headerValueBase + 24)
        let uri = try SIPChallenge.parse(headerValue("Digest realm=\"a\", domain=sip:a@b"), limits: .default)
        #expect(uri.domain == ["sip:a@b"])
        #expect(
            uri.notes.map(\.message) == [
                "challenge: auth-param value is neither a token nor a quoted string (RFC 3261 section 25.1)",
                "challenge: domain should be a quoted string (RFC 3261 section 25.1)",
            ]
        )
    }

    @Test func severalChallenges() throws {
        let text =
            "Digest realm=\"a\", nonce=\"1\", algorithm=SHA-256, Digest realm=\"a\", nonce=\"2\", Basic realm=\"b\""
        let all = try SIPChallenge.parseAll(headerValue(text), limits: .default)
        #expect(all.map(\.scheme) == ["Digest", "Digest", "Basic"])
        #expect(all.map(\.nonce) == ["1", "2", nil])
        #expect(all.map(\.algorithm) == [.sha256, .md5, .md5])
        expectError(text, .invalidHeaderValue, "another challenge or an auth-param without '='", offset: 48) {
            value throws(SIPParseError) in
            try SIPChallenge.parse(value, limits: .default)
        }
        let withToken68 = try SIPChallenge.parseAll(headerValue("Negotiate abc=, Basic realm=\"x\""), limits: .default)
        #expect(withToken68.map(\.token68) == ["abc=", nil])
        var limits = SIPParseLimits()
        limits.maxListElements = 2
        expectError(text, .limitExceeded, "more than 2 challenges", offset: 77) { value throws(SIPParseError) in
            try SIPChallenge.parseAll(value, limits: limits)
        }
    }

    @Test(arguments: [
        ("", "expected an authentication scheme", 0),
        ("=x", "expected an authentication scheme", 0),
        ("Digest\"realm\"", "expected white space after the authentication scheme", 6),
        ("Digest realm x", "expected '=' after an auth-param name", 12),
        ("Digest realm=\"a\" nonce=\"b\"", "expected ',' between auth-params", 17),
        ("Digest realm=\"a", "quoted string is not closed", 13),
        ("Digest realm=\"a\", =b", "expected an auth-param name", 18),
        ("Digest realm=\"a\", nonce", "another challenge or an auth-param without '='", 18),
        ("Digest realm=\"a\", nonce x", "another challenge or an auth-param without '='", 18),
        ("Digest realm=\"a\", nonce=\"b\"\"c\"", "expected ',' between auth-params", 27),
    ])
    func malformed(text: String, fragment: String, offset: Int) {
        expectError(text, .invalidHeaderValue, fragment, offset: offset) { value throws(SIPParseError) in
            try SIPChallenge.parse(value, limits: .default)
        }
    }

    @Test func parameterLimit() {
        var limits = SIPParseLimits()
        limits.maxParameters = 2
        expectError("Digest a=1, b=2, c=3", .limitExceeded, "more than 2 auth-params", offset: 17) {
            value throws(SIPParseError) in
            try SIPChallenge.parse(value, limits: limits)
        }
    }

    @Test func everyPrefix() {
        for text in [Self.rfc3261, Self.rfc7616, "Negotiate abc==, Digest realm=\"a\\\"b\",,\r\n qop=auth"] {
            forEveryPrefix(of: text) { value throws(SIPParseError) in
                _ = try SIPChallenge.parse(value, limits: .default)
            }
            forEveryPrefix(of: text) { value throws(SIPParseError) in
                _ = try SIPChallenge.parseAll(value, limits: .default)
            }
        }
    }

    @Test func algorithms() {
        #expect(SIPDigestAlgorithm("md5-SESS") == .md5Session)
        #expect(SIPDigestAlgorithm("md5-SESS").isSession)
        #expect(!SIPDigestAlgorithm.sha512_256.isSession)
        #expect(SIPDigestAlgorithm.sha512_256Session.isKnown)
        #expect(SIPDigestAlgorithm("AKAv1-MD5").isKnown == false)
        #expect(SIPDigestAlgorithm("AKAv1-MD5").responseHexLength == nil)
        #expect(SIPDigestAlgorithm.md5Session.responseHexLength == 32)
        #expect(Set([SIPDigestAlgorithm("sha-256"), .sha256]).count == 1)
        #expect(SIPDigestAlgorithm("sha-256").description == "sha-256")
    }
}
