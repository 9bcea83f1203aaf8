import Testing

@testable import SIPReport

/// The tree built value by value must be the document described, keys in order and each under
/// its own container, however deep (a key of an inner member must not take an outer one's place).
@Suite struct JSONValueBuilderTests {
    @Test func nestedContainersKeepTheirKeys() {
        var builder = JSONValueBuilder()
        builder.beginObject()
        builder.key("a")
        builder.beginObject()
        builder.key("b")
        builder.integer(Int?.some(1))
        builder.key("c")
        builder.beginArray()
        builder.string("x")
        builder.beginObject()
        builder.endObject()
        builder.null()
        builder.endArray()
        builder.endObject()
        builder.key("d")
        builder.decimal(1.5)
        builder.key("e")
        builder.strings([])
        builder.key("f")
        builder.bool(false)
        builder.key("g")
        builder.string(nil)
        builder.endObject()
        let expected = JSONValue.object([
            .init(
                "a",
                .object([
                    .init("b", .integer(1)),
                    .init("c", .array([.string("x"), .object([]), .null])),
                ])
            ),
            .init("d", .decimal(1.5)),
            .init("e", .array([])),
            .init("f", .bool(false)),
            .init("g", .null),
        ])
        #expect(builder.value == expected)
    }

    @Test func aScalarDocumentIsItsValue() {
        var builder = JSONValueBuilder()
        builder.integer(UInt64.max)
        #expect(builder.value == .integer(Int64.max))
    }

    /// The builder and the stream writer give the same bytes for the same calls.
    @Test func builderAndStreamWriterAgree() {
        func describe(into output: inout some JSONOutput & ~Copyable) {
            output.beginObject()
            output.key("list")
            output.beginArray()
            output.beginObject()
            output.key("k")
            output.string("v\"\n")
            output.endObject()
            output.endArray()
            output.key("n")
            output.decimal(Double.nan)
            output.endObject()
        }
        var builder = JSONValueBuilder()
        describe(into: &builder)
        var writer = JSONStreamWriter()
        describe(into: &writer)
        #expect(writer.bytes == builder.value.renderedBytes())
        #expect(
            builder.value.rendered()
                == "{\n  \"list\": [\n    {\n      \"k\": \"v\\\"\\n\"\n    }\n  ],\n  \"n\": null\n}"
        )
    }
}
