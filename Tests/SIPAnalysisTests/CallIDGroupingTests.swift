import Foundation
import SIPAnalysis
import SIPMessage
import Testing

/// Call-IDs of the usual shape are read straight from the bytes; every shape must still group
/// messages under the Call-ID the typed parser gives (RFC 3261 section 20.8).
@Suite struct CallIDGroupingTests {
    typealias T = SIPText

    @Test(
        arguments: [
            ("plain@test", "plain@test"),
            ("spaced@test   ", "spaced@test"),
            ("\t tabbed@test", "tabbed@test"),
            ("\n folded@test", "folded@test"),
            ("inner space@test", "inner space@test"),
            ("é-non-ascii@test", "é-non-ascii@test"),
            ("semi;colon,comma@test", "semi;colon,comma@test"),
        ]
    )
    func messagesAreGroupedUnderTheParsedCallID(written: String, expected: String) throws {
        let a = CallFlow.caller
        let b = CallFlow.callee
        var flow = CallFlow()
        let invite = T.request("INVITE", callID: written)
        flow.send(a, b, at: 0, invite)
        flow.send(b, a, at: 10, T.response(200, "OK", callID: expected))
        let parsed = try SIPMessage(parsing: invite.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(try parsed.callID()?.value == expected)
        let analysis = flow.analyze()
        #expect(analysis.calls.map(\.callID) == [expected])
        #expect(analysis.calls.first?.messageCount == 2)
        #expect(analysis.calls.first?.state == .answered)
    }
}
