/// A zip file written by hand (PKWARE APPNOTE.TXT 6.3), since sipdiag has no dependencies:
/// stored entries (method 0, no compression: reports are small and a ticket system compresses
/// anyway), each with its CRC-32, then the central directory and its end record.
///
/// Same entries and same ``modified`` time, same bytes: nothing else (no clock, no user, no
/// file system attribute) goes in.
public struct ZipArchive: Sendable {
    private struct Entry {
        var name: [UInt8]
        var isASCII: Bool
        var crc: UInt32
        var size: UInt32
        var offset: UInt32
    }

    /// The time every entry carries.
    public let modified: ZipTime
    private var entries: [Entry] = []
    private var body: [UInt8] = []
    /// The central directory's size so far (46 bytes and the name per entry).
    private var directorySize: UInt64 = 0
    /// The entry count a zip without Zip64 holds (APPNOTE.TXT 4.4.21).
    let maximumEntries: Int

    /// An empty archive whose entries will carry `modified`.
    public init(modified: ZipTime) {
        self.init(modified: modified, maximumEntries: Int(UInt16.max))
    }

    init(modified: ZipTime, maximumEntries: Int) {
        self.modified = modified
        self.maximumEntries = maximumEntries
    }

    /// Adds a file named `name` (a relative path with `/` separators, APPNOTE.TXT 4.4.17) with
    /// `bytes` as its content.
    public mutating func add(_ name: String, _ bytes: [UInt8]) throws(ZipArchiveError) {
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains("\\"), !name.contains("\u{0}"),
            !components.contains(".."), !components.contains("")
        else { throw .unsafeName(name) }
        let nameBytes = Array(name.utf8)
        guard !entries.contains(where: { $0.name == nameBytes }) else { throw .duplicateName(name) }
        guard entries.count < maximumEntries else { throw .tooLarge("more than \(maximumEntries) entries") }
        guard nameBytes.count <= Int(UInt16.max) else { throw .tooLarge("the name '\(name.prefix(40))...'") }
        guard let size = UInt32(exactly: bytes.count), size < UInt32.max else { throw .tooLarge("the entry \(name)") }
        // Everything written must stay addressable by 32-bit offsets: the entries, the central
        // directory after them (46 bytes and the name per entry) and its end record.
        let directory = directorySize + 46 + UInt64(nameBytes.count)
        let total = UInt64(body.count) + 30 + UInt64(nameBytes.count) + UInt64(bytes.count) + directory + 22
        guard let offset = UInt32(exactly: body.count), total < UInt64(UInt32.max) else {
            throw .tooLarge("the archive")
        }
        let entry = Entry(
            name: nameBytes,
            isASCII: nameBytes.allSatisfy { $0 < 0x80 },
            crc: CRC32.checksum(bytes),
            size: size,
            offset: offset
        )
        // Local file header (APPNOTE.TXT 4.3.7).
        append32(0x0403_4B50, to: &body)
        appendCommonFields(entry, to: &body)
        append16(0, to: &body)  // extra field length
        body += nameBytes
        body += bytes
        entries.append(entry)
        directorySize = directory
    }

    /// The whole archive.
    public func bytes() -> [UInt8] {
        var output = body
        let directoryStart = UInt32(truncatingIfNeeded: output.count)
        for entry in entries {
            // Central directory header (APPNOTE.TXT 4.3.12): made by Unix (3), zip 2.0.
            append32(0x0201_4B50, to: &output)
            append16(0x0314, to: &output)
            appendCommonFields(entry, to: &output)
            append16(0, to: &output)  // extra field length
            append16(0, to: &output)  // comment length
            append16(0, to: &output)  // disk number
            append16(0, to: &output)  // internal attributes
            append32(0o100644 << 16, to: &output)  // external: a regular file, rw-r--r--
            append32(entry.offset, to: &output)
            output += entry.name
        }
        let writtenDirectorySize = UInt32(truncatingIfNeeded: output.count) &- directoryStart
        // End of central directory record (APPNOTE.TXT 4.3.16).
        append32(0x0605_4B50, to: &output)
        append16(0, to: &output)
        append16(0, to: &output)
        append16(UInt16(truncatingIfNeeded: entries.count), to: &output)
        append16(UInt16(truncatingIfNeeded: entries.count), to: &output)
        append32(writtenDirectorySize, to: &output)
        append32(directoryStart, to: &output)
        append16(0, to: &output)  // comment length
        return output
    }

    /// The fields local and central headers share, from "version needed" to the name length.
    private func appendCommonFields(_ entry: Entry, to output: inout [UInt8]) {
        append16(10, to: &output)  // version needed: 1.0, stored entries
        append16(entry.isASCII ? 0 : 0x0800, to: &output)  // bit 11: the name is UTF-8 (4.4.4)
        append16(0, to: &output)  // method: stored
        append16(modified.time, to: &output)
        append16(modified.date, to: &output)
        append32(entry.crc, to: &output)
        append32(entry.size, to: &output)  // compressed size
        append32(entry.size, to: &output)  // uncompressed size
        append16(UInt16(truncatingIfNeeded: entry.name.count), to: &output)
    }

    private func append16(_ value: UInt16, to output: inout [UInt8]) {
        output.append(UInt8(truncatingIfNeeded: value))
        output.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    private func append32(_ value: UInt32, to output: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { output.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
}
