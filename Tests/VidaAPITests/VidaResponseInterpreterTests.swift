import Foundation
import Testing

@testable import VidaAPI

/// Status and body to ``VidaError``, without a network: the client over a scripted performer.
@Suite struct VidaResponseInterpreterTests {
    private func expectNoToken(_ error: VidaError?, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error else { return }
        for text in [error.message, error.description, error.redactedURL ?? "", "\(error)", String(reflecting: error)] {
            #expect(!text.contains(Fixtures.secret), sourceLocation: sourceLocation)
            #expect(!text.contains(Fixtures.encodedSecret), sourceLocation: sourceLocation)
        }
    }

    @Test func badRequestCarriesTheBodysMessage() async throws {
        let client = try Fixtures.client(
            ScriptedPerformer([Fixtures.response(400, #"{"data":{},"message":"bad sipCallId"}"#)])
        )
        let error = await Fixtures.error { () async throws(VidaError) in try await client.whitelist() }
        #expect(error?.kind == .badRequest)
        #expect(error?.statusCode == 400)
        #expect(error?.message.contains("\"bad sipCallId\"") == true)
        #expect(error?.redactedURL == "https://api.example.test/api/v2/sip/ipWhitelist?token=***")
        expectNoToken(error)
    }

    @Test(arguments: [401, 403])
    func rejectedTokenSaysHowToSetIt(status: Int) async throws {
        let body = #"{"success":false,"message":"Invalid token \#(Fixtures.secret)"}"#
        let client = try Fixtures.client(ScriptedPerformer([Fixtures.response(status, body)]))
        let error = await Fixtures.error { () async throws(VidaError) in try await client.outboundRoutes() }
        #expect(error?.kind == .unauthorized)
        #expect(error?.statusCode == status)
        for needle in ["--token-file PATH", "VIDA_API_TOKEN", "~/.config/sipdiag/config.json", "Invalid token ***"] {
            #expect(error?.message.contains(needle) == true, "\(needle)")
        }
        expectNoToken(error)
    }

    @Test func captureNotFoundNamesTheWindow() async throws {
        let client = try Fixtures.client(
            ScriptedPerformer([Fixtures.response(404, #"{"data":{},"message":"No results"}"#)])
        )
        let window = CaptureWindow(fromMilliseconds: 1_764_900_000_000, toMilliseconds: 1_764_903_600_500)
        let error = await Fixtures.error { () async throws(VidaError) in
            try await client.capture(callID: "abc@pbx", window: window, format: .pcap)
        }
        #expect(error?.kind == .notFound)
        #expect(
            error?.message.hasPrefix(
                "No capture for Call-ID abc@pbx between 2025-12-05T02:00:00Z and 2025-12-05T03:00:00.500Z: widen --from/--to"
            ) == true
        )
        #expect(error?.message.contains("\"No results\"") == true)
    }

    @Test func captureNotFoundWithoutWindowSaysSo() async throws {
        let client = try Fixtures.client(ScriptedPerformer([Fixtures.response(404, "")]))
        let error = await Fixtures.error { () async throws(VidaError) in
            try await client.capture(callID: "abc@pbx", window: nil, format: .text)
        }
        #expect(error?.kind == .notFound)
        #expect(error?.message.contains("no search window was sent") == true)
        #expect(error?.message.contains("--from/--to") == true)
    }

    @Test func registrationNotFoundIsNil() async throws {
        let client = try Fixtures.client(
            ScriptedPerformer([Fixtures.response(404, #"{"success":false,"message":"none"}"#)])
        )
        let registration = try await client.registration()
        #expect(registration == nil)
    }

    @Test func registration404WithHTMLIsAnError() async throws {
        let client = try Fixtures.client(
            ScriptedPerformer([Fixtures.response(404, "<html>nginx</html>", contentType: "text/html")])
        )
        let error = await Fixtures.error { () async throws(VidaError) in try await client.registration() }
        #expect(error?.kind == .notFound)
        #expect(error?.message.contains("HTML") == true)
    }

    @Test func conflictCarriesTheMessage() async throws {
        let client = try Fixtures.client(
            ScriptedPerformer([Fixtures.response(409, #"{"success":false,"message":"Duplicate AOR"}"#)])
        )
        let error = await Fixtures.error { () async throws(VidaError) in
            try await client.setRegistration(RegistrationRequest(aor: "1@x", username: "1", password: "p"))
        }
        #expect(error?.kind == .conflict)
        #expect(error?.message.contains("\"Duplicate AOR\"") == true)
    }

    @Test func redirectIsUnexpectedAndNamesTheLocationRedacted() async throws {
        let location = "https://elsewhere.test/x?token=\(Fixtures.encodedSecret)"
        let client = try Fixtures.client(
            ScriptedPerformer([Fixtures.response(302, "", headers: ["Location": location])])
        )
        let error = await Fixtures.error { () async throws(VidaError) in try await client.whitelist() }
        #expect(error?.kind == .unexpectedStatus)
        #expect(error?.statusCode == 302)
        #expect(error?.message.contains("https://elsewhere.test/x?token=***") == true)
        expectNoToken(error)
    }

    @Test func otherStatusIsUnexpected() async throws {
        let client = try Fixtures.client(ScriptedPerformer([Fixtures.response(418, "")]))
        let error = await Fixtures.error { () async throws(VidaError) in try await client.whitelist() }
        #expect(error?.kind == .unexpectedStatus)
        #expect(error?.message.contains("418") == true)
    }

    @Test func successFalseIsBadRequest() async throws {
        let client = try Fixtures.client(
            ScriptedPerformer([Fixtures.response(200, #"{"success":false,"message":"IP invalid"}"#)])
        )
        let error = await Fixtures.error { () async throws(VidaError) in
            try await client.addToWhitelist(ip: "1.2.3.4", label: "x")
        }
        #expect(error?.kind == .badRequest)
        #expect(error?.message.contains("\"IP invalid\"") == true)
    }

    @Test func htmlInsteadOfJSONIsUndecodableWithItsFirstBytesRedacted() async throws {
        let html = "<!DOCTYPE html><html><body>Login ?token=\(Fixtures.encodedSecret)</body></html>"
        let client = try Fixtures.client(ScriptedPerformer([Fixtures.response(200, html, contentType: "text/html")]))
        let error = await Fixtures.error { () async throws(VidaError) in try await client.whitelist() }
        #expect(error?.kind == .undecodableResponse)
        #expect(error?.message.contains("HTML") == true)
        #expect(error?.message.contains("<!DOCTYPE html>") == true)
        expectNoToken(error)
    }

    @Test func htmlCaptureIsUndecodable() async throws {
        let client = try Fixtures.client(
            ScriptedPerformer([Fixtures.response(200, "\n<html><head>", contentType: nil)])
        )
        let error = await Fixtures.error { () async throws(VidaError) in
            try await client.capture(callID: "c", window: nil, format: .pcap)
        }
        #expect(error?.kind == .undecodableResponse)
    }

    @Test func jsonOfTheWrongShapeNamesItsKeys() async throws {
        let client = try Fixtures.client(ScriptedPerformer([Fixtures.response(200, #"{"success":true,"items":[]}"#)]))
        let error = await Fixtures.error { () async throws(VidaError) in try await client.outboundRoutes() }
        #expect(error?.kind == .undecodableResponse)
        #expect(error?.message.contains("items, success") == true)
    }

    @Test func transportFailuresMapToKinds() async throws {
        let cases: [(VidaTransportFailure.Reason, VidaError.Kind)] = [
            (.timeout, .timeout), (.hostNotFound, .hostNotFound), (.tls, .tls), (.refused, .connection),
            (.closed, .connection), (.tooLarge, .undecodableResponse), (.other, .connection),
        ]
        for (reason, kind) in cases {
            let detail = "failed for https://api.example.test/x?token=\(Fixtures.encodedSecret) \(Fixtures.secret)"
            let client = try Fixtures.client(ScriptedPerformer([Fixtures.failure(reason, detail)]), policy: .none)
            let error = await Fixtures.error { () async throws(VidaError) in try await client.whitelist() }
            #expect(error?.kind == kind, "\(reason)")
            #expect(error?.statusCode == nil)
            expectNoToken(error)
        }
    }

    @Test func urlErrorsAreClassified() {
        let cases: [(URLError.Code, VidaTransportFailure.Reason)] = [
            (.timedOut, .timeout), (.cannotFindHost, .hostNotFound), (.dnsLookupFailed, .hostNotFound),
            (.serverCertificateUntrusted, .tls), (.secureConnectionFailed, .tls), (.cannotConnectToHost, .refused),
            (.networkConnectionLost, .closed), (.badServerResponse, .closed), (.cancelled, .cancelled),
            (.unsupportedURL, .other),
        ]
        for (code, reason) in cases {
            #expect(VidaTransportFailure(URLError(code)).reason == reason, "\(code)")
        }
        // How swift-corelibs-foundation reports a TLS failure from libcurl.
        let openSSL = URLError(
            .unknown,
            userInfo: [NSLocalizedDescriptionKey: "OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number"]
        )
        #expect(VidaTransportFailure(openSSL).reason == .tls)
    }

    @Test func urlSessionErrorTextWithTheURLIsRedacted() async throws {
        let url = "https://api.example.test/api/v2/sip/ipWhitelist?token=\(Fixtures.encodedSecret)"
        let urlError = URLError(
            .timedOut,
            userInfo: [
                NSLocalizedDescriptionKey: "The request to \(url) timed out", "NSErrorFailingURLStringKey": url,
            ]
        )
        let client = try Fixtures.client(ScriptedPerformer([.failure(VidaTransportFailure(urlError))]), policy: .none)
        let error = await Fixtures.error { () async throws(VidaError) in try await client.whitelist() }
        #expect(error?.kind == .timeout)
        #expect(
            error?.message.contains(
                "The request to https://api.example.test/api/v2/sip/ipWhitelist?token=*** timed out"
            ) == true
        )
        expectNoToken(error)
    }
}
