import Testing

@testable import SIPReport

@Suite struct MarkupTextTests {
    @Test func escapesMarkupAndQuotes() {
        #expect(MarkupText.escaped("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
    }

    @Test func replacesWhatXMLForbidsAndWhatMisleads() {
        #expect(MarkupText.cleaned("a\u{0}b\u{1B}c\u{7F}d") == "a\u{2400}b\u{241B}c\u{2421}d")
        #expect(MarkupText.cleaned("x\u{85}y\u{202E}z\u{FFFF}") == "x\u{FFFD}y\u{FFFD}z\u{FFFD}")
        #expect(MarkupText.cleaned("one\r\ntwo\rthree\nfour\tfive") == "one two three four five")
        #expect(MarkupText.cleaned("one\r\ntwo\rthree\n\tfour", keepingLines: true) == "one\ntwo\u{240D}three\n\tfour")
    }

    @Test func truncatesWithAnEllipsis() {
        #expect(MarkupText.truncated("INVITE", to: 6) == "INVITE")
        #expect(MarkupText.truncated("INVITE (SDP)", to: 8) == "INVITE\u{2026}")
        #expect(MarkupText.truncated("abc", to: 0) == "\u{2026}")
    }

    @Test func formatsSecondsWithThreeDecimals() {
        #expect(MarkupText.seconds(0) == "0.000")
        #expect(MarkupText.seconds(3250) == "3.250")
        #expect(MarkupText.seconds(12.4) == "0.012")
        #expect(MarkupText.seconds(120, signed: true) == "+0.120")
        #expect(MarkupText.seconds(-1500, signed: true) == "-1.500")
        #expect(MarkupText.seconds(.nan) == "?")
    }

    @Test func decodesInvalidUTF8Leniently() {
        #expect(MarkupText.decoded([0x41, 0xFF, 0x42]) == "A\u{FFFD}B")
    }
}
