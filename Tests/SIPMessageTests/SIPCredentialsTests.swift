import Testing

@testable import SIPMessage

@Suite struct SIPCredentialsTests {
    /// RFC 7616 section 3.9.1 example (SHA-256).
    static let rfc7616 = """
        Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", \
        algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, \
        cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, \
        response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", \
        opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
        """
    static let response = "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"
    static let cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"

    @Test func rfc7616Example() throws {
        let credentials = try SIPCredentials.parse(headerValue(Self.rfc7616), limits: .default)
        #expect(credentials.scheme == "Digest")
        #expect(credentials.isDigest)
        #expect(credentials.username == "Mufasa")
        #expect(credentials.realm == "http-auth@example.org")
        #expect(credentials.uri == "/dir/index.html")
        #expect(credentials.algorithm == .sha256)
        #expect(credentials.effectiveAlgorithm == .sha256)
        #expect(credentials.nonce == "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v")
        #expect(credentials.nonceCount == "00000001")
        #expect(credentials.qop == "auth")
        #expect(credentials.opaque == "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS")
        #expect(credentials.hasResponse)
        #expect(credentials.hasCNonce)
        #expect(!credentials.hasToken68)
        #expect(credentials.unredactedResponse == Self.response)
        #expect(credentials.unredactedCNonce == Self.cnonce)
        #expect(credentials.unredactedToken68 == nil)
        #expect(credentials.notes.isEmpty)
        #expect(credentials.parameters["response"] == .some("<redacted>"))
        #expect(credentials.parameters["cnonce"] == .some("<redacted>"))
        #expect(
            credentials.parameters.map(\.name) == [
                "username", "realm", "uri", "algorithm", "nonce", "nc", "cnonce", "qop", "response", "opaque",
            ]
        )
    }

    @Test func rfc3261Examples() throws {
        // RFC 3261 section 20.7 (Authorization) and 20.28 (Proxy-Authorization).
        let authorization = try SIPCredentials.parse(
            headerValue(
                "Digest username=\"Alice\", realm=\"atlanta.com\",\r\n nonce=\"84a4cc6f3082121f32b42a2187831a9e\","
                    + "\r\n response=\"7587245234b3434cc3412213e5f113a5432\""
            ),
            limits: .default
        )
        #expect(authorization.username == "Alice")
        #expect(authorization.nonce == "84a4cc6f3082121f32b42a2187831a9e")
        #expect(authorization.unredactedResponse == "7587245234b3434cc3412213e5f113a5432")
        #expect(authorization.algorithm == nil)
        #expect(authorization.effectiveAlgorithm == .md5)
        #expect(!authorization.hasCNonce)
        #expect(
            authorization.description
                == "Digest username=\"Alice\", realm=\"atlanta.com\", nonce=\"84a4cc6f3082121f32b42a2187831a9e\", "
                + "response=<redacted>"
        )
        // RFC 4475 section 3.3.7, regaut01.dat.
        let unknown = try SIPCredentials.parse(headerValue("NoOneKnowsThisScheme opaque-data=here"), limits: .default)
        #expect(unknown.scheme == "NoOneKnowsThisScheme")
        #expect(!unknown.isDigest)
        #expect(unknown.parameters.elements == [SIPParameter(name: "opaque-data", value: "here")])
        #expect(unknown.description == "NoOneKnowsThisScheme opaque-data=\"here\"")
        #expect(unknown.notes.isEmpty)
    }

    @Test func secretsNeverInDefaultStrings() throws {
        let basic = try SIPCredentials.parse(headerValue("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="), limits: .default)
        #expect(basic.unredactedToken68 == "QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        #expect(basic.description == "Basic <redacted>")
        let digest = try SIPCredentials.parse(headerValue(Self.rfc7616), limits: .default)
        let secrets = [Self.response, Self.cnonce, "QWxhZGRpbjpvcGVuIHNlc2FtZQ"]
        for credentials in [digest, basic] {
            var dumped = ""
            dump(credentials, to: &dumped)
            var dumpedParameters = ""
            dump(credentials.parameters, to: &dumpedParameters)
            let strings = [
                credentials.description, credentials.debugDescription, "\(credentials)",
                String(describing: credentials), String(reflecting: credentials), dumped,
                String(describing: credentials.parameters), dumpedParameters,
                "\(Mirror(reflecting: credentials).children.map { "\($0.label ?? ""): \($0.value)" })",
                String(describing: credentials.notes), String(describing: [credentials]),
            ]
            for string in strings {
                for secret in secrets {
                    #expect(!string.contains(secret), "\(string)")
                }
            }
        }
        #expect(digest.description.contains("response=<redacted>"))
        #expect(digest.description.contains("cnonce=<redacted>"))
        #expect(digest.debugDescription.hasPrefix("SIPCredentials(Digest username=\"Mufasa\""))
    }

    @Test func initMovesSecretsOut() {
        let credentials = SIPCredentials(
            scheme: "Digest",
            parameters: SIPParameters([
                SIPParameter(name: "Response", value: "s1"), SIPParameter(name: "CNonce", value: "s2"),
                SIPParameter(name: "response", value: "s3"),
            ])
        )
        #expect(credentials.unredactedResponse == "s1")
        #expect(credentials.unredactedCNonce == "s2")
        #expect(credentials.parameters.allSatisfy { $0.value == "<redacted>" })
        #expect(credentials.description == "Digest Response=<redacted>, CNonce=<redacted>, response=<redacted>")
        let other = SIPCredentials(
            scheme: "Digest",
            parameters: SIPParameters([SIPParameter(name: "response", value: "x")])
        )
        #expect(
            other
                != SIPCredentials(
                    scheme: "Digest",
                    parameters: SIPParameters([SIPParameter(name: "response", value: "y")])
                )
        )
    }

    @Test func lenientNotes() throws {
        // Quoting against the grammar, both ways; unquoted URI.
        let credentials = try SIPCredentials.parse(
            headerValue("Digest username=alice, uri=sip:a@b, qop=\"auth\", nc=\"00000001\", response=abc"),
            limits: .default
        )
        #expect(credentials.username == "alice")
        #expect(credentials.uri == "sip:a@b")
        #expect(credentials.qop == "auth")
        #expect(credentials.unredactedResponse == "abc")
        #expect(
            credentials.notes.map(\.message) == [
                "credentials: auth-param value is neither a token nor a quoted string (RFC 3261 section 25.1)",
                "credentials: username should be a quoted string (RFC 3261 section 25.1)",
                "credentials: uri should be a quoted string (RFC 3261 section 25.1)",
                "credentials: qop should be a token, not a quoted string (RFC 3261 section 25.1)",
                "credentials: nc should be a token, not a quoted string (RFC 3261 section 25.1)",
                "credentials: response should be a quoted string (RFC 3261 section 25.1)",
            ]
        )
        #expect(credentials.notes.allSatisfy { !$0.message.contains("abc") })
    }

    @Test(arguments: [
        ("", "expected an authentication scheme", 0),
        ("Digest username=\"a\", response=\"secret", "quoted string is not closed", 30),
        ("Digest username=\"a\" response=\"secret\"", "expected ',' between auth-params", 20),
        ("Digest response=\"secret\" secret2", "expected ',' between auth-params", 25),
        ("Digest secret1 secret2", "expected '=' after an auth-param name", 14),
        ("Digest response=\"x\", Basic secret3", "text after the last auth-param", 21),
        ("Digest\tresponse=\"x\",;", "expected an auth-param name", 20),
    ])
    func malformedErrorsNeverQuoteInput(text: String, fragment: String, offset: Int) {
        expectError(text, .invalidHeaderValue, fragment, offset: offset) { value throws(SIPParseError) in
            try SIPCredentials.parse(value, limits: .default)
        }
        do {
            _ = try SIPCredentials.parse(headerValue(text), limits: .default)
        } catch {
            for secret in ["secret", "x\""] {
                #expect(!error.reason.contains(secret))
            }
        }
    }

    @Test func redactedText() {
        let cases: [(String, String)] = [
            (
                Self.rfc7616,
                Self.rfc7616.replacingFirst(Self.response, with: "<redacted response>")
                    .replacingFirst("\"\(Self.cnonce)\"", with: "\"<redacted cnonce>\"")
            ),
            (
                "Digest username=\"Alice\",\r\n  Response = \"abc\" , CNONCE=0a4f113b,nc=00000001",
                "Digest username=\"Alice\",\r\n  Response = \"<redacted response>\" , CNONCE=\"<redacted cnonce>\",nc=00000001"
            ),
            ("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "Basic <redacted token68>"),
            ("  Bearer abc.def-ghi  ", "  Bearer <redacted token68>  "),
            ("NoOneKnowsThisScheme opaque-data=here", "NoOneKnowsThisScheme opaque-data=here"),
            // Malformed input: hide rather than keep.
            // The quoted secret ends at the next quote; what follows is another value's text.
            ("Digest response=\"unterminated, nonce=\"n\"", "Digest response=\"<redacted response>\"n\""),
            ("Digest response=\"unterminated", "Digest response=\"<redacted response>\""),
            ("Digest username=\"a, response=\"secret\"", "Digest username=\"a, response=\"<redacted response>\""),
            ("Digest response=\"a\\\"b\", nc=1", "Digest response=\"<redacted response>\", nc=1"),
            ("Digest response=x y z,nc=1", "Digest response=\"<redacted response>\",nc=1"),
            ("Digest myresponse=\"kept\", response_x=\"kept\"", "Digest myresponse=\"kept\", response_x=\"kept\""),
            ("Digest response", "Digest <redacted token68>"),
            ("Digest response=", "Digest <redacted token68>"),
            ("Digest response= ,cnonce=", "Digest response= \"<redacted response>\",cnonce=\"<redacted cnonce>\""),
            ("", ""),
        ]
        for (raw, expected) in cases {
            #expect(SIPCredentials.redactedText(of: headerValue(raw)) == expected, "\(raw.debugDescription)")
            #expect(SIPCredentials.redactedText(of: raw) == expected)
        }
        // The redacted Digest text still parses, with markers as values.
        let reparsed = try? SIPCredentials.parse(
            headerValue(SIPCredentials.redactedText(of: Self.rfc7616)),
            limits: .default
        )
        #expect(reparsed?.unredactedResponse == "<redacted response>")
        #expect(reparsed?.username == "Mufasa")
    }

    @Test func everyPrefix() {
        for text in [Self.rfc7616, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "Digest a=\"\\\"\",,\r\n b=c"] {
            let parsed = forEveryPrefix(of: text) { value throws(SIPParseError) in
                _ = try SIPCredentials.parse(value, limits: .default)
            }
            #expect(parsed > 0)
            let bytes = Array(text.utf8)
            for length in 0...bytes.count {
                let redacted = SIPCredentials.redactedText(of: headerValue(Array(bytes.prefix(length))))
                #expect(!redacted.contains(Self.response.prefix(8)))
                #expect(!redacted.contains(Self.cnonce.prefix(8)))
            }
        }
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        let characters = Array(self)
        let wanted = Array(target)
        guard !wanted.isEmpty, characters.count >= wanted.count else { return self }
        for start in 0...(characters.count - wanted.count)
        where Array(characters[start..<(start + wanted.count)]) == wanted {
            return String(characters[..<start]) + replacement + String(characters[(start + wanted.count)...])
        }
        return self
    }
}
