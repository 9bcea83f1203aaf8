import Testing

@testable import SIPCapture

/// The variations of the capture API's JSON (shared/capture-formats.md section 5), summary-only
/// rows, non-SIP rows, error bodies and hostile input, on small hand-written answers.
@Suite struct HomerJSONReaderTests {
    static let raw = #""INVITE sip:bob@example.com SIP/2.0\r\nCall-ID: a@b\r\nCSeq: 1 INVITE\r\n\r\n""#
    static let rawBytes = Array("INVITE sip:bob@example.com SIP/2.0\r\nCall-ID: a@b\r\nCSeq: 1 INVITE\r\n\r\n".utf8)

    /// A flat search-result item (section 3b); `changes` replace fields by JSON literal, `nil`
    /// removes one. Keys are written sorted, as the server does.
    static func item(_ changes: [String: String?] = [:]) -> String {
        var fields: [String: String] = [
            "callid": #""a@b""#, "cseq": #""1 INVITE""#, "method": #""INVITE""#, "from_user": #""alice""#,
            "from_tag": #""t1""#, "to_user": #""bob""#, "to_tag": #""""#, "ruri_user": #""bob""#,
            "ruri_domain": #""example.com""#, "srcIp": #""10.0.0.1""#, "srcPort": "5060",
            "dstIp": #""10.0.0.2""#, "dstPort": "5080", "protocol": "17", "protocolFamily": "2",
            "payloadType": "1", "captureId": #""2001""#, "micro_ts": "1727395200123456",
            "create_date": "1727395200123", "raw": raw,
        ]
        for (key, value) in changes { fields[key] = value ?? nil }
        return "{" + fields.keys.sorted().map { "\"\($0)\":\(fields[$0] ?? "null")" }.joined(separator: ",") + "}"
    }

    static func search(_ items: [String]) -> String {
        #"{"data":["# + items.joined(separator: ",") + #"],"keys":["callid"],"total":\#(items.count)}"#
    }

    static func read(_ text: String) throws -> (reader: CaptureReader, messages: [CapturedMessage]) {
        let reader = try CaptureReader(bytes: Array(text.utf8))
        var messages: [CapturedMessage] = []
        while let item = try reader.next() {
            if case .message(let message) = item { messages.append(message) }
        }
        return (reader, messages)
    }

    static func message(_ changes: [String: String?]) throws -> CapturedMessage {
        let messages = try read(search([item(changes)])).messages
        try #require(messages.count == 1)
        return messages[0]
    }

    static func failure(_ text: String) -> CaptureError? {
        do {
            _ = try read(text)
            return nil
        } catch let error as CaptureError {
            return error
        } catch {
            return nil
        }
    }

    // MARK: - Shapes

    @Test func searchResultsItem() throws {
        let (reader, messages) = try Self.read(Self.search([Self.item()]))
        #expect(reader.format == .homerJSON)
        try #require(messages.count == 1)
        let message = messages[0]
        #expect(message.time == CaptureTime(seconds: 1_727_395_200, nanoseconds: 123_456_000))
        #expect(message.source.description == "10.0.0.1:5060")
        #expect(message.destination.description == "10.0.0.2:5080")
        #expect(message.transport == .udp)
        #expect(message.payload == Self.rawBytes)
        #expect(message.notes == [.readFromHomerJSON])
        #expect(message.recordNumbers == [1])
    }

    @Test func storedRowsAloneAndInABareArray() throws {
        let row = """
            {"id":1,"sid":"a@b","create_date":"2024-09-27T00:00:00.123456Z","dbnode":"local","node":"n","profile":"call",
             "protocol_header":{"protocolFamily":2,"protocol":6,"srcIp":"10.0.0.1","dstIp":"10.0.0.2","srcPort":5060,
             "dstPort":5080,"timeSeconds":1727395200,"timeUseconds":654321,"payloadType":1,"captureId":2001,
             "capturePass":"x","correlation_id":""},
             "data_header":{"callid":"a@b","cseq":"1 INVITE","method":"INVITE"},
             "raw":\(Self.raw)}
            """
        for text in [row, "[" + row + "]", "  \r\n\t[" + row + "," + row + "]"] {
            let (reader, messages) = try Self.read(text)
            #expect(reader.format == .homerJSON)
            #expect(messages.count >= 1)
            for message in messages {
                // timeSeconds + timeUseconds win over create_date.
                #expect(message.time == CaptureTime(seconds: 1_727_395_200, nanoseconds: 654_321_000))
                #expect(message.transport == .tcp)
                #expect(message.notes.contains(.transportFromProtocolNumber))
                #expect(message.payload == Self.rawBytes)
            }
        }
    }

    @Test func bareArrayOfFlatItemsAndByteOrderMark() throws {
        let (reader, messages) = try Self.read("\u{FEFF}[" + Self.item() + "," + Self.item() + "]")
        #expect(reader.format == .homerJSON)
        #expect(messages.count == 2)
    }

    @Test func transactionReadsMessagesAliasesAndBothHostsSpellings() throws {
        for inner in ["host", "hosts"] {
            let text = """
                {"total":2,"keys":[],"data":{
                 "messages":[\(Self.item(["srcIp": #""2001:db8::1""#])),
                   \(Self.item(["callid": #""other@b""#, "micro_ts": "1727395200123999"]))],
                 "calldata":[{"srcId":"[2001:db8::1]:5060","dstId":"10.0.0.2:5080","ruri_user":"INVITE sip:bob@exa"}],
                 "hosts":{"[2001:db8::1]:5060":{"\(inner)":["[2001:db8::1]:5060"],"position":0}},
                 "alias":{"[2001:db8::1]:5060":"pbx","10.0.0.2:5080":"carrier","nonsense":"x"}}}
                """
            let (reader, messages) = try Self.read(text)
            #expect(reader.format == .homerTransaction)
            // Other Call-IDs in the flow are kept: the analysis groups them.
            #expect(messages.count == 2)
            #expect(messages.first?.source.description == "[2001:db8::1]:5060")
            #expect(messages.allSatisfy { $0.notes.contains(.transportFromProtocolNumber) })
            #expect(reader.aliases.count == 2)
            #expect(reader.aliases[Endpoint(address: .v4(0x0A00_0002), port: 5080)] == "carrier")
            #expect(reader.aliases[Endpoint(address: IPAddress("2001:db8::1") ?? .v4(0), port: 5060)] == "pbx")
        }
    }

    @Test func emptyResultsAreNoMessages() throws {
        for text in [#"{"total":0,"data":[],"keys":[]}"#, "[]", #"{"data":{"messages":[],"calldata":[]}}"#] {
            let (reader, messages) = try Self.read(text)
            #expect(messages.isEmpty)
            #expect(reader.warnings.isEmpty)
        }
    }

    // MARK: - Section 5 variations

    @Test(
        arguments: [
            ("1727395200123456", 1_727_395_200_123_456_000),  // microseconds (current servers)
            ("1727395200123", 1_727_395_200_123_000_000),  // milliseconds (older servers)
            ("1.727395200123456e15", 1_727_395_200_123_456_000),
        ] as [(String, Int64)]
    )
    func microTimestampByMagnitude(literal: String, nanoseconds: Int64) throws {
        #expect(try Self.message(["micro_ts": literal]).time.nanoseconds == nanoseconds)
    }

    @Test(
        arguments: [
            (#""2024-09-27T00:00:00.123456Z""#, 1_727_395_200_123_456_000),
            (#""2024-09-27T02:00:00.5+02:00""#, 1_727_395_200_500_000_000),
            ("1727395200123", 1_727_395_200_123_000_000),  // epoch milliseconds
            ("1727395200", 1_727_395_200_000_000_000),  // epoch seconds (calldata without a seconds field)
            (#""1727395200123""#, 1_727_395_200_123_000_000),
        ] as [(String, Int64)]
    )
    func createDateInEveryForm(literal: String, nanoseconds: Int64) throws {
        let message = try Self.message(["micro_ts": nil, "create_date": literal])
        #expect(message.time.nanoseconds == nanoseconds)
    }

    @Test func timePrecedence() throws {
        // create_ts before create_date
        let fromCreateTS = try Self.message(["micro_ts": nil, "create_ts": "1727395200999", "create_date": "1"])
        #expect(fromCreateTS.time.nanoseconds == 1_727_395_200_999_000_000)
        // timeSeconds + timeUseconds before micro_ts
        let fromSeconds = try Self.message(["timeSeconds": "1727395201", "timeUseconds": "7"])
        #expect(fromSeconds.time.nanoseconds == 1_727_395_201_000_007_000)
    }

    @Test(arguments: [#""2001""#, "2001", "null"])
    func captureIDStringOrNumber(literal: String) throws {
        #expect(try Self.message(["captureId": literal]).payload == Self.rawBytes)
    }

    @Test(arguments: [#""2001:db8::1""#, #""[2001:db8::1]""#])
    func ipv6BracketedOrNot(literal: String) throws {
        let message = try Self.message(["srcIp": literal, "protocolFamily": "10"])
        #expect(message.source.description == "[2001:db8::1]:5060")
    }

    @Test func portsAsStrings() throws {
        let message = try Self.message(["srcPort": #""5062""#])
        #expect(message.source.port == 5062)
    }

    @Test func keyOrderCarriesNoMeaning() throws {
        let sorted = try Self.message([:])
        let reversed =
            "{"
            + Self.item().dropFirst().dropLast().split(separator: ",\"").reversed()
            .map { $0.hasPrefix("\"") ? String($0) : "\"" + $0 }.joined(separator: ",") + "}"
        let messages = try Self.read(Self.search([reversed])).messages
        #expect(messages == [sorted])
    }

    @Test func responsesKeepTheirRawText() throws {
        let raw = #""SIP/2.0 486 Busy Here\r\nCall-ID: a@b\r\nCSeq: 1 INVITE\r\n\r\n""#
        let message = try Self.message(["method": #""486""#, "raw": raw])
        #expect(message.startLine == "SIP/2.0 486 Busy Here")
    }

    @Test func transports() throws {
        #expect(try Self.message(["protocol": "6"]).transport == .tcp)
        #expect(try Self.message(["protocol": "132"]).transport == .sctp)
        let missing = try Self.message(["protocol": nil])
        #expect(missing.transport == .udp)
        #expect(missing.notes.contains(.transportNotStored))
    }

    // MARK: - Non-SIP rows, placeholders, summaries

    @Test func nonSIPRowsAreSkippedAndCounted() throws {
        let rows = [
            Self.item(), Self.item(["payloadType": "5", "raw": #""{\"type\":200}""#]),
            Self.item(["payloadType": "100", "raw": #""log line""#]), Self.item(["payloadType": "34"]),
            Self.item(["payloadType": #""35""#]), Self.item(["micro_ts": "1727395200123457"]),
        ]
        let (reader, messages) = try Self.read(Self.search(rows))
        #expect(messages.count == 2)
        #expect(messages.map(\.recordNumbers) == [[1], [6]])
        #expect(reader.statistics.records == 6)
        #expect(reader.statistics.sipMessages == 2)
        #expect(reader.statistics.nonSIPRows == 4)
        #expect(reader.warnings.isEmpty)
    }

    @Test func serverPlaceholderAddressesAreFlagged() throws {
        let placeholder = try Self.message([
            "srcIp": #""127.0.0.1""#, "srcPort": "0", "dstIp": #""127.0.0.2""#, "dstPort": "0",
        ])
        #expect(placeholder.notes.contains(.addressUnknown))
        #expect(placeholder.notes.map(\.description).contains { $0.hasPrefix("address unknown") })
        let missing = try Self.message(["srcIp": nil, "srcPort": nil])
        #expect(missing.notes.contains(.addressUnknown))
        #expect(missing.source.description == "127.0.0.1:0")
        // A real loopback address with a real port is a host like any other.
        #expect(try !Self.message(["srcIp": #""127.0.0.1""#]).notes.contains(.addressUnknown))
    }

    @Test func itemsWithoutRawBecomeSummaryOnlyMessages() throws {
        let request = try Self.message(["raw": nil])
        #expect(request.notes.contains(.summaryOnly))
        #expect(request.notes.map(\.description).contains("summary only: the full message text was not in the capture"))
        #expect(
            String(decoding: request.payload, as: UTF8.self)
                == "INVITE sip:bob@example.com SIP/2.0\r\nCall-ID: a@b\r\nCSeq: 1 INVITE\r\n"
                + "From: <sip:alice@example.com>;tag=t1\r\nTo: <sip:bob@example.com>\r\n\r\n"
        )
        let response = try Self.message(["raw": #""""#, "method": #""486""#, "to_tag": #""t2""#])
        #expect(response.notes.contains(.summaryOnly))
        #expect(response.startLine == "SIP/2.0 486 ")
        #expect(String(decoding: response.payload, as: UTF8.self).contains("To: <sip:bob@example.com>;tag=t2\r\n"))
    }

    @Test func tcpFromAProtocolNumberIsSaidOnceForTheCapture() throws {
        let (reader, _) = try Self.read(Self.search([Self.item(["protocol": "6"]), Self.item(["protocol": "6"])]))
        let warnings = reader.warnings.filter { $0.code == .transportFromProtocolNumber }
        #expect(
            warnings.map(\.message) == [
                "the export gives the transport only as an IP protocol number: the 2 messages shown as TCP may have "
                    + "been TLS or WebSocket"
            ]
        )
        let (udp, _) = try Self.read(Self.search([Self.item(["protocol": "17"])]))
        #expect(!udp.warnings.contains { $0.code == .transportFromProtocolNumber })
    }

    @Test func summaryOnlyRowsAreCountedInOneWarning() throws {
        let (reader, messages) = try Self.read(Self.search([Self.item(["raw": nil]), Self.item()]))
        #expect(messages.count == 2)
        let warnings = reader.warnings.filter { $0.code == .summaryOnlyRows }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.hasPrefix("1 of 2 SIP messages had no raw text in the export") == true)
        let (complete, _) = try Self.read(Self.search([Self.item()]))
        #expect(!complete.warnings.contains { $0.code == .summaryOnlyRows })
    }

    // MARK: - Error bodies and shapes

    @Test(arguments: [
        (#"{"data":{},"message":"Call-ID not found"}"#, "Call-ID not found"),
        (#"{"success":false,"message":"Invalid token"}"#, "Invalid token"),
        (#"{"message":"Invalid token","success":false,"data":[]}"#, "Invalid token"),
        (#"{"success":false}"#, "no message given"),
        (#" {"error":"bad request"}"#, "bad request"),
    ])
    func errorBodies(text: String, message: String) {
        let error = Self.failure(text)
        #expect(error?.code == .apiError)
        #expect(error?.reason == "the capture API answered with an error: \(message)")
        #expect(error?.byteOffset == nil)
    }

    @Test func otherJSONNamesTheKeysSeen() {
        let error = Self.failure(#"{"total":3,"rows":[],"keys":[]}"#)
        #expect(error?.code == .unrecognisedFormat)
        #expect(
            error?.reason == "JSON that is not a Homer export (rows, search results or a call flow): "
                + "top-level keys total, rows, keys"
        )
        let flow = Self.failure(#"{"data":{"calldata":[],"hosts":{}}}"#)
        #expect(flow?.reason.hasSuffix("top-level keys data; data has keys calldata, hosts") == true)
        #expect(Self.failure("{}")?.reason.hasSuffix("an empty object") == true)
    }

    @Test func invalidJSONSaysWhere() {
        let error = Self.failure(#"{"data":[{"raw":"x",}]}"#)
        #expect(error?.code == .invalidJSON)
        #expect(error?.byteOffset == 20)
        #expect(error?.description == "invalid JSON: expected a member name in quotes, found '}' (byte offset 20)")
        #expect(Self.failure(#"{"a":1} x"#)?.reason == "invalid JSON: unexpected 'x' after the end of the JSON value")
        #expect(Self.failure("[\"a\u{01}\"]")?.code == .invalidJSON)
        #expect(Self.failure(#"["\q"]"#)?.reason == #"invalid JSON: unknown escape \'q'"#)
        #expect(Self.failure("[01]")?.code == .invalidJSON)
        #expect(Self.failure("[tru]")?.code == .invalidJSON)
    }

    @Test func stringEscapes() throws {
        let raw = #""INVITE sip:b\u00e9@x SIP/2.0\r\nSubject: \ud83d\ude00 \ud800 \/\"\\\t\b\f\r\n\r\n""#
        let message = try Self.message(["raw": raw])
        #expect(
            String(decoding: message.payload, as: UTF8.self)
                == "INVITE sip:bé@x SIP/2.0\r\nSubject: 😀 \u{FFFD} /\"\\\t\u{08}\u{0C}\r\n\r\n"
        )
    }

    // MARK: - Hostile input

    @Test func everyTruncationThrowsAClearError() throws {
        let sample = Array(Self.search([Self.item(), Self.item(["raw": nil])]).utf8)
        _ = try CaptureReader(bytes: sample)
        for length in 0..<sample.count {
            do {
                let reader = try CaptureReader(bytes: Array(sample[..<length]))
                Issue.record("prefix of \(length) bytes decoded as \(reader.format)")
            } catch {
                #expect([.emptyInput, .invalidJSON].contains(error.code), "\(length): \(error)")
                #expect(error.byteOffset.map { $0 <= Int64(length) } ?? false, "\(length): \(error)")
            }
        }
    }

    @Test(arguments: ["[", "{\"a\":", "[{\"data\":"])
    func deepNestingIsRefused(opening: String) {
        let text = String(repeating: opening, count: 200_000)
        let error = Self.failure(text)
        #expect(error?.code == .invalidJSON)
        #expect(error?.reason == "invalid JSON: nested deeper than 64 levels")
    }

    @Test func nestingWithinTheLimitIsFine() throws {
        let text = String(repeating: "[", count: 63) + String(repeating: "]", count: 63)
        let (_, messages) = try Self.read(text)
        #expect(messages.isEmpty)
    }

    @Test(
        arguments: [
            ["srcPort": "1e400"], ["srcPort": "70000"], ["srcPort": "-1"], ["srcPort": #""abc""#],
            ["srcPort": "[]"], ["micro_ts": "99999999999999999999999"], ["micro_ts": "9223372036854775807"],
            ["micro_ts": "1.5"], ["timeSeconds": "9223372036854775807"],
            ["timeSeconds": "1", "timeUseconds": "1000000"],
            ["srcIp": #""not an address""#], ["srcIp": "{}"], ["raw": "5"], ["raw": "true"],
            ["protocol": "41"], ["create_date": #""yesterday""#, "micro_ts": nil],
            ["micro_ts": nil, "create_date": nil],
            ["payloadType": #""SIP""#], ["method": "[1]", "raw": nil],
        ] as [[String: String?]]
    )
    func wrongTypesAndImpossibleValuesSkipTheRowWithAWarning(changes: [String: String?]) throws {
        let (reader, messages) = try Self.read(Self.search([Self.item(changes), Self.item()]))
        #expect(messages.count == 1)
        #expect(messages.first?.recordNumbers == [2])
        #expect(reader.warnings.count == 1)
        #expect(reader.warnings.first?.code == .skippedRow)
        #expect(reader.warnings.first?.recordNumber == 1)
        #expect(reader.warnings.first?.message.hasPrefix("row skipped: ") == true)
    }

    @Test func rowsThatAreNotObjectsAreSkipped() throws {
        let (reader, messages) = try Self.read("[1, \"x\", null, [], " + Self.item() + "]")
        #expect(messages.count == 1)
        #expect(reader.warnings.map(\.message).first == "row skipped: a number, not an object")
        #expect(reader.warnings.count == 4)
    }

    @Test func hugeNumbersAndLongDigitRunsAreRefusedOrSkipped() {
        let digits = String(repeating: "9", count: 2000)
        #expect(Self.failure("[" + digits + "]")?.reason == "invalid JSON: number with more than 1000 digits")
    }

    @Test func sniffingIsByContentNotName() throws {
        #expect(try CaptureReader(bytes: Array(" \n[]".utf8)).format == .homerJSON)
        #expect(try CaptureReader(bytes: Array(#"{"data":{"messages":[]}}"#.utf8)).format == .homerTransaction)
        // A JSON string or number at the top is not one of the shapes.
        #expect(Self.failure(#""text""#)?.code == .unrecognisedFormat)
    }
}
