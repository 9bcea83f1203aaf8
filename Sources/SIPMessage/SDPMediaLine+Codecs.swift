extension SDPMediaLine {
    /// ``SDPMedia/codecs`` of a parsed media description read straight from the body: its `m=`
    /// line is `lines[mLine]` and its `a=` lines are among `rest`. The same result as decoding
    /// the attributes first (RFC 3264 section 5.1 order, the first `a=rtpmap` or `a=fmtp` of a
    /// format wins), without making a String per attribute. Past a handful of `a=rtpmap` or
    /// `a=fmtp` lines, a table of the first line per payload type replaces the scan of the lines
    /// per format (an `m=` line may list thousands); `nil` when `a=fmtp` lines name formats that
    /// are not payload types too, which the decoded attributes' tables handle.
    static func codecs(_ body: SDPParsedBody, mLine: Int, rest: Range<Int>) -> [SDPCodec]? {
        var maps = 0
        var fmtps = 0
        for index in rest where body.lines[index].type == SDPLineRecord.attribute {
            if body.lines[index].kind == SDPDecodedAttributes.Kind.rtpmap.rawValue { maps += 1 }
            if body.lines[index].kind == SDPDecodedAttributes.Kind.fmtp.rawValue { fmtps += 1 }
        }
        guard body.lines.indices.contains(mLine) else { return nil }
        return body.read { bytes -> [SDPCodec]? in
            var table: [Int]?
            if maps > 8 || fmtps > 8 {
                guard let firsts = firstLines(body, rest, bytes) else { return nil }
                table = firsts
            }
            let value = SDPParsedBody.value(body.lines[mLine], in: bytes)
            // <media> <port> <proto>: the parse checked them, only the protocol matters here.
            var position = value.startIndex
            _ = SDPText.nextField(value, from: &position)
            _ = SDPText.nextField(value, from: &position)
            let isRTP = SDPText.nextField(value, from: &position).map { SDPMedia.isRTP($0) } ?? false
            var result: [SDPCodec] = []
            result.reserveCapacity(SDPText.fieldCount(value[position...]))
            while let format = SDPText.nextField(value, from: &position) {
                let payloadType = isRTP ? SDPText.decimal(format, maximum: 127) : nil
                let parameters = fmtpParameters(of: format, body, rest, bytes, table)
                let map = payloadType.flatMap { rtpMap(of: $0, body, rest, bytes, table) }
                result.append(
                    SDPCodec.describing(
                        format: SDPText.format(format),
                        payloadType: payloadType,
                        rtpMap: map,
                        parameters: parameters
                    )
                )
            }
            return result
        }
    }

    /// The value after the name of the `a=` line `record`, `nil` for a property attribute.
    private static func attributeValue(_ record: SDPLineRecord, _ bytes: SDPBytes) -> SDPBytes? {
        SDPText.splitOnce(SDPParsedBody.value(record, in: bytes), at: 0x3A).1
    }

    /// The parameters of the first `a=fmtp` line (with a value) for `format`, trimmed, empty when
    /// it has none (RFC 8866 section 6.15: `a=fmtp:<format> <parameters>`).
    private static func fmtpParameters(
        of format: SDPBytes,
        _ body: SDPParsedBody,
        _ lines: Range<Int>,
        _ bytes: SDPBytes,
        _ table: [Int]?
    ) -> String? {
        let fmtp = SDPDecodedAttributes.Kind.fmtp.rawValue
        // A payload type number: the parser recorded the lines naming it.
        let number = SDPText.payloadType(format).map { UInt8(truncatingIfNeeded: $0) }
        var lines = lines
        if let table {
            // Every a=fmtp line with a value names a payload type here (`firstLines`).
            guard let number, let first = line(table, 128 + Int(number), in: lines) else { return nil }
            lines = first..<(first + 1)
        }
        for index in lines where body.lines[index].kind == fmtp {
            let record = body.lines[index]
            if let number, record.payloadType != number { continue }
            guard record.type == SDPLineRecord.attribute, let value = attributeValue(record, bytes) else { continue }
            // `<format> <parameters>`: the format ends at the first SP (RFC 8866 section 6.15).
            let (candidate, parameters) = SDPText.splitOnce(SDPText.trimmed(value), at: 0x20)
            guard number != nil || sameFormat(candidate, format) else { continue }
            return parameters.map { SDPText.string(SDPText.trimmed($0)) } ?? ""
        }
        return nil
    }

    /// Whether two formats have the same text. Equal bytes are; otherwise only bytes outside
    /// ASCII can make equal Strings (canonical equivalence), so only then are Strings compared.
    private static func sameFormat(_ lhs: SDPBytes, _ rhs: SDPBytes) -> Bool {
        if lhs.elementsEqual(rhs) { return true }
        guard lhs.contains(where: { $0 >= 0x80 }) || rhs.contains(where: { $0 >= 0x80 }) else { return false }
        return SDPText.format(lhs) == SDPText.format(rhs)
    }

    /// The first `a=rtpmap` line that parses and maps `payloadType` (RFC 8866 section 6.6): the
    /// parser recorded the payload type of each that parses.
    private static func rtpMap(
        of payloadType: Int,
        _ body: SDPParsedBody,
        _ lines: Range<Int>,
        _ bytes: SDPBytes,
        _ table: [Int]?
    ) -> SDPRTPMap? {
        var lines = lines
        if let table {
            guard let first = line(table, payloadType, in: lines) else { return nil }
            lines = first..<(first + 1)
        }
        for index in lines where Int(body.lines[index].payloadType) == payloadType {
            guard body.lines[index].type == SDPLineRecord.attribute,
                let value = attributeValue(body.lines[index], bytes)
            else { continue }
            if let map = try? SDPRTPMap.parse(value) { return map }
        }
        return nil
    }

    /// The first line of each payload type among `lines`: slots 0 to 127 for `a=rtpmap` lines
    /// that parse, 128 to 255 for `a=fmtp` lines naming the payload type; -1 when none. `nil`
    /// when an `a=fmtp` line with a value names another format.
    private static func firstLines(_ body: SDPParsedBody, _ lines: Range<Int>, _ bytes: SDPBytes) -> [Int]? {
        let rtpmap = SDPDecodedAttributes.Kind.rtpmap.rawValue
        let fmtp = SDPDecodedAttributes.Kind.fmtp.rawValue
        var firsts = [Int](repeating: -1, count: 256)
        for index in lines where body.lines[index].type == SDPLineRecord.attribute {
            let record = body.lines[index]
            guard record.kind == rtpmap || record.kind == fmtp else { continue }
            guard record.payloadType < 128 else {
                if record.kind == fmtp, attributeValue(record, bytes) != nil { return nil }
                continue
            }
            let slot = Int(record.payloadType) + (record.kind == fmtp ? 128 : 0)
            if firsts[slot] < 0 { firsts[slot] = index }
        }
        return firsts
    }

    /// The line in `table` at `slot`, when there is one inside `lines`.
    private static func line(_ table: [Int], _ slot: Int, in lines: Range<Int>) -> Int? {
        guard table.indices.contains(slot), lines.contains(table[slot]) else { return nil }
        return table[slot]
    }
}
