/// A small, bounded decoder for DEFLATE data (RFC 1951), bare or in zlib (RFC 1950) or gzip
/// (RFC 1952) framing: HEP's compressed payload chunk (type 16) needs it, and the package takes
/// no dependencies.
///
/// Input is untrusted, so hostile data can only make it fail, never trap or run long: every bit
/// read is bounds-checked, every loop either consumes input or produces output, and output stops
/// at `maxOutput` bytes. Huffman codes are canonical (RFC 1951 section 3.2.2) and decoded bit by
/// bit, as in zlib's reference decoder `puff.c`: slower than table lookup, but compressed HEP is
/// rare and the simple form is easy to check.
enum Inflate {
    /// Why the data could not be decompressed.
    struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        let reason: String
        init(_ reason: String) { self.reason = reason }
        var description: String { reason }
    }

    /// How the DEFLATE stream is wrapped.
    enum Framing: Hashable, Sendable {
        /// RFC 1950: 2-byte header, Adler-32 trailer.
        case zlib
        /// RFC 1952: `1f 8b` header with optional fields, CRC-32 and size trailer.
        case gzip
        /// RFC 1951 blocks with no wrapper.
        case raw
    }

    /// The framing `bytes` start with: gzip by its magic, zlib by a valid RFC 1950 section 2.2
    /// header (CM 8, window at most 32 KiB, FCHECK making the first two bytes a multiple of 31),
    /// raw DEFLATE otherwise.
    static func framing(of bytes: UnsafeRawBufferPointer) -> Framing {
        guard let first = bytes.u8(at: 0), let second = bytes.u8(at: 1) else { return .raw }
        if first == 0x1f, second == 0x8b { return .gzip }
        if first & 0x0f == 8, first >> 4 <= 7, (UInt16(first) << 8 | UInt16(second)) % 31 == 0 { return .zlib }
        return .raw
    }

    /// Decompresses `bytes` (framing detected by ``framing(of:)``), checking the zlib or gzip
    /// trailer. Bytes after the end of the stream are ignored.
    static func decompress(_ bytes: UnsafeRawBufferPointer, maxOutput: Int) throws(Failure) -> [UInt8] {
        switch framing(of: bytes) {
        case .raw:
            return try inflate(raw: bytes, maxOutput: maxOutput).output
        case .zlib:
            return try decompressZlib(bytes, maxOutput: maxOutput)
        case .gzip:
            return try decompressGzip(bytes, maxOutput: maxOutput)
        }
    }

    /// Decodes raw DEFLATE blocks up to and including the final one (RFC 1951 section 3.2.3);
    /// `consumed` is the number of input bytes they took, so that a trailer can follow.
    static func inflate(
        raw bytes: UnsafeRawBufferPointer,
        maxOutput: Int
    ) throws(Failure) -> (
        output: [UInt8], consumed: Int
    ) {
        var reader = BitReader(bytes: bytes)
        var output: [UInt8] = []
        output.reserveCapacity(min(max(maxOutput, 0), bytes.count &* 4))
        var isFinal = false
        repeat {
            isFinal = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0:
                try copyStoredBlock(&reader, into: &output, maxOutput: maxOutput)
            case 1:
                try decodeBlock(&reader, into: &output, maxOutput: maxOutput, codes: fixedCodes)
            case 2:
                let codes = try readDynamicCodes(&reader)
                try decodeBlock(&reader, into: &output, maxOutput: maxOutput, codes: codes)
            default:
                throw Failure("invalid DEFLATE block type 3")
            }
        } while !isFinal
        return (output, reader.consumed)
    }

    // MARK: - Framing

    /// RFC 1950 section 2.2; a preset dictionary (FDICT) cannot be supplied, so it is refused.
    private static func decompressZlib(_ bytes: UnsafeRawBufferPointer, maxOutput: Int) throws(Failure) -> [UInt8] {
        if let flags = bytes.u8(at: 1), flags & 0x20 != 0 {
            throw Failure("zlib stream needs a preset dictionary")
        }
        let body = bytes.slice(from: 2)
        let (output, consumed) = try inflate(raw: body, maxOutput: maxOutput)
        guard let expected = body.u32(at: consumed, bigEndian: true) else {
            throw Failure("zlib stream has no Adler-32 trailer")
        }
        guard adler32(output) == expected else { throw Failure("zlib Adler-32 check failed") }
        return output
    }

    /// RFC 1952 section 2.3: skips the optional header fields, then checks CRC-32 and ISIZE.
    private static func decompressGzip(_ bytes: UnsafeRawBufferPointer, maxOutput: Int) throws(Failure) -> [UInt8] {
        guard let method = bytes.u8(at: 2), let flags = bytes.u8(at: 3), bytes.count >= 10 else {
            throw Failure("gzip header ends early")
        }
        guard method == 8 else { throw Failure("gzip compression method \(method) is not DEFLATE") }
        guard flags & 0xe0 == 0 else { throw Failure("gzip header has reserved flags set") }
        var offset = 10
        if flags & 0x04 != 0 {
            guard let extraLength = bytes.u16(at: offset, bigEndian: false),
                bytes.slice(at: offset + 2, count: Int(extraLength)) != nil
            else { throw Failure("gzip extra field ends early") }
            offset += 2 + Int(extraLength)
        }
        for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {
            // File name and comment are zero-terminated (ISO 8859-1).
            while true {
                guard let byte = bytes.u8(at: offset) else { throw Failure("gzip header string ends early") }
                offset += 1
                if byte == 0 { break }
            }
        }
        if flags & 0x02 != 0 { offset += 2 }
        guard offset <= bytes.count else { throw Failure("gzip header ends early") }
        let body = bytes.slice(from: offset)
        let (output, consumed) = try inflate(raw: body, maxOutput: maxOutput)
        guard let crc = body.u32(at: consumed, bigEndian: false),
            let size = body.u32(at: consumed + 4, bigEndian: false)
        else { throw Failure("gzip stream has no CRC-32 and size trailer") }
        guard crc32(output) == crc else { throw Failure("gzip CRC-32 check failed") }
        guard UInt32(truncatingIfNeeded: output.count) == size else { throw Failure("gzip size check failed") }
        return output
    }

    // MARK: - Blocks

    /// RFC 1951 section 3.2.4: byte-aligned LEN, its complement NLEN, then LEN literal bytes.
    private static func copyStoredBlock(
        _ reader: inout BitReader,
        into output: inout [UInt8],
        maxOutput: Int
    ) throws(Failure) {
        reader.alignToByte()
        let length = try reader.bits(16)
        let complement = try reader.bits(16)
        guard length == ~complement & 0xffff else { throw Failure("stored block length does not match its complement") }
        guard length <= maxOutput - output.count else { throw tooLarge(maxOutput) }
        var remaining = length
        // Whole bytes already pulled into the bit buffer come first.
        while remaining > 0, reader.bitCount >= 8 {
            output.append(UInt8(truncatingIfNeeded: try reader.bits(8)))
            remaining -= 1
        }
        guard let literal = reader.bytes.slice(at: reader.offset, count: remaining) else {
            throw Failure("stored block ends early")
        }
        output.append(contentsOf: literal)
        reader.offset += remaining
    }

    /// Decodes literal/length and distance symbols until end-of-block (RFC 1951 section 3.2.5).
    private static func decodeBlock(
        _ reader: inout BitReader,
        into output: inout [UInt8],
        maxOutput: Int,
        codes: (literal: Huffman, distance: Huffman)
    ) throws(Failure) {
        while true {
            let symbol = try codes.literal.decode(&reader)
            if symbol < 256 {
                guard output.count < maxOutput else { throw tooLarge(maxOutput) }
                output.append(UInt8(truncatingIfNeeded: symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < lengthBase.count else { throw Failure("invalid length symbol \(symbol)") }
            let length = lengthBase[lengthIndex] + (try reader.bits(lengthExtraBits[lengthIndex]))
            let distanceSymbol = try codes.distance.decode(&reader)
            guard distanceSymbol < distanceBase.count else {
                throw Failure("invalid distance symbol \(distanceSymbol)")
            }
            let distance = distanceBase[distanceSymbol] + (try reader.bits(distanceExtraBits[distanceSymbol]))
            guard distance <= output.count else {
                throw Failure("distance \(distance) reaches before the output start")
            }
            guard length <= maxOutput - output.count else { throw tooLarge(maxOutput) }
            // The copy may overlap what it appends (distance < length): copy byte by byte.
            var from = output.count - distance
            for _ in 0..<length {
                output.append(output[from])
                from += 1
            }
        }
    }

    /// RFC 1951 section 3.2.7: the code-length code, then the literal/length and distance code
    /// lengths it encodes, with run-length symbols 16 to 18.
    private static func readDynamicCodes(
        _ reader: inout BitReader
    ) throws(Failure) -> (
        literal: Huffman, distance: Huffman
    ) {
        let literalCount = try reader.bits(5) + 257
        let distanceCount = try reader.bits(5) + 1
        let codeLengthCount = try reader.bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw Failure("too many length or distance codes") }
        var lengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount {
            lengths[codeLengthOrder[index]] = try reader.bits(3)
        }
        let (lengthCode, lengthCodeLeft) = Huffman.build(lengths[...])
        guard lengthCodeLeft == 0 else { throw Failure("incomplete or over-subscribed code-length code") }

        let total = literalCount + distanceCount
        lengths = [Int](repeating: 0, count: total)
        var index = 0
        while index < total {
            let symbol = try lengthCode.decode(&reader)
            if symbol < 16 {
                lengths[index] = symbol
                index += 1
                continue
            }
            var value = 0
            let repeatCount: Int
            switch symbol {
            case 16:
                guard index > 0 else { throw Failure("repeated code length with no previous length") }
                value = lengths[index - 1]
                repeatCount = 3 + (try reader.bits(2))
            case 17:
                repeatCount = 3 + (try reader.bits(3))
            default:
                repeatCount = 11 + (try reader.bits(7))
            }
            guard repeatCount <= total - index else { throw Failure("code lengths run past the declared count") }
            for _ in 0..<repeatCount {
                lengths[index] = value
                index += 1
            }
        }
        guard lengths[256] != 0 else { throw Failure("no end-of-block code") }
        // An incomplete code is only allowed when it is a single code of one bit (RFC 1951
        // section 3.2.7 and puff.c), because a decoder cannot tell what the missing codes mean.
        let (literal, literalLeft) = Huffman.build(lengths[0..<literalCount])
        guard literalLeft == 0 || (literalLeft > 0 && literalCount == literal.counts[0] + literal.counts[1]) else {
            throw Failure("invalid literal/length code lengths")
        }
        let (distance, distanceLeft) = Huffman.build(lengths[literalCount..<total])
        guard distanceLeft == 0 || (distanceLeft > 0 && distanceCount == distance.counts[0] + distance.counts[1])
        else {
            throw Failure("invalid distance code lengths")
        }
        return (literal, distance)
    }

    private static func tooLarge(_ maxOutput: Int) -> Failure {
        Failure("decompressed data exceeds \(maxOutput) bytes")
    }

    // MARK: - Tables (RFC 1951 section 3.2.5 and 3.2.6)

    private static let lengthBase = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227,
        258,
    ]
    private static let lengthExtraBits = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    private static let distanceBase = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
        6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtraBits = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// The fixed codes of RFC 1951 section 3.2.6. The distance code has all 32 five-bit codes,
    /// so that the two that must not occur (30 and 31) are reported as such.
    private static let fixedCodes: (literal: Huffman, distance: Huffman) = {
        var lengths = [Int](repeating: 8, count: 288)
        for symbol in 144..<256 { lengths[symbol] = 9 }
        for symbol in 256..<280 { lengths[symbol] = 7 }
        return (Huffman.build(lengths[...]).code, Huffman.build([Int](repeating: 5, count: 32)[...]).code)
    }()

    // MARK: - Checksums

    /// RFC 1950 section 9: sums modulo 65521, reduced every 5552 bytes (the most that cannot
    /// overflow 32 bits).
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var low: UInt32 = 1
        var high: UInt32 = 0
        var index = 0
        while index < bytes.count {
            let end = min(index + 5552, bytes.count)
            while index < end {
                low &+= UInt32(bytes[index])
                high &+= low
                index += 1
            }
            low %= 65521
            high %= 65521
        }
        return high << 16 | low
    }

    /// RFC 1952 section 8: the reflected CRC-32 with polynomial 0xedb88320.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in bytes {
            crc = crcTable[Int((crc ^ UInt32(byte)) & 0xff)] ^ (crc >> 8)
        }
        return ~crc
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 {
            value = value & 1 == 1 ? 0xedb8_8320 ^ (value >> 1) : value >> 1
        }
        return value
    }
}

extension Inflate {
    /// Reads DEFLATE's bit stream: least significant bit first (RFC 1951 section 3.1.1).
    fileprivate struct BitReader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0
        var buffer: UInt64 = 0
        var bitCount = 0

        init(bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        /// The next `count` (0 to 16) bits as an integer.
        mutating func bits(_ count: Int) throws(Failure) -> Int {
            while bitCount < count {
                guard let byte = bytes.u8(at: offset) else { throw Failure("compressed data ends early") }
                offset += 1
                buffer |= UInt64(byte) << UInt64(bitCount)
                bitCount += 8
            }
            let value = Int(truncatingIfNeeded: buffer & ((1 << UInt64(count)) - 1))
            buffer >>= UInt64(count)
            bitCount -= count
            return value
        }

        /// Drops the bits left in the current byte (before a stored block).
        mutating func alignToByte() {
            let drop = bitCount % 8
            buffer >>= UInt64(drop)
            bitCount -= drop
        }

        /// Input bytes used so far; whole bytes read ahead into the buffer are given back.
        var consumed: Int { offset - bitCount / 8 }
    }

    /// A canonical Huffman code (RFC 1951 section 3.2.2) as puff.c holds it: how many codes
    /// there are of each length, and the symbols ordered by code.
    fileprivate struct Huffman {
        /// `counts[length]` for lengths 0 to 15; `counts[0]` is the number of unused symbols.
        var counts: [Int]
        var symbols: [Int]

        /// The code for `lengths` (symbol `i` has length `lengths[startIndex + i]`) and how many
        /// codes are left unused: 0 for a complete code, > 0 incomplete, < 0 over-subscribed.
        static func build(_ lengths: ArraySlice<Int>) -> (code: Huffman, left: Int) {
            var counts = [Int](repeating: 0, count: 16)
            for length in lengths { counts[length] += 1 }
            var code = Huffman(counts: counts, symbols: [Int](repeating: 0, count: lengths.count))
            if counts[0] == lengths.count { return (code, 0) }
            var left = 1
            for length in 1...15 {
                left <<= 1
                left -= counts[length]
                if left < 0 { return (code, left) }
            }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
            for (symbol, length) in lengths.enumerated() where length != 0 {
                code.symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
            return (code, left)
        }

        /// The next symbol: codes are read most significant bit first, one bit at a time, and
        /// compared with the first code of each length.
        func decode(_ reader: inout BitReader) throws(Failure) -> Int {
            var code = 0
            var first = 0
            var index = 0
            for length in 1...15 {
                code |= try reader.bits(1)
                let count = counts[length]
                if code - count < first { return symbols[index + (code - first)] }
                index += count
                first += count
                first <<= 1
                code <<= 1
            }
            throw Failure("invalid Huffman code")
        }
    }
}
