import Testing

@testable import SIPReport

@Suite struct JSONValueTests {
    @Test(arguments: [
        (120.0, "120"), (0.5, "0.5"), (2120.125, "2120.125"), (-0.001, "-0.001"), (7.0105, "7.011"),
        (0.0004, "0"), (1e17, "100000000000000000"), (-3.25, "-3.25"), (.nan, "null"), (.infinity, "null"),
    ])
    func decimalsHaveAtMostThreeFractionDigits(value: Double, expected: String) {
        #expect(JSONValue.format(value) == expected)
        #expect(JSONValue.decimal(value).rendered() == expected)
    }

    @Test func integersAndEscapedStringsRender() {
        let document = JSONValue.object([
            .init("min", .integer(Int64.min)),
            .init("zero", .integer(0)),
            .init("text", .string("a\"b\\c\nd\u{01}é")),
            .init("list", .array([.bool(true), .null])),
        ])
        #expect(
            document.rendered(pretty: false)
                == #"{"min":-9223372036854775808,"zero":0,"text":"a\"b\\c\nd\u0001é","list":[true,null]}"#
        )
        #expect(document.rendered().contains("\n  \"zero\": 0,\n"))
    }
}
