import Testing

@testable import SIPMessage

@Suite struct SIPProductListTests {
    typealias Product = SIPProductList.Product

    @Test func productsAndComments() throws {
        let text = "Linphone Desktop/4.3.2 (Ubuntu 20.04.2 LTS, Qt 5.12.8) Core/4.4.21"
        let list = try SIPProductList.parse(headerValue(text), limits: .default)
        #expect(list.raw == text)
        #expect(
            list.elements == [
                .product(Product(name: "Linphone")),
                .product(Product(name: "Desktop", version: "4.3.2")),
                .comment("Ubuntu 20.04.2 LTS, Qt 5.12.8"),
                .product(Product(name: "Core", version: "4.4.21")),
            ]
        )
        #expect(list.products.map(\.name) == ["Linphone", "Desktop", "Core"])
        #expect(list.comments == ["Ubuntu 20.04.2 LTS, Qt 5.12.8"])
        #expect(list.notes.isEmpty)
    }

    @Test func nestedCommentsSlashSpacingAndEscapes() throws {
        let list = try SIPProductList.parse(
            headerValue("FPBX-16.0.33(18.20.0 (x\\)y) z)\r\n Asterisk / 18 (\\(a)"),
            limits: .default
        )
        #expect(
            list.elements == [
                .product(Product(name: "FPBX-16.0.33")),
                .comment("18.20.0 (x)y) z"),
                .product(Product(name: "Asterisk", version: "18")),
                .comment("(a"),
            ]
        )
        #expect(list.notes.isEmpty)
    }

    @Test func lenientNotes() throws {
        let list = try SIPProductList.parse(headerValue("Acme@Lab/1.0/beta /2 x/ (cut"), limits: .default)
        #expect(
            list.elements == [
                .product(Product(name: "Acme@Lab", version: "1.0/beta")),
                .product(Product(name: "", version: "2")),
                .product(Product(name: "x", version: "")),
                .comment("cut"),
            ]
        )
        #expect(
            list.notes.map(\.message) == [
                "product 'Acme@Lab/1.0/beta' is not token [\"/\" token] (RFC 3261 section 25.1 product)",
                "product '/2' is not token [\"/\" token] (RFC 3261 section 25.1 product)",
                "product 'x/ ' is not token [\"/\" token] (RFC 3261 section 25.1 product)",
                "comment is not closed; taken to the end of the value (RFC 3261 section 25.1 comment)",
            ]
        )
        #expect(list.notes.map(\.offset) == [100, 118, 121, 124])
    }

    @Test func errorsAndLimits() {
        expectError("  ", .invalidHeaderValue, "product list is empty", offset: 2) { value throws(SIPParseError) in
            try SIPProductList.parse(value, limits: .default)
        }
        var limits = SIPParseLimits()
        limits.maxCommentDepth = 2
        #expect((try? SIPProductList.parse(headerValue("a (b (c))"), limits: limits)) != nil)
        expectError(
            "a (b (c (d)))",
            .limitExceeded,
            "comment nested deeper than 2 levels (limit maxCommentDepth)",
            offset: 8
        ) { value throws(SIPParseError) in
            try SIPProductList.parse(value, limits: limits)
        }
        let deep = String(repeating: "(", count: 100_000)
        expectError(deep, .limitExceeded, "maxCommentDepth", offset: 8) { value throws(SIPParseError) in
            try SIPProductList.parse(value, limits: .default)
        }
        limits.maxListElements = 3
        expectError("a b c d", .limitExceeded, "more than 3 products and comments", offset: 6) {
            value throws(SIPParseError) in
            try SIPProductList.parse(value, limits: limits)
        }
    }

    @Test func everyPrefix() {
        forEveryPrefix(of: "Acme/1.0 (a (b\\) c) \"q\") X/") { value throws(SIPParseError) in
            _ = try SIPProductList.parse(value, limits: .default)
        }
    }
}
