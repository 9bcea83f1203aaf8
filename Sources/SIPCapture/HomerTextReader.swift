/// Reads the text export of a Homer capture server, what the capture API returns for
/// `format=text`: one block per message, in time order, each a header line, an empty line and
/// the message as captured followed by CRLF.
///
/// ```
/// proto:UDP 2024-09-27T00:00:00.123456Z  10.0.0.1:5060 ---> 10.0.0.2:5060
///
/// INVITE sip:bob@example.com SIP/2.0
/// ...
/// ```
///
/// Homer 7 writes `proto:UDP|TCP|SCTP`, an RFC 3339 time, two spaces, and IPv6 addresses
/// without brackets (the port follows the last colon). Homer 5 wrote an ngrep-like header
/// instead: `U 2019/01/23 14:59:33.529784 +0000 10.0.1.50:5080 -> 10.9.5.7:5060` (`U` or `T`,
/// the microseconds not always zero-padded). A message ends where its Content-Length says
/// (RFC 3261 section 20.14), or before the CRLF the export adds.
enum HomerTextReader {
    /// What one header line says.
    struct Header: Equatable {
        var transport: SIPTransport
        var time: CaptureTime
        var source: Endpoint
        var destination: Endpoint
    }

    /// Whether the input's first line is a Homer export header.
    static func looksLikeHomerText(_ head: UnsafeRawBufferPointer) -> Bool {
        let end = StreamHeaderSection.firstLineFeed(head, from: 0) ?? head.count
        return header(line: head.prefix(upTo: end)) != nil
    }

    /// The messages of the export in `input`.
    static func messages(_ input: ByteInput, limits: CaptureLimits) throws(CaptureError) -> [CapturedMessage] {
        split(try SIPTextReader.readAll(input, limits: limits))
    }

    /// Splits an export into its messages.
    static func split(_ bytes: [UInt8]) -> [CapturedMessage] {
        bytes.withUnsafeBytes { raw in
            var blocks: [(header: Header, start: Int, lineStart: Int)] = []
            var lineStart = 0
            // Lines inside a body that Content-Length covers are never headers.
            var skipUntil = 0
            while lineStart < raw.count {
                let lineFeed = StreamHeaderSection.firstLineFeed(raw, from: lineStart)
                let lineEnd = lineFeed ?? raw.count
                if lineStart >= skipUntil, let line = raw.slice(at: lineStart, count: lineEnd - lineStart),
                    let header = header(line: line)
                {
                    let start = messageStart(raw, after: lineEnd)
                    blocks.append((header, start, lineStart))
                    if let end = SIPTextReader.contentLengthEnd(raw, start: start) { skipUntil = end }
                }
                guard let lineFeed else { break }
                lineStart = lineFeed + 1
            }
            var result: [CapturedMessage] = []
            for (number, block) in blocks.enumerated() {
                let limit = number + 1 < blocks.count ? blocks[number + 1].lineStart : raw.count
                let end = messageEnd(raw, start: block.start, limit: limit)
                var notes: [CaptureNote] = [.readFromHomerText]
                if isPlaceholder(block.header.source) || isPlaceholder(block.header.destination) {
                    notes.append(.addressUnknown)
                }
                result.append(
                    CapturedMessage(
                        time: block.header.time,
                        source: block.header.source,
                        destination: block.header.destination,
                        transport: block.header.transport,
                        recordNumbers: [number + 1],
                        payload: Array(
                            raw.slice(at: block.start, count: max(0, end - block.start)) ?? raw.slice(from: raw.count)
                        ),
                        notes: notes
                    )
                )
            }
            return result
        }
    }

    /// After the header line's line feed and the empty line that follows it.
    private static func messageStart(_ raw: UnsafeRawBufferPointer, after lineEnd: Int) -> Int {
        var position = min(lineEnd + 1, raw.count)
        if raw.u8(at: position) == 0x0D { position += 1 }
        if raw.u8(at: position) == 0x0A { position += 1 }
        return position
    }

    /// Content-Length's end when it fits before the next block, else the block's end less the
    /// CRLF the export appends.
    private static func messageEnd(_ raw: UnsafeRawBufferPointer, start: Int, limit: Int) -> Int {
        if let end = SIPTextReader.contentLengthEnd(raw, start: start), end <= limit { return end }
        var end = limit
        if end > start, raw.u8(at: end - 1) == 0x0A { end -= 1 }
        if end > start, raw.u8(at: end - 1) == 0x0D { end -= 1 }
        return end
    }

    /// The server's stand-in for a missing address (also in its JSON answers).
    static func isPlaceholder(_ endpoint: Endpoint) -> Bool {
        endpoint.port == 0 && (endpoint.address == .v4(0x7F00_0001) || endpoint.address == .v4(0x7F00_0002))
    }

    /// A Homer 7 or Homer 5 header line (without its line feed), or `nil`.
    static func header(line: UnsafeRawBufferPointer) -> Header? {
        // Headers are short lines starting `proto:` (Homer 7) or `U ` / `T ` (Homer 5): every
        // line of the export is tried, and nearly all are message lines, told apart here
        // without making a String.
        guard line.count <= 200, let first = line.first else { return nil }
        let ngrepStyle = (first == 0x55 || first == 0x54) && line.u8(at: 1) == 0x20
        guard ngrepStyle || line.starts(with: "proto:".utf8) else { return nil }
        var text = String(decoding: line, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        return homer7(text) ?? homer5(text)
    }

    /// `proto:UDP 2024-09-27T00:00:00.123456Z  10.0.0.1:5060 ---> 10.0.0.2:5060`
    private static func homer7(_ text: String) -> Header? {
        guard text.hasPrefix("proto:") else { return nil }
        let fields = text.dropFirst(6).split(separator: " ", omittingEmptySubsequences: false)
        // proto, time, "" (the second space), source, "--->", destination
        guard fields.count == 6, fields[2].isEmpty, fields[4] == "--->",
            let transport = [Substring("UDP"): SIPTransport.udp, "TCP": .tcp, "SCTP": .sctp][fields[0]],
            let time = CaptureTime(rfc3339: fields[1]),
            let source = endpoint(fields[3]), let destination = endpoint(fields[5])
        else { return nil }
        return Header(transport: transport, time: time, source: source, destination: destination)
    }

    /// `U 2019/01/23 14:59:33.529784 +0000 10.0.1.50:5080 -> 10.9.5.7:5060`
    private static func homer5(_ text: String) -> Header? {
        let fields = text.split(separator: " ", omittingEmptySubsequences: false)
        // kind, date, time, offset, source, "->", destination
        guard fields.count == 7, fields[5] == "->",
            let transport = [Substring("U"): SIPTransport.udp, "T": .tcp][fields[0]],
            let time = homer5Time(date: fields[1], time: fields[2], offset: fields[3]),
            let source = endpoint(fields[4]), let destination = endpoint(fields[6])
        else { return nil }
        return Header(transport: transport, time: time, source: source, destination: destination)
    }

    /// `2019/01/23`, `14:59:33.529784` (the digits after the point count microseconds, not
    /// always zero-padded), `+0000`.
    private static func homer5Time(date: Substring, time: Substring, offset: Substring) -> CaptureTime? {
        let clock = time.split(separator: ".", omittingEmptySubsequences: false)
        guard date.count == 10, clock.count <= 2, clock[0].count == 8, offset.count == 5,
            offset.first == "+" || offset.first == "-"
        else { return nil }
        var microseconds: Int64 = 0
        if clock.count == 2 {
            guard (1...6).contains(clock[1].count), clock[1].allSatisfy(\.isASCIIDigit),
                let value = Int64(clock[1])
            else { return nil }
            microseconds = value
        }
        let rfc3339 = "\(date.replacingSlashes)T\(clock[0])\(offset.prefix(3)):\(offset.suffix(2))"
        guard let whole = CaptureTime(rfc3339: rfc3339) else { return nil }
        return CaptureTime(nanoseconds: whole.nanoseconds &+ microseconds * 1000)
    }

    /// `ip:port`, the port after the last colon (IPv6 unbracketed or bracketed).
    private static func endpoint(_ text: Substring) -> Endpoint? {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]),
            let address = IPAddress(text[..<colon])
        else { return nil }
        return Endpoint(address: address, port: port)
    }
}

extension Substring {
    fileprivate var replacingSlashes: String { String(map { $0 == "/" ? "-" : $0 }) }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
