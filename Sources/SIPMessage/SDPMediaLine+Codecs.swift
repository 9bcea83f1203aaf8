extension SDPMediaLine {
    /// ``SDPMedia/codecs`` of a parsed media description read straight from the body: its `m=`
    /// line is `lines[mLine]` and its `a=` lines are among `rest`. The same result as decoding
    /// the attributes first (RFC 3264 section 5.1 order, the first `a=rtpmap` or `a=fmtp` of a
    /// format wins), without making a String per attribute. Past a handful of `a=rtpmap` or
    /// `a=fmtp` lines, a table of the first line per payload type replaces the scan of the lines
    /// per format (an `m=` line may list thousands); `nil` when `a=fmtp` lines name formats that
    /// are not payload types too, which the decoded attributes' tables handle.
    static func codecs(_ body: SDPParsedBody, mLine: Int, rest: Range<Int>) -> [SDPCodec]? {
        CodecLookup.read(body, mLine: mLine, rest: rest) { lookup, formats, isRTP in
            var position = formats.startIndex
            var result: [SDPCodec] = []
            result.reserveCapacity(SDPText.fieldCount(formats))
            while let format = SDPText.nextField(formats, from: &position) {
                // A payload type written without leading zeros (nearly always): read once, for
                // the format's text, its `a=fmtp` and its `a=rtpmap`.
                let number = SDPText.payloadType(format)
                let payloadType = isRTP ? number ?? SDPText.decimal(format, maximum: 127) : nil
                let formatText = number.map { SDPText.payloadTypeTexts[$0] } ?? SDPText.string(format)
                let parameters = lookup.fmtpParameters(of: format, number: number)
                if let payloadType, let (map, _) = lookup.rtpMapFields(of: payloadType) {
                    // Made in place: going through an `SDPRTPMap` and `SDPCodec.describing` copied
                    // the codec's Strings twice more.
                    result.append(
                        SDPCodec(
                            format: formatText,
                            payloadType: payloadType,
                            encodingName: SDPText.token(map.name),
                            clockRate: map.clockRate,
                            channels: map.channels,
                            parameters: parameters
                        )
                    )
                } else {
                    result.append(
                        SDPCodec.describing(
                            format: formatText,
                            payloadType: payloadType,
                            rtpMap: nil,
                            parameters: parameters
                        )
                    )
                }
            }
            return result
        }
    }

    /// ``SDPCodec/name`` of each codec of ``codecs(_:mLine:rest:)``, in order, without making the
    /// codecs: no `a=fmtp` parameters, and the name is the `a=rtpmap` encoding's bytes when they
    /// read as the name would be written (RFC 8866 section 6.6 `<name>/<rate>[/<channels>]`).
    /// `nil` where ``codecs(_:mLine:rest:)`` is.
    static func codecNames(_ body: SDPParsedBody, mLine: Int, rest: Range<Int>) -> [String]? {
        CodecLookup.read(body, mLine: mLine, rest: rest) { lookup, formats, isRTP in
            var position = formats.startIndex
            var result: [String] = []
            result.reserveCapacity(SDPText.fieldCount(formats))
            while let format = SDPText.nextField(formats, from: &position) {
                let payloadType = isRTP ? SDPText.decimal(format, maximum: 127) : nil
                if let payloadType, let (map, mapValue) = lookup.rtpMapFields(of: payloadType) {
                    result.append(name(map, in: mapValue))
                } else if let payloadType, let known = SDPCodec.staticPayloadType(payloadType) {
                    result.append(known.name)
                } else {
                    result.append(SDPText.format(format))
                }
            }
            return result
        }
    }

    /// ``SDPCodec/name`` of an `a=rtpmap` whose value is `value`: its `<name>/<rate>[/<channels>]`
    /// bytes as written when they are the text ``SDPCodec/name`` makes (the numbers without
    /// leading zeros, no channel count of 1, which the name leaves out); else that text made.
    private static func name(_ map: SDPRTPMap.Fields, in value: SDPBytes) -> String {
        if let clockRate = map.clockRate, map.channels != 1, map.name.startIndex >= value.startIndex {
            let base = value.base
            var end = map.name.endIndex
            // Unchecked reads of `base`: `end` is checked against the value's end first, and the
            // value lies within its base buffer.
            while end < value.endIndex, !SDPText.isBlank(base[end]) { end += 1 }
            // The parse read the numbers from these digits, so a field exactly as long as the
            // name, `/` and the numbers' digits holds them without leading zeros.
            var length = map.name.count + 1 + digitCount(clockRate)
            if let channels = map.channels { length += 1 + digitCount(channels) }
            if end - map.name.startIndex == length { return SDPText.token(value[map.name.startIndex..<end]) }
        }
        return SDPCodec(
            format: "",
            payloadType: nil,
            encodingName: SDPText.token(map.name),
            clockRate: map.clockRate,
            channels: map.channels
        ).name
    }

    /// How many decimal digits `number` (not negative) has.
    private static func digitCount(_ number: Int) -> Int {
        var count = 1
        var rest = number / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        return count
    }
}

/// Finds the `a=rtpmap` and `a=fmtp` lines of a format among a parsed media description's lines
/// (RFC 8866 sections 6.6 and 6.15), reading the line records through one buffer pointer: going
/// through the body's array per line cost more than the rest of reading a codec.
private struct CodecLookup {
    /// The body's line records.
    let records: UnsafeBufferPointer<SDPLineRecord>
    /// The lines after the `m=` line, inside `records`.
    let lines: Range<Int>
    /// The body's bytes.
    let bytes: SDPBytes
    /// ``firstLines(_:_:_:)`` when the lines are many.
    let table: [Int]?
    /// One bit per payload type (0 to 127) named by an `a=rtpmap` line that parses.
    let mapped: PayloadTypeSet
    /// One bit per payload type named by an `a=fmtp` line.
    let withParameters: PayloadTypeSet

    /// A set of RTP payload types (0 to 127, RFC 3550 section 5.1) in two words: the formats
    /// without an `a=rtpmap` or `a=fmtp` line are found without a scan of the lines.
    struct PayloadTypeSet {
        private var low: UInt64 = 0
        private var high: UInt64 = 0

        /// Adds `payloadType`; numbers past 127 are not payload types and are ignored.
        mutating func insert(_ payloadType: UInt8) {
            if payloadType < 64 {
                low |= 1 &<< UInt64(payloadType)
            } else if payloadType < 128 {
                high |= 1 &<< UInt64(payloadType &- 64)
            }
        }

        func contains(_ payloadType: Int) -> Bool {
            if payloadType >= 0, payloadType < 64 { return low & 1 &<< UInt64(payloadType) != 0 }
            if payloadType >= 64, payloadType < 128 { return high & 1 &<< UInt64(payloadType &- 64) != 0 }
            return false
        }
    }

    /// Calls `read` with a lookup over `rest`, the formats of the `m=` line `mLine` and whether
    /// its protocol is RTP; `nil` when `mLine` is no line, or a table is needed and cannot be
    /// made (``firstLines(_:_:_:)``).
    static func read<Result>(
        _ body: SDPParsedBody,
        mLine: Int,
        rest: Range<Int>,
        _ read: (CodecLookup, SDPBytes, Bool) -> Result
    ) -> Result? {
        body.lines.withUnsafeBufferPointer { records in
            guard records.indices.contains(mLine) else { return nil }
            let rest = rest.clamped(to: 0..<records.count)
            var maps = 0
            var fmtps = 0
            var mapped = PayloadTypeSet()
            var withParameters = PayloadTypeSet()
            // `rest` is clamped to the records: every index read is inside the buffer.
            for index in rest where records[index].type == SDPLineRecord.attribute {
                let record = records[index]
                if record.kind == SDPDecodedAttributes.Kind.rtpmap.rawValue {
                    maps += 1
                    mapped.insert(record.payloadType)
                } else if record.kind == SDPDecodedAttributes.Kind.fmtp.rawValue {
                    fmtps += 1
                    withParameters.insert(record.payloadType)
                }
            }
            return body.read { bytes -> Result? in
                var table: [Int]?
                if maps > 8 || fmtps > 8 {
                    guard let firsts = firstLines(records, rest, bytes) else { return nil }
                    table = firsts
                }
                let value = SDPParsedBody.value(records[mLine], in: bytes)
                // <media> <port> <proto>: the parse checked them, only the protocol matters here.
                var position = value.startIndex
                _ = SDPText.nextField(value, from: &position)
                _ = SDPText.nextField(value, from: &position)
                let isRTP = SDPText.nextField(value, from: &position).map { SDPMedia.isRTP($0) } ?? false
                let lookup = CodecLookup(
                    records: records,
                    lines: rest,
                    bytes: bytes,
                    table: table,
                    mapped: mapped,
                    withParameters: withParameters
                )
                return read(lookup, value[min(position, value.endIndex)...], isRTP)
            }
        }
    }

    /// The value after the name of the `a=` line `record`, `nil` for a property attribute.
    private func attributeValue(_ record: SDPLineRecord) -> SDPBytes? {
        SDPText.splitOnce(SDPParsedBody.value(record, in: bytes), at: 0x3A).1
    }

    /// The parameters of the first `a=fmtp` line (with a value) for `format`, trimmed, empty when
    /// it has none (RFC 8866 section 6.15: `a=fmtp:<format> <parameters>`).
    /// `number` is the format's ``SDPText/payloadType(_:)``.
    func fmtpParameters(of format: SDPBytes, number payloadType: Int?) -> String? {
        let fmtp = SDPDecodedAttributes.Kind.fmtp.rawValue
        // A payload type number: the parser recorded the lines naming it.
        if let payloadType, !withParameters.contains(payloadType) { return nil }
        let number = payloadType.map { UInt8(truncatingIfNeeded: $0) }
        var lines = lines
        if let table {
            // Every a=fmtp line with a value names a payload type here (`firstLines`).
            guard let number, let first = Self.line(table, 128 + Int(number), in: lines) else { return nil }
            lines = first..<(first + 1)
        }
        // `lines` lies inside the records (`read` clamps it, a table line is inside it).
        for index in lines where records[index].kind == fmtp {
            let record = records[index]
            if let number, record.payloadType != number { continue }
            guard record.type == SDPLineRecord.attribute else { continue }
            // The parse recorded where the parameters are: for a payload type, nothing else to check.
            if number != nil, let part = record.part { return SDPText.string(Self.clamped(part, in: bytes)) }
            guard let value = attributeValue(record) else { continue }
            // `<format> <parameters>`: the format ends at the first SP (RFC 8866 section 6.15).
            let (candidate, parameters) = SDPText.splitOnce(SDPText.trimmed(value), at: 0x20)
            guard number != nil || Self.sameFormat(candidate, format) else { continue }
            return parameters.map { SDPText.string(SDPText.trimmed($0)) } ?? ""
        }
        return nil
    }

    /// `range` of the body's `bytes`, clamped to them so that no recorded range can index outside.
    private static func clamped(_ range: Range<Int>, in bytes: SDPBytes) -> SDPBytes {
        let end = min(max(range.upperBound, bytes.startIndex), bytes.endIndex)
        let start = min(max(range.lowerBound, bytes.startIndex), end)
        return bytes[start..<end]
    }

    /// Whether two formats have the same text. Equal bytes are; otherwise only bytes outside
    /// ASCII can make equal Strings (canonical equivalence), so only then are Strings compared.
    private static func sameFormat(_ lhs: SDPBytes, _ rhs: SDPBytes) -> Bool {
        if lhs.elementsEqual(rhs) { return true }
        guard lhs.contains(where: { $0 >= 0x80 }) || rhs.contains(where: { $0 >= 0x80 }) else { return false }
        return SDPText.format(lhs) == SDPText.format(rhs)
    }

    /// The fields of the first `a=rtpmap` line that parses and maps `payloadType` (RFC 8866
    /// section 6.6), and that line's value: the parser recorded the payload type of each that
    /// parses.
    func rtpMapFields(of payloadType: Int) -> (SDPRTPMap.Fields, SDPBytes)? {
        guard mapped.contains(payloadType) else { return nil }
        var lines = lines
        if let table {
            guard let first = Self.line(table, payloadType, in: lines) else { return nil }
            lines = first..<(first + 1)
        }
        let rtpmap = SDPDecodedAttributes.Kind.rtpmap.rawValue
        // `lines` lies inside the records (`read` clamps it, a table line is inside it).
        for index in lines where Int(records[index].payloadType) == payloadType {
            let record = records[index]
            guard record.type == SDPLineRecord.attribute, record.kind == rtpmap else { continue }
            if let part = record.part {
                // What the parse read: the name, and the rest of the value after it.
                let name = Self.clamped(part, in: bytes)
                let rest = Self.clamped(name.startIndex..<record.end, in: bytes)
                let map: SDPRTPMap.Fields = (
                    payloadType,
                    name,
                    record.clockRate == 0 ? nil : Int(record.clockRate),
                    record.channels == 0 ? nil : Int(record.channels)
                )
                return (map, rest)
            }
            guard let value = attributeValue(record) else { continue }
            if let map = try? SDPRTPMap.fields(value) { return (map, value) }
        }
        return nil
    }

    /// The first line of each payload type among `lines` (inside `records`): slots 0 to 127 for
    /// `a=rtpmap` lines that parse, 128 to 255 for `a=fmtp` lines naming the payload type; -1
    /// when none. `nil` when an `a=fmtp` line with a value names another format.
    private static func firstLines(
        _ records: UnsafeBufferPointer<SDPLineRecord>,
        _ lines: Range<Int>,
        _ bytes: SDPBytes
    ) -> [Int]? {
        let rtpmap = SDPDecodedAttributes.Kind.rtpmap.rawValue
        let fmtp = SDPDecodedAttributes.Kind.fmtp.rawValue
        var firsts = [Int](repeating: -1, count: 256)
        for index in lines where records[index].type == SDPLineRecord.attribute {
            let record = records[index]
            guard record.kind == rtpmap || record.kind == fmtp else { continue }
            guard record.payloadType < 128 else {
                let value = SDPText.splitOnce(SDPParsedBody.value(record, in: bytes), at: 0x3A).1
                if record.kind == fmtp, value != nil { return nil }
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
