import Foundation

/// The RFC 4475 and RFC 5118 torture messages, exact bytes of the RFCs' archives
/// (copied from shared/corpus; sources and licences in Fixtures/rfc4475/README and
/// shared/corpus/SOURCES.tsv), with the archive's EXPECTED.tsv.
enum TortureFixtures {
    static var root: URL? { Bundle.module.url(forResource: "Fixtures", withExtension: nil) }

    static func bytes(_ folder: String, _ name: String) -> [UInt8] {
        guard let url = root?.appendingPathComponent(folder).appendingPathComponent(name) else { return [] }
        return (try? Data(contentsOf: url)).map(Array.init) ?? []
    }

    /// (name, "valid" or "invalid") for every file EXPECTED.tsv lists.
    static func expected(_ folder: String) -> [(name: String, valid: Bool)] {
        let text = String(decoding: bytes(folder, "EXPECTED.tsv"), as: UTF8.self)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2 else { return nil }
            return (String(fields[0]), fields[1] == "valid")
        }
    }
}
