import Foundation
import Testing

@testable import SIPReport

@Suite struct ZipArchiveTests {
    @Test func crc32KnownAnswers() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    }

    /// Bit by bit, unlike the table-driven code under test.
    static func bitwiseCRC(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 0 ? 0 : 0xEDB8_8320) }
        }
        return ~crc
    }

    @Test func dosTimesAreUTCWithTwoSecondStepsAndClamped() {
        let epoch1980 = ZipTime(secondsSinceEpoch: 315_532_800)
        #expect(epoch1980.date == 0x0021 && epoch1980.time == 0)
        // 2026-12-05T15:14:27Z: year 46, month 12, day 5; 15:14, 27 s rounds down to 26.
        let time = ZipTime(secondsSinceEpoch: 1_796_483_667)
        #expect(time.date == UInt16(46 << 9 | 12 << 5 | 5))
        #expect(time.time == UInt16(15 << 11 | 14 << 5 | 13))
        #expect(ZipTime(secondsSinceEpoch: 0) == epoch1980)
        let latest = ZipTime(secondsSinceEpoch: Int64.max)
        #expect(latest.date == UInt16(127 << 9 | 12 << 5 | 31) && latest.time == UInt16(23 << 11 | 59 << 5 | 29))
        // Leap day.
        #expect(ZipTime(secondsSinceEpoch: 1_709_164_800).date == UInt16(44 << 9 | 2 << 5 | 29))
    }

    /// An entry as an independent reader sees it: central directory first, then the local header.
    struct ReadEntry: Equatable {
        var name: String
        var flags: UInt16
        var bytes: [UInt8]
    }

    static func read(_ zip: [UInt8]) throws -> [ReadEntry] {
        func u16(_ at: Int) throws -> Int {
            guard at + 2 <= zip.count else { throw Malformed(offset: at) }
            return Int(zip[at]) | Int(zip[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> Int { try u16(at) | (try u16(at + 2)) << 16 }
        let end = zip.count - 22
        guard end >= 0, try u32(end) == 0x0605_4B50 else { throw Malformed(offset: end) }
        let count = try u16(end + 10)
        var position = try u32(end + 16)
        #expect(position + (try u32(end + 12)) == end, "the directory ends where its end record starts")
        var entries: [ReadEntry] = []
        for _ in 0..<count {
            guard try u32(position) == 0x0201_4B50 else { throw Malformed(offset: position) }
            let flags = UInt16(try u16(position + 8))
            #expect(try u16(position + 10) == 0, "stored")
            let crc = UInt32(try u32(position + 16))
            let size = try u32(position + 20)
            #expect(try u32(position + 24) == size)
            let nameLength = try u16(position + 28)
            let local = try u32(position + 42)
            let name = Array(zip[(position + 46)..<(position + 46 + nameLength)])
            guard try u32(local) == 0x0403_4B50 else { throw Malformed(offset: local) }
            #expect(UInt32(try u32(local + 14)) == crc)
            #expect(Array(zip[(local + 30)..<(local + 30 + nameLength)]) == name)
            let dataStart = local + 30 + nameLength + (try u16(local + 28))
            let data = Array(zip[dataStart..<(dataStart + size)])
            #expect(Self.bitwiseCRC(data) == crc)
            entries.append(ReadEntry(name: String(decoding: name, as: UTF8.self), flags: flags, bytes: data))
            position += 46 + nameLength
        }
        return entries
    }

    struct Malformed: Error {
        var offset: Int
    }

    static let allBytes = (0...255).map { UInt8($0) }

    static func sample() throws -> ZipArchive {
        var archive = ZipArchive(modified: ZipTime(secondsSinceEpoch: 1_767_225_600))
        try archive.add("empty.txt", [])
        try archive.add("café.txt", Array("crème\n".utf8))
        try archive.add("bin/all-bytes", allBytes)
        return archive
    }

    @Test func entriesReadBackWithTheirNamesFlagsAndBytes() throws {
        let entries = try Self.read(try Self.sample().bytes())
        #expect(
            entries == [
                ReadEntry(name: "empty.txt", flags: 0, bytes: []),
                ReadEntry(name: "café.txt", flags: 0x0800, bytes: Array("crème\n".utf8)),
                ReadEntry(name: "bin/all-bytes", flags: 0, bytes: Self.allBytes),
            ]
        )
        #expect(try Self.read(ZipArchive(modified: ZipTime(secondsSinceEpoch: 0)).bytes()) == [])
    }

    @Test func sameEntriesSameBytes() throws {
        #expect(try Self.sample().bytes() == Self.sample().bytes())
    }

    @Test func unzipAcceptsTheArchiveAndExtractsEachEntryExactly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sipdiag-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: path) }
        try Data(try Self.sample().bytes()).write(to: path)
        let test = try Self.unzip(["-t", path.path])
        #expect(test.status == 0, "\(String(decoding: test.output, as: UTF8.self))")
        #expect(try Self.unzip(["-p", path.path, "bin/all-bytes"]).output == Self.allBytes)
        #expect(try Self.unzip(["-p", path.path, "café.txt"]).output == Array("crème\n".utf8))
        let listing = String(decoding: try Self.unzip(["-l", path.path]).output, as: UTF8.self)
        #expect(listing.contains("2026-01-01 00:00"))
    }

    static func unzip(_ arguments: [String]) throws -> (status: Int32, output: [UInt8]) {
        let executable = "/usr/bin/unzip"
        try #require(
            FileManager.default.isExecutableFile(atPath: executable),
            "unzip is not installed: apt-get install unzip (.ci/run does)"
        )
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, Array(data))
    }

    @Test func unsafeOrDuplicateNamesAndTooManyEntriesAreRefused() throws {
        var archive = ZipArchive(modified: ZipTime(secondsSinceEpoch: 0), maximumEntries: 2)
        for name in ["", "/etc/passwd", "../up", "a/../../b", "a\\b", "a\u{0}b", "a//b", "dir/"] {
            #expect(throws: ZipArchiveError.unsafeName(name)) { try archive.add(name, []) }
        }
        try archive.add("one", [1])
        #expect(throws: ZipArchiveError.duplicateName("one")) { try archive.add("one", [2]) }
        try archive.add("two", [2])
        #expect(throws: ZipArchiveError.tooLarge("more than 2 entries")) { try archive.add("three", [3]) }
        #expect(try Self.read(archive.bytes()).map(\.name) == ["one", "two"])
        #expect(
            "\(ZipArchiveError.unsafeName("../x"))"
                == "the entry name '../x' is not a safe relative path (empty, absolute, '..', backslash or NUL)"
        )
    }
}
