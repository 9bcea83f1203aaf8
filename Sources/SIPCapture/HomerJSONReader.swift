/// Reads the JSON answers of a Homer capture server, what the capture API returns for
/// `format=json` and `format=transaction` (field names from homer-app and heplify-server):
///
/// - stored rows `{"id","sid","create_date","protocol_header":{...},"data_header":{...},"raw",...}`,
///   alone or in a bare array;
/// - search results `{"total":N,"data":[...],"keys":[...]}` whose items are the two headers
///   merged flat (a bare array of such items is read too);
/// - a call flow `{"total":N,"data":{"messages":[...],"calldata":[...],"hosts":{...},"alias":{...}},"keys":[...]}`,
///   whose `data.messages` are flat items with `raw`.
///
/// Rows are told apart by content, keys in any order. Rows that are not SIP (payload type 5
/// RTCP, 100 logs, 34/35 reports) are skipped and counted; rows without `raw` become
/// summary-only messages (``CaptureNote/summaryOnly``). Time comes from `timeSeconds` +
/// `timeUseconds`, else `micro_ts` (microseconds, or milliseconds on older servers: told by
/// magnitude), else `create_ts` / `create_date` (RFC 3339, epoch milliseconds or seconds).
/// Endpoints come from `srcIp`/`srcPort`/`dstIp`/`dstPort` (`aliasSrc`/`aliasDst` are
/// unreliable on the server side).
enum HomerJSONReader {
    /// What an answer held.
    struct Result {
        /// ``CaptureFormat/homerJSON`` or ``CaptureFormat/homerTransaction``.
        var format: CaptureFormat
        /// The SIP messages in time order (rows of equal time keep their order).
        var messages: [CapturedMessage]
        /// Rows seen, SIP or not.
        var rows: Int
        /// Rows skipped because their payload type is not SIP.
        var nonSIPRows: Int
        /// Rows that could not be read (a field of the wrong type, an impossible value).
        var warnings: [CaptureWarning]
        /// Lane names from a call flow's `alias` map.
        var aliases: [Endpoint: String]
    }

    /// Whether the input starts, after white space or a byte order mark, with `{` or `[`.
    static func looksLikeJSON(_ head: UnsafeRawBufferPointer) -> Bool {
        var position = head.hasPrefix(bytes: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while let byte = head.u8(at: position), byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
            position += 1
        }
        return head.u8(at: position) == 0x7B || head.u8(at: position) == 0x5B
    }

    /// Reads an answer. Throws when it is not JSON, when the server answered with an error, or
    /// when the JSON is none of the shapes above (the error names the keys seen).
    static func read(_ bytes: [UInt8]) throws(CaptureError) -> Result {
        let root = try JSONParser.parse(bytes)
        var result = Result(format: .homerJSON, messages: [], rows: 0, nonSIPRows: 0, warnings: [], aliases: [:])
        let rows: [JSONValue]
        switch root {
        case .array(let items):
            rows = items
        case .object(let object):
            if object["protocol_header"]?.object != nil {
                rows = [root]
            } else if object["success"] == .bool(false) {
                throw apiError(object)
            } else if let items = object["data"]?.array {
                rows = items
            } else if let flow = object["data"]?.object, let messages = flow["messages"]?.array {
                result.format = .homerTransaction
                rows = messages
                result.aliases = aliases(flow["alias"])
            } else if object["message"]?.string != nil || object["error"] != nil {
                throw apiError(object)
            } else {
                throw unrecognised(object)
            }
        default:
            throw CaptureError(
                .unrecognisedFormat,
                "JSON \(root.kindDescription), not a Homer export (rows, search results or a call flow)",
                byteOffset: 0
            )
        }
        var messages: [CapturedMessage] = []
        for (index, row) in rows.enumerated() {
            result.rows += 1
            do {
                switch try message(row, number: index + 1, transaction: result.format == .homerTransaction) {
                case .some(let message): messages.append(message)
                case .none: result.nonSIPRows += 1
                }
            } catch {
                result.warnings.append(
                    CaptureWarning(.skippedRow, "row skipped: \(error.text)", recordNumber: index + 1)
                )
            }
        }
        let summaries = messages.filter { $0.notes.contains(.summaryOnly) }.count
        if summaries > 0 {
            // Said once for the capture, so that an analysis built on rebuilt headers says so too.
            result.warnings.append(
                CaptureWarning(
                    .summaryOnlyRows,
                    "\(summaries) of \(messages.count) SIP messages had no raw text in the export: they were "
                        + "rebuilt from the row's summary (method or status code without reason phrase, CSeq, "
                        + "Call-ID, From/To user and tag; hosts and other headers are not known)"
                )
            )
        }
        let overTCP = messages.filter { $0.transport == .tcp && $0.notes.contains(.transportFromProtocolNumber) }
        if !overTCP.isEmpty {
            result.warnings.append(
                CaptureWarning(
                    .transportFromProtocolNumber,
                    "the export gives the transport only as an IP protocol number: the \(overTCP.count) "
                        + "messages shown as TCP may have been TLS or WebSocket"
                )
            )
        }
        // Servers return rows newest first or by id; a stable sort puts them in capture order.
        result.messages = messages.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
        return result
    }

    /// `the capture API answered with an error: <message>`.
    private static func apiError(_ object: JSONObject) -> CaptureError {
        let message =
            object["message"]?.string ?? object["error"]?.string ?? object["error"]?.object?["message"]?.string
            ?? "no message given"
        // No byte offset: the whole body is the error, and the message is what the user needs.
        return CaptureError(.apiError, "the capture API answered with an error: \(message)")
    }

    private static func unrecognised(_ object: JSONObject) -> CaptureError {
        var seen = object.keys.isEmpty ? "an empty object" : "top-level keys " + object.keys.joined(separator: ", ")
        if let data = object["data"] {
            if let inner = data.object {
                seen +=
                    inner.keys.isEmpty
                    ? "; data is an empty object" : "; data has keys " + inner.keys.joined(separator: ", ")
            } else {
                seen += "; data is \(data.kindDescription)"
            }
        }
        return CaptureError(
            .unrecognisedFormat,
            "JSON that is not a Homer export (rows, search results or a call flow): \(seen)",
            byteOffset: 0
        )
    }

    /// `{"10.0.0.1:5060": "proxy", "[2001:db8::1]:5060": "pbx"}`: names by endpoint; keys or
    /// names that cannot be read are left out.
    private static func aliases(_ value: JSONValue?) -> [Endpoint: String] {
        guard let object = value?.object else { return [:] }
        var result: [Endpoint: String] = [:]
        for key in object.keys {
            guard let name = object[key]?.string, !name.isEmpty, let endpoint = endpoint(key) else { continue }
            result[endpoint] = name
        }
        return result
    }

    /// `ip:port`, IPv6 bracketed or not (the port after the last colon).
    static func endpoint(_ text: String) -> Endpoint? {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]),
            let address = address(String(text[..<colon]))
        else { return nil }
        return Endpoint(address: address, port: port)
    }

    /// An IP address, IPv6 with or without brackets.
    static func address(_ text: String) -> IPAddress? {
        if text.hasPrefix("["), text.hasSuffix("]"), text.count >= 2 {
            return IPAddress(text.dropFirst().dropLast())
        }
        return IPAddress(text)
    }

    /// Why a row could not be read.
    struct RowError: Error {
        var text: String
    }

    /// The message of one row, `nil` when the row is not SIP.
    private static func message(_ value: JSONValue, number: Int, transaction: Bool) throws(RowError) -> CapturedMessage?
    {
        guard let object = value.object else { throw RowError(text: "\(value.kindDescription), not an object") }
        let row = HomerRow(object)
        if let payloadType = try row.integer("payloadType"), payloadType != 1 { return nil }
        var notes: [CaptureNote] = [.readFromHomerJSON]
        let source = try row.endpoint(address: "srcIp", port: "srcPort")
        let destination = try row.endpoint(address: "dstIp", port: "dstPort")
        let transport: SIPTransport
        switch try row.integer("protocol") {
        case 17: transport = .udp
        case 6: transport = .tcp
        case 132: transport = .sctp
        case .some(let other): throw RowError(text: "protocol \(other) is not UDP (17), TCP (6) or SCTP (132)")
        case .none:
            transport = .udp
            notes.append(.transportNotStored)
        }
        if transport != .udp || transaction { notes.append(.transportFromProtocolNumber) }
        // The server's stand-ins for a missing address, flagged as the text export's are.
        let unknownSource = Endpoint(address: .v4(0x7F00_0001), port: 0)
        let unknownDestination = Endpoint(address: .v4(0x7F00_0002), port: 0)
        if [source ?? unknownSource, destination ?? unknownDestination].contains(where: HomerTextReader.isPlaceholder) {
            notes.append(.addressUnknown)
        }
        let payload: [UInt8]
        if let raw = try row.text("raw"), !raw.isEmpty {
            payload = Array(raw.utf8)
        } else {
            payload = try summary(row)
            notes.append(.summaryOnly)
        }
        return CapturedMessage(
            time: try time(row),
            source: source ?? unknownSource,
            destination: destination ?? unknownDestination,
            transport: transport,
            recordNumbers: [number],
            payload: payload,
            notes: notes
        )
    }

    /// A current epoch in microseconds is about 1.7e15, in milliseconds 1.7e12, in seconds 1.7e9:
    /// values from 1e14 are microseconds, from 1e11 milliseconds, below that seconds.
    static func epochTime(_ value: Int64) -> CaptureTime? {
        let nanosecondsPer: Int64 =
            value >= 100_000_000_000_000 ? 1000 : value >= 100_000_000_000 ? 1_000_000 : 1_000_000_000
        let (nanoseconds, overflow) = value.multipliedReportingOverflow(by: nanosecondsPer)
        return overflow ? nil : CaptureTime(nanoseconds: nanoseconds)
    }

    /// `timeSeconds` + `timeUseconds`, else `micro_ts`, else `create_ts`, else `create_date`.
    private static func time(_ row: HomerRow) throws(RowError) -> CaptureTime {
        if let seconds = try row.integer("timeSeconds") {
            let microseconds = try row.integer("timeUseconds") ?? 0
            let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
            // Checked to be below one million, so the product stays far inside 64 bits.
            let (sum, overflowAdding) = whole.addingReportingOverflow(
                (0..<1_000_000).contains(microseconds) ? microseconds * 1000 : 0
            )
            guard (0..<1_000_000).contains(microseconds), !overflow, !overflowAdding else {
                throw RowError(text: "timeSeconds \(seconds) / timeUseconds \(microseconds) is not a time")
            }
            return CaptureTime(nanoseconds: sum)
        }
        for key in ["micro_ts", "create_ts"] {
            if let value = try row.integer(key) {
                guard let time = epochTime(value) else { throw RowError(text: "\(key) \(value) is not a time") }
                return time
            }
        }
        switch row["create_date"] {
        case .some(.string(let text)):
            if let time = CaptureTime(rfc3339: text) { return time }
            if let value = Int64(text), let time = epochTime(value) { return time }
            throw RowError(text: "create_date \"\(text.prefix(40))\" is not an RFC 3339 time")
        case .some(let value):
            guard let number = value.integer, let time = epochTime(number) else {
                throw RowError(text: "create_date is \(value.kindDescription) that is not a time")
            }
            return time
        case .none:
            throw RowError(text: "no time (timeSeconds, micro_ts, create_ts or create_date)")
        }
    }

    /// A minimal SIP message from the summary fields of `data_header`: the start line, Call-ID,
    /// CSeq, From and To with their users and tags. `method` holds the status code for a
    /// response, whose reason phrase is only in the raw text (left empty, as RFC 3261
    /// section 25.1 allows).
    private static func summary(_ row: HomerRow) throws(RowError) -> [UInt8] {
        let method = try row.text("method") ?? ""
        let cseq = try row.text("cseq") ?? ""
        let domain = try row.text("ruri_domain").flatMap { $0.isEmpty ? nil : $0 } ?? "invalid"
        var lines: [String] = []
        if method.count == 3, method.allSatisfy({ ("0"..."9").contains($0) }) {
            lines.append("SIP/2.0 \(method) ")
        } else {
            let requestMethod =
                method.isEmpty ? String(cseq.split(separator: " ").last ?? "UNKNOWN") : method
            let user = try row.text("ruri_user").map { $0.isEmpty ? "" : $0 + "@" } ?? ""
            lines.append("\(requestMethod) sip:\(user)\(domain) SIP/2.0")
        }
        if let callID = try row.text("callid"), !callID.isEmpty { lines.append("Call-ID: \(callID)") }
        if !cseq.isEmpty { lines.append("CSeq: \(cseq)") }
        for (header, prefix) in [("From", "from"), ("To", "to")] {
            let user = try row.text(prefix + "_user") ?? ""
            let tag = try row.text(prefix + "_tag") ?? ""
            let host = try row.text(prefix + "_domain").flatMap { $0.isEmpty ? nil : $0 } ?? domain
            lines.append("\(header): <sip:\(user.isEmpty ? "" : user + "@")\(host)>\(tag.isEmpty ? "" : ";tag=" + tag)")
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }
}

/// One row's fields, wherever the shape puts them: at the top, in `protocol_header` or in
/// `data_header`. A field of the wrong type is an error, a missing one is `nil`.
private struct HomerRow {
    var scopes: [JSONObject]

    init(_ object: JSONObject) {
        scopes = [object]
        if let header = object["protocol_header"]?.object { scopes.append(header) }
        if let header = object["data_header"]?.object { scopes.append(header) }
    }

    subscript(key: String) -> JSONValue? {
        for scope in scopes { if let value = scope[key], value != .null { return value } }
        return nil
    }

    /// A string field. (`captureId`, string or number, is not read: the model has no place for it.)
    func text(_ key: String) throws(HomerJSONReader.RowError) -> String? {
        switch self[key] {
        case .none: return nil
        case .string(let text): return text
        case .some(let value):
            throw HomerJSONReader.RowError(text: "\(key) is \(value.kindDescription), expected a string")
        }
    }

    /// A whole-number field; a string of digits is accepted (some servers quote ports).
    func integer(_ key: String) throws(HomerJSONReader.RowError) -> Int64? {
        switch self[key] {
        case .none: return nil
        case .string(let text) where text.isEmpty: return nil
        case .some(let value):
            if let number = value.integer ?? value.string.flatMap({ Int64($0) }) { return number }
            let shown = value.string.map { "\"\($0.prefix(40))\"" } ?? value.kindDescription
            throw HomerJSONReader.RowError(text: "\(key) is \(shown), expected a whole number in 64 bits")
        }
    }

    /// An address and a port, `nil` when the row has no address.
    func endpoint(address: String, port: String) throws(HomerJSONReader.RowError) -> Endpoint? {
        guard let text = try self.text(address), !text.isEmpty else { return nil }
        guard let ip = HomerJSONReader.address(text) else {
            throw HomerJSONReader.RowError(text: "\(address) \"\(text.prefix(60))\" is not an IP address")
        }
        let number = try integer(port) ?? 0
        guard let value = UInt16(exactly: number) else {
            throw HomerJSONReader.RowError(text: "\(port) \(number) is not a port number")
        }
        return Endpoint(address: ip, port: value)
    }
}
