import Testing

@testable import SIPMessage

@Suite struct SIPEventTests {
    @Test func event() throws {
        let event = try SIPEvent.parse(headerValue("presence.winfo;id=1234 ; x"), limits: .default)
        #expect(event.eventType == "presence.winfo")
        #expect(event.package == "presence")
        #expect(event.templates == ["winfo"])
        #expect(event.id == "1234")
        #expect(event.parameters.map(\.name) == ["id", "x"])
        let refer = try SIPEvent.parse(headerValue("refer"), limits: .default)
        #expect(refer == SIPEvent(eventType: "refer"))
        #expect(refer.templates.isEmpty)
        #expect(refer.id == nil)
    }

    @Test(arguments: [
        ("", "expected an event package token", 0),
        (";id=1", "expected an event package token", 0),
        (".winfo", "event type '.winfo' has an empty package or template", 0),
        ("presence.", "has an empty package or template", 0),
        ("a..b", "has an empty package or template", 0),
        ("presence id=1", "unexpected 'id=1' after Event parameters", 9),
    ])
    func malformed(text: String, fragment: String, offset: Int) {
        expectError(text, .invalidHeaderValue, fragment, offset: offset) { value throws(SIPParseError) in
            try SIPEvent.parse(value, limits: .default)
        }
    }

    @Test func subscriptionState() throws {
        let active = try SIPSubscriptionState.parse(headerValue("active;expires=3600"), limits: .default)
        #expect(active.isActive)
        #expect(active.expires == 3600)
        #expect(active.retryAfter == nil)
        #expect(active.reason == nil)
        let terminated = try SIPSubscriptionState.parse(
            headerValue("Terminated ; reason=timeout;retry-after=20;x"),
            limits: .default
        )
        #expect(terminated.state == "Terminated")
        #expect(terminated.isTerminated)
        #expect(!terminated.isPending)
        #expect(terminated.reason == "timeout")
        #expect(terminated.retryAfter == 20)
        #expect(terminated.parameters.contains("x"))
        #expect(try SIPSubscriptionState.parse(headerValue("pending"), limits: .default).isPending)
    }

    @Test(arguments: [
        ("", "expected a subscription state token", 0),
        ("active;expires", "Subscription-State expires is empty", 0),
        ("active;expires=-1", "Subscription-State expires '-1' is negative", 0),
        ("active;expires=4294967296", "is larger than 4294967295", 0),
        ("terminated;retry-after=soon", "Subscription-State retry-after 'soon' is not a decimal number", 0),
        ("active expires=1", "unexpected 'expires=1' after Subscription-State parameters", 7),
    ])
    func subscriptionStateMalformed(text: String, fragment: String, offset: Int) {
        expectError(text, .invalidHeaderValue, fragment, offset: offset) { value throws(SIPParseError) in
            try SIPSubscriptionState.parse(value, limits: .default)
        }
    }

    @Test func everyPrefix() {
        forEveryPrefix(of: "presence.winfo;id=\"a\";x") { value throws(SIPParseError) in
            _ = try SIPEvent.parse(value, limits: .default)
        }
        forEveryPrefix(of: "terminated;reason=timeout;expires=10;retry-after=20") { value throws(SIPParseError) in
            _ = try SIPSubscriptionState.parse(value, limits: .default)
        }
    }
}
