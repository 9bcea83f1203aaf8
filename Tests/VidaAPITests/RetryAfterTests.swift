import Foundation
import Testing

@testable import VidaAPI

@Suite struct RetryAfterTests {
    // Sun, 06 Nov 1994 08:49:37 GMT, the example of RFC 9110 section 5.6.7.
    private let example = Date(timeIntervalSince1970: 784_111_777)

    @Test func delaySeconds() {
        #expect(RetryAfter("120", now: example)?.seconds == 120)
        #expect(RetryAfter(" 0 ", now: example)?.seconds == 0)
        #expect(RetryAfter("99999999999999999999999", now: example)?.seconds == 1e12)
    }

    @Test(arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
    ])
    func httpDateForms(_ text: String) {
        #expect(RetryAfter(text, now: example.addingTimeInterval(-90))?.seconds == 90)
    }

    @Test func pastDateMeansNow() {
        #expect(RetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now: example.addingTimeInterval(60))?.seconds == 0)
    }

    @Test(arguments: ["", "soon", "-5", "1.5", "Sun, 06 Nov 1994"])
    func invalidIsIgnored(_ text: String) {
        #expect(RetryAfter(text, now: example) == nil)
    }
}
