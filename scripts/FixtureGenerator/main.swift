// sipdiag-fixturegen: writes, from a real capture, the four answers of the capture API
// (`format=pcap | json | transaction | text`) for chosen calls, laid out as a Homer 7 server
// writes them (shared/capture-formats.md sections 1 to 4), plus the stored-rows shape of
// `format=json` and the `manifest.json` the fake API server serves from.
//
//     sipdiag-fixturegen OUTPUT_DIR CAPTURE=CALL-ID=NAME [CAPTURE=CALL-ID=NAME ...]
//
// For each call NAME it writes NAME.homer.pcap, NAME.json (search results, shape 3b),
// NAME.rows.json (stored rows, shape 3a, bare array), NAME.transaction.json and NAME.txt.
// Output is deterministic: the same capture gives the same bytes.
import Foundation
import SIPCapture

struct Call {
    var name: String
    var callID: String
    var messages: [CapturedMessage]
}

/// The SIP header fields a Homer server indexes (`data_header`), read from the message text.
struct Summary {
    var method = ""
    var ruriUser = ""
    var ruriDomain = ""
    var fromUser = ""
    var fromTag = ""
    var toUser = ""
    var toTag = ""
    var callID = ""
    var cseq = ""
    var userAgent = ""

    init(_ payload: [UInt8]) {
        let text = String(decoding: payload, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n").first ?? text
        let lines = head.components(separatedBy: "\r\n")
        let start = (lines.first ?? "").split(separator: " ")
        if start.first == "SIP/2.0", start.count > 1 {
            method = String(start[1])
        } else if start.count > 1 {
            method = String(start[0])
            (ruriUser, ruriDomain) = Self.userAndHost(String(start[1]))
        }
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "call-id", "i": callID = value
            case "cseq": cseq = value
            case "user-agent": userAgent = value
            case "from", "f": (fromUser, fromTag) = Self.userAndTag(value)
            case "to", "t": (toUser, toTag) = Self.userAndTag(value)
            default: break
            }
        }
    }

    static func userAndHost(_ uri: String) -> (String, String) {
        var rest = Substring(uri)
        if let colon = rest.firstIndex(of: ":") { rest = rest[rest.index(after: colon)...] }
        rest = rest.prefix { $0 != ";" && $0 != ">" && $0 != "?" }
        guard let at = rest.firstIndex(of: "@") else { return ("", String(rest)) }
        return (String(rest[..<at]), String(rest[rest.index(after: at)...]))
    }

    static func userAndTag(_ value: String) -> (String, String) {
        let uri: String
        if let open = value.firstIndex(of: "<"), let close = value.firstIndex(of: ">"), open < close {
            uri = String(value[value.index(after: open)..<close])
        } else {
            uri = value
        }
        var tag = ""
        if let range = value.range(of: ";tag=") {
            tag = String(value[range.upperBound...].prefix { $0 != ";" && $0 != " " })
        }
        return (userAndHost(uri).0, tag)
    }
}

func fail(_ text: String) -> Never {
    FileHandle.standardError.write(Data(("sipdiag-fixturegen: " + text + "\n").utf8))
    exit(1)
}

func protocolNumber(_ transport: SIPTransport) -> Int {
    switch transport {
    case .udp: 17
    case .sctp: 132
    case .tcp, .tls, .ws, .wss: 6
    }
}

func microseconds(_ time: CaptureTime) -> Int64 { time.nanoseconds / 1000 }

/// `ip:port`, IPv6 bracketed (as Homer writes `hosts`, `srcId`, `alias` keys).
func hostKey(_ endpoint: Endpoint) -> String { endpoint.description }

/// The unbracketed address (as Homer writes `srcIp`, `dstIp` and the text export).
func plain(_ address: IPAddress) -> String { address.description }

func json(_ object: Any) -> Data {
    do {
        var data = try JSONSerialization.data(
            withJSONObject: object,
            options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        )
        data.append(0x0A)
        return data
    } catch {
        fail("cannot write JSON: \(error)")
    }
}

/// `protocol_header` of a message (heplify-server's field names).
func protocolHeader(_ message: CapturedMessage, captureID: Any) -> [String: Any] {
    let time = message.time.secondsAndFraction
    return [
        "protocolFamily": message.source.address.isIPv6 ? 10 : 2,
        "protocol": protocolNumber(message.transport),
        "srcIp": plain(message.source.address),
        "dstIp": plain(message.destination.address),
        "srcPort": Int(message.source.port),
        "dstPort": Int(message.destination.port),
        "timeSeconds": time.seconds,
        "timeUseconds": time.nanoseconds / 1000,
        "payloadType": 1,
        "captureId": captureID,
        "capturePass": "sipdiag",
        "correlation_id": "",
    ]
}

/// `data_header` of a message: all strings.
func dataHeader(_ summary: Summary) -> [String: Any] {
    [
        "ruri_user": summary.ruriUser, "ruri_domain": summary.ruriDomain, "from_user": summary.fromUser,
        "from_tag": summary.fromTag, "to_user": summary.toUser, "to_tag": summary.toTag,
        "callid": summary.callID, "cseq": summary.cseq, "method": summary.method,
        "user_agent": summary.userAgent,
    ]
}

/// Shape 3(a): a stored row.
func storedRow(_ message: CapturedMessage, id: Int) -> [String: Any] {
    let summary = Summary(message.payload)
    return [
        "id": id, "sid": summary.callID,
        "create_date": message.time.rfc3339(fractionDigits: 6),
        "protocol_header": protocolHeader(message, captureID: "2001"),
        "data_header": dataHeader(summary),
        "raw": String(decoding: message.payload, as: UTF8.self),
        "dbnode": "local", "node": "homer01", "profile": "call",
    ]
}

/// Shape 3(b) and 4 `messages[]`: both headers merged flat, plus the search fields.
func flatItem(_ message: CapturedMessage, id: Int, aliases: [Endpoint: String]) -> [String: Any] {
    var item = protocolHeader(message, captureID: 2001)
    for (key, value) in dataHeader(Summary(message.payload)) { item[key] = value }
    let milliseconds = message.time.nanoseconds / 1_000_000
    item["id"] = id
    item["sid"] = Summary(message.payload).callID
    item["uuid"] = ""
    item["node"] = "homer01"
    item["dbnode"] = "local"
    item["table"] = "hep_proto_1_call"
    item["aliasSrc"] = aliases[message.source] ?? ""
    item["aliasDst"] = aliases[message.destination] ?? ""
    item["create_date"] = milliseconds
    item["create_ts"] = milliseconds
    item["micro_ts"] = microseconds(message.time)
    item["raw"] = String(decoding: message.payload, as: UTF8.self)
    return item
}

/// Shape 4 `calldata[]`: one arrow per message.
func arrow(_ message: CapturedMessage, id: Int, lanes: [Endpoint], aliases: [Endpoint: String]) -> [String: Any] {
    let summary = Summary(message.payload)
    let raw = String(decoding: message.payload, as: UTF8.self)
    let isResponse = summary.method.allSatisfy(\.isNumber)
    let methodText = isResponse ? String(message.startLine.dropFirst("SIP/2.0 ".count)) : summary.method
    return [
        "id": id, "sid": summary.callID,
        "srcHost": plain(message.source.address), "dstHost": plain(message.destination.address),
        "srcId": hostKey(message.source), "dstId": hostKey(message.destination),
        "srcIp": plain(message.source.address), "dstIp": plain(message.destination.address),
        "srcPort": Int(message.source.port), "dstPort": Int(message.destination.port),
        "aliasSrc": aliases[message.source] ?? "", "aliasDst": aliases[message.destination] ?? "",
        "method": summary.method, "method_text": methodText,
        "create_date": message.time.nanoseconds / 1_000_000,
        "protocol": protocolNumber(message.transport),
        "msg_color": isResponse ? "green" : "blue",
        "table": "hep_proto_1_call",
        "destination": lanes.firstIndex(of: message.destination) ?? 0,
        "micro_ts": microseconds(message.time),
        "ruri_user": String(raw.prefix(50)),
    ]
}

/// Section 2: `proto:UDP <RFC 3339>  src:port ---> dst:port`, empty line, raw, CRLF.
func textExport(_ messages: [CapturedMessage]) -> Data {
    var output = Data()
    for message in messages {
        let proto = message.transport == .sctp ? "SCTP" : message.transport == .udp ? "UDP" : "TCP"
        let header =
            "proto:\(proto) \(message.time.rfc3339(fractionDigits: 6))  "
            + "\(plain(message.source.address)):\(message.source.port) ---> "
            + "\(plain(message.destination.address)):\(message.destination.port)\r\n\r\n"
        output.append(Data(header.utf8))
        output.append(Data(message.payload))
        output.append(Data("\r\n".utf8))
    }
    return output
}

/// Section 1: one UDP frame per message, Ethernet with Homer's fixed MACs, IPv4 TTL 54,
/// snaplen 65536. Written by PcapWriter (valid UDP checksums; TTL is outside the UDP
/// pseudo-header), then the MACs, TTL and IPv4 header checksum patched.
func homerPcap(_ messages: [CapturedMessage]) -> Data {
    var options = PcapWriter.Options()
    options.mtu = 65_535
    var writer = PcapWriter(options: options)
    var bytes = writer.fileHeader()
    // snaplen 65536, little-endian, at offset 16.
    bytes.replaceSubrange(16..<20, with: [0x00, 0x00, 0x01, 0x00])
    for var message in messages {
        message.transport = .udp
        let start = bytes.count
        guard writer.append(message, to: &bytes) == 1 else { fail("message too large for one UDP frame") }
        let frame = start + 16
        bytes.replaceSubrange(
            frame..<frame + 12,
            with: [0x06, 0x3D, 0x20, 0x12, 0x10, 0x20, 0x02, 0x5D, 0x69, 0x74, 0x20, 0x12]
        )
        if bytes[frame + 12] == 0x08, bytes[frame + 13] == 0x00 {
            let ip = frame + 14
            bytes[ip + 8] = 54
            bytes[ip + 10] = 0
            bytes[ip + 11] = 0
            var sum: UInt32 = 0
            for offset in stride(from: ip, to: ip + 20, by: 2) {
                sum += UInt32(bytes[offset]) << 8 | UInt32(bytes[offset + 1])
            }
            while sum > 0xFFFF { sum = (sum & 0xFFFF) + (sum >> 16) }
            let checksum = ~UInt16(sum)
            bytes[ip + 10] = UInt8(checksum >> 8)
            bytes[ip + 11] = UInt8(checksum & 0xFF)
        }
    }
    return Data(bytes)
}

func write(_ data: Data, _ directory: URL, _ name: String) {
    do {
        try data.write(to: directory.appendingPathComponent(name))
    } catch {
        fail("cannot write \(name): \(error)")
    }
}

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 2, let outputPath = arguments.first else {
    fail("usage: sipdiag-fixturegen OUTPUT_DIR CAPTURE=CALL-ID=NAME [CAPTURE=CALL-ID=NAME ...]")
}
let output = URL(fileURLWithPath: outputPath)
var calls: [Call] = []
for argument in arguments.dropFirst() {
    let parts = argument.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 3 else { fail("expected CAPTURE=CALL-ID=NAME, got \(argument)") }
    var messages: [CapturedMessage] = []
    do {
        let reader = try CaptureReader(path: parts[0])
        while let item = try reader.next() {
            if case .message(let message) = item, Summary(message.payload).callID == parts[1] {
                messages.append(message)
            }
        }
    } catch {
        fail("\(parts[0]): \(error)")
    }
    guard !messages.isEmpty else { fail("no message with Call-ID \(parts[1]) in \(parts[0])") }
    calls.append(Call(name: parts[2], callID: parts[1], messages: messages))
}

var manifest: [[String: Any]] = []
for call in calls {
    var lanes: [Endpoint] = []
    for message in call.messages {
        for endpoint in [message.source, message.destination] where !lanes.contains(endpoint) { lanes.append(endpoint) }
    }
    // Lane names as an operator would set them in Homer: the caller first, then the callee.
    var aliases: [Endpoint: String] = [:]
    for (index, lane) in lanes.enumerated() { aliases[lane] = index == 0 ? "caller" : "callee-\(index)" }
    let items = call.messages.enumerated().map { flatItem($1, id: $0 + 1, aliases: aliases) }
    let keys = Array(Set(items.flatMap(\.keys))).sorted()
    write(json(["total": items.count, "data": items, "keys": keys]), output, call.name + ".json")
    write(json(call.messages.enumerated().map { storedRow($1, id: $0 + 1) }), output, call.name + ".rows.json")
    var hosts: [String: Any] = [:]
    var alias: [String: String] = [:]
    for (position, lane) in lanes.enumerated() {
        hosts[hostKey(lane)] = ["host": [hostKey(lane)], "position": position]
        alias[hostKey(lane)] = aliases[lane]
    }
    let flow: [String: Any] = [
        "messages": items,
        "calldata": call.messages.enumerated().map { arrow($1, id: $0 + 1, lanes: lanes, aliases: aliases) },
        "hosts": hosts,
        "alias": alias,
    ]
    write(json(["total": items.count, "data": flow, "keys": keys]), output, call.name + ".transaction.json")
    write(textExport(call.messages), output, call.name + ".txt")
    write(homerPcap(call.messages), output, call.name + ".homer.pcap")
    manifest.append([
        "callId": call.callID,
        "firstTime": (call.messages.first?.time.nanoseconds ?? 0) / 1_000_000,
        "lastTime": (call.messages.last?.time.nanoseconds ?? 0) / 1_000_000,
        "files": [
            "pcap": call.name + ".homer.pcap", "json": call.name + ".json",
            "transaction": call.name + ".transaction.json", "text": call.name + ".txt",
        ],
    ])
}
write(json(["captures": manifest]), output, "manifest.json")
