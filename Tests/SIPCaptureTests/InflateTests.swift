import Testing

@testable import SIPCapture

@Suite struct InflateTests {
    private static func decompress(_ bytes: [UInt8], maxOutput: Int = 1 << 20) throws(Inflate.Failure) -> [UInt8] {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(Inflate.Failure) in try Inflate.decompress(buffer, maxOutput: maxOutput) }
        }
        return try result.get()
    }

    private static func failure(_ bytes: [UInt8], maxOutput: Int = 1 << 20) -> String? {
        do {
            _ = try decompress(bytes, maxOutput: maxOutput)
            return nil
        } catch {
            return error.reason
        }
    }

    private static func framing(_ bytes: [UInt8]) -> Inflate.Framing {
        bytes.withUnsafeBytes { Inflate.framing(of: $0) }
    }

    @Test(arguments: [
        (InflateVectors.zlibShort, InflateVectors.short, Inflate.Framing.zlib),
        (InflateVectors.zlibLong, InflateVectors.long, .zlib),
        (InflateVectors.zlibStored, InflateVectors.short, .zlib),
        (InflateVectors.rawLong, InflateVectors.long, .raw),
        (InflateVectors.gzipLong, InflateVectors.long, .gzip),
    ])
    func pythonVectorsDecompressExactly(compressed: [UInt8], expected: [UInt8], framing: Inflate.Framing) throws {
        #expect(Self.framing(compressed) == framing)
        #expect(try Self.decompress(compressed) == expected)
        // Exactly enough room is enough; one byte less is refused.
        #expect(try Self.decompress(compressed, maxOutput: expected.count) == expected)
        #expect(
            Self.failure(compressed, maxOutput: expected.count - 1)
                == "decompressed data exceeds \(expected.count - 1) bytes"
        )
    }

    @Test func expectedTextsAreTheGeneratedOnes() {
        // Sizes and checksums Python reported for the texts it compressed.
        #expect(InflateVectors.short.count == 87)
        #expect(InflateVectors.long.count == 540)
        #expect(Inflate.adler32(InflateVectors.long) == 0x11ac_98c9)
        #expect(Inflate.crc32(InflateVectors.long) == 0x4b3a_fcd1)
    }

    @Test func checksumsMatchKnownValues() {
        // RFC 1950 / RFC 1952 reference values for "123456789" and the empty string.
        let digits = Array("123456789".utf8)
        #expect(Inflate.crc32(digits) == 0xcbf4_3926)
        #expect(Inflate.adler32(digits) == 0x091e_01de)
        #expect(Inflate.crc32([]) == 0)
        #expect(Inflate.adler32([]) == 1)
        // Long enough to need the modulo reduction inside the loop.
        #expect(Inflate.adler32([UInt8](repeating: 0xff, count: 100_000)) == 0x149a_302c)
    }

    /// Hand-made bad streams (checked to be rejected by zlib too), with the exact reason.
    @Test(
        arguments: [
            ([], "compressed data ends early"),
            ([0x07], "invalid DEFLATE block type 3"),
            ([0x01, 0x05, 0x00, 0x00, 0x00], "stored block length does not match its complement"),
            ([0x01, 0x05, 0x00, 0xfa, 0xff, 0x41], "stored block ends early"),
            ([0x03, 0x02, 0x00], "distance 1 reaches before the output start"),
            ([0x1b, 0x03], "invalid length symbol 286"),
            ([0x73, 0x04, 0x3e], "invalid distance symbol 30"),
            ([0xf5, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], "too many length or distance codes"),
            ([0x05, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00], "incomplete or over-subscribed code-length code"),
            ([0x72, 0x04, 0x00], "compressed data ends early"),
            ([0x78, 0x20, 0x03, 0x00], "zlib stream needs a preset dictionary"),
            ([0x1f, 0x8b, 0x07, 0x00, 0, 0, 0, 0, 0, 3], "gzip compression method 7 is not DEFLATE"),
            ([0x1f, 0x8b, 0x08, 0x20, 0, 0, 0, 0, 0, 3], "gzip header has reserved flags set"),
            ([0x1f, 0x8b, 0x08, 0x08, 0, 0, 0, 0, 0, 3, 0x61, 0x62], "gzip header string ends early"),
            ([0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 3, 0x10, 0x00, 0x01], "gzip extra field ends early"),
            ([0x1f, 0x8b, 0x08], "gzip header ends early"),
        ] as [([UInt8], String)]
    )
    func badStreamsFailWithReason(bytes: [UInt8], reason: String) {
        #expect(Self.failure(bytes) == reason)
    }

    @Test func trailerMismatchesAreDetected() {
        var zlib = InflateVectors.zlibLong
        zlib[zlib.count - 1] ^= 1
        #expect(Self.failure(zlib) == "zlib Adler-32 check failed")
        var crc = InflateVectors.gzipLong
        crc[crc.count - 8] ^= 1
        #expect(Self.failure(crc) == "gzip CRC-32 check failed")
        var size = InflateVectors.gzipLong
        size[size.count - 4] ^= 1
        #expect(Self.failure(size) == "gzip size check failed")
        #expect(Self.failure(Array(InflateVectors.zlibLong.dropLast(4))) == "zlib stream has no Adler-32 trailer")
        #expect(
            Self.failure(Array(InflateVectors.gzipLong.dropLast(8))) == "gzip stream has no CRC-32 and size trailer"
        )
    }

    /// Every proper prefix of a zlib or gzip stream fails (the trailer at least is missing); a
    /// raw stream's prefix either fails or gives a prefix of the text. None traps.
    @Test func everyPrefixFailsOrGivesAPrefix() {
        for vector in [InflateVectors.zlibShort, InflateVectors.zlibLong, InflateVectors.zlibStored] {
            for length in 0..<vector.count {
                #expect(Self.failure(Array(vector.prefix(length))) != nil, "prefix \(length)")
            }
        }
        for length in 0..<InflateVectors.gzipLong.count {
            #expect(Self.failure(Array(InflateVectors.gzipLong.prefix(length))) != nil, "prefix \(length)")
        }
        for length in 0..<InflateVectors.rawLong.count {
            if let output = try? Self.decompress(Array(InflateVectors.rawLong.prefix(length))) {
                #expect(InflateVectors.long.starts(with: output), "prefix \(length)")
            }
        }
    }

    /// Corrupted and random streams never trap or hang; the output cap holds whatever they say.
    @Test func corruptAndRandomInputIsBounded() {
        for index in InflateVectors.rawLong.indices {
            for mask: UInt8 in [0x01, 0x10, 0x80, 0xff] {
                var bytes = InflateVectors.rawLong
                bytes[index] ^= mask
                if let output = try? Self.decompress(bytes, maxOutput: 4096) {
                    #expect(output.count <= 4096)
                }
            }
        }
        var state: UInt64 = 0x9e37_79b9_7f4a_7c15
        for round in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<(round % 200) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(UInt8(truncatingIfNeeded: state >> 56))
            }
            if let output = try? Self.decompress(bytes, maxOutput: 1000) {
                #expect(output.count <= 1000)
            }
        }
    }

    /// A tiny stream that expands a lot (a long run) stops at the cap instead of filling memory.
    @Test func expansionStopsAtTheCap() throws {
        // Python: zlib.compress(b"a" * 100000, 9)
        let bomb: [UInt8] =
            [
                0x78, 0xda, 0xed, 0xc1, 0x31, 0x01, 0x00, 0x00, 0x00, 0xc2, 0xa0, 0xac, 0xeb, 0x5f, 0xc2, 0x1a, 0x1e,
                0x40, 0x01,
            ]
            + [UInt8](repeating: 0, count: 96) + [0xaf, 0x06, 0x79, 0x66, 0x0b, 0x4d]
        #expect(bomb.count == 121)
        #expect(try Self.decompress(bomb) == [UInt8](repeating: 0x61, count: 100_000))
        #expect(Self.failure(bomb, maxOutput: 1000) == "decompressed data exceeds 1000 bytes")
    }
}
