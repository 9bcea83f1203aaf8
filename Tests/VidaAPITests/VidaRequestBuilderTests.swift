import Foundation
import Testing

@testable import VidaAPI

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite struct VidaRequestBuilderTests {
    private func builder() throws -> VidaRequestBuilder {
        VidaRequestBuilder(
            baseURL: try #require(URL(string: "https://api.example.test/prefix")),
            token: try Fixtures.token(),
            timeout: 7
        )
    }

    @Test func captureQueryCarriesTheTokenPercentEncoded() throws {
        let request = VidaRequest(
            method: .get,
            path: "/api/v2/sip/captures",
            query: [("sipCallId", "a+b@host;x=1"), ("from", "1000"), ("to", "2000"), ("format", "pcap")]
        )
        let urlRequest = try #require(try builder().urlRequest(request))
        #expect(
            urlRequest.url?.absoluteString
                == "https://api.example.test/prefix/api/v2/sip/captures?sipCallId=a%2Bb%40host%3Bx%3D1&from=1000&to=2000"
                + "&format=pcap&token=\(Fixtures.encodedSecret)"
        )
        #expect(urlRequest.httpMethod == "GET")
        #expect(urlRequest.timeoutInterval == 7)
        #expect(urlRequest.value(forHTTPHeaderField: "authorization") == nil)
        #expect(urlRequest.httpBody == nil)
        let components = try #require(urlRequest.url.flatMap { URLComponents(url: $0, resolvingAgainstBaseURL: false) })
        #expect(components.queryItems?.first { $0.name == "token" }?.value == Fixtures.secret)
        #expect(components.queryItems?.first { $0.name == "sipCallId" }?.value == "a+b@host;x=1")
    }

    @Test func redactedURLHasStarsInPlaceOfTheToken() throws {
        let request = VidaRequest(method: .get, path: "/api/v2/sip/ipWhitelist")
        let url = try builder().redactedURL(request)
        #expect(url == "https://api.example.test/prefix/api/v2/sip/ipWhitelist?token=***")
    }

    @Test func registrationSendsTheAuthorizationHeaderAndJSONBody() throws {
        let request = VidaRequest(
            method: .post,
            path: "/api/v2/sip/registration",
            body: Array(#"{"aor":"1001@x"}"#.utf8),
            sendsAuthorizationHeader: true
        )
        let urlRequest = try #require(try builder().urlRequest(request))
        #expect(urlRequest.httpMethod == "POST")
        #expect(urlRequest.value(forHTTPHeaderField: "authorization") == Fixtures.secret)
        #expect(urlRequest.value(forHTTPHeaderField: "Content-Type") == "application/json")
        #expect(urlRequest.httpBody == Data(#"{"aor":"1001@x"}"#.utf8))
    }

    @Test func registrationRequestEncodesAsTheSpecSays() throws {
        let request = RegistrationRequest(
            aor: "1001@sip.example.com",
            username: "1001",
            password: "pw",
            proxy: "sip.example.com:5061",
            port: 5061,
            transport: "TLS",
            subscribe: false
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(request), as: UTF8.self)
        #expect(
            text
                == #"{"aor":"1001@sip.example.com","password":"pw","port":5061,"proxy":"sip.example.com:5061","#
                + #""subscribe":false,"transport":"TLS","username":"1001"}"#
        )
    }

    @Test func onlyGETIsRetryable() {
        #expect(VidaHTTPMethod.get.isRetryable)
        #expect(!VidaHTTPMethod.post.isRetryable)
        #expect(!VidaHTTPMethod.delete.isRetryable)
    }
}

@Suite struct VidaRedactorTests {
    @Test(arguments: [
        "plain \(Fixtures.secret) text",
        "url https://h/p?a=1&token=\(Fixtures.encodedSecret)&b=2",
        "lower \(Fixtures.encodedSecret.lowercased())",
        "query ?token=whatever-else&x=1",
        "error: unsupported URL https://h/p?TOKEN=abc",
    ])
    func removesEverySpelling(_ text: String) throws {
        let redacted = VidaRedactor(token: try Fixtures.token()).redact(text)
        #expect(!redacted.contains(Fixtures.secret))
        #expect(!redacted.contains(Fixtures.encodedSecret))
        #expect(!redacted.lowercased().contains(Fixtures.encodedSecret.lowercased()))
        #expect(redacted.contains("***"))
        #expect(!redacted.contains("whatever-else"))
        #expect(!redacted.contains("=abc"))
    }

    @Test func leavesOtherTextAlone() throws {
        let redactor = VidaRedactor(token: try Fixtures.token())
        #expect(redactor.redact("sipCallId=abc&format=pcap") == "sipCallId=abc&format=pcap")
        #expect(redactor.redact("a mytoken=1 word") == "a mytoken=1 word")
        #expect(VidaRedactor.blankTokenParameters("x?token=a&token=b") == "x?token=***&token=***")
        // Prose around a URL keeps its punctuation.
        #expect(VidaRedactor.blankTokenParameters("(GET h/p?token=abc)") == "(GET h/p?token=***)")
        #expect(VidaRedactor.blankTokenParameters("to h/p?token=a.b.c. Next") == "to h/p?token=***. Next")
        #expect(VidaRedactor.blankTokenParameters("h/p?token=a.b.c.") == "h/p?token=***.")
    }

    @Test func clientRedactUsesTheSameRules() throws {
        let client = try Fixtures.client(ScriptedPerformer([]))
        #expect(client.redact("?token=\(Fixtures.encodedSecret)") == "?token=***")
        #expect(client.redact(Fixtures.secret) == "***")
    }
}
