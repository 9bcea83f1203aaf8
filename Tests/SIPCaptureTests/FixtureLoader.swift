import Foundation

/// Finds the committed capture fixtures in the test bundle.
enum FixtureLoader {
    static var root: URL? {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)
    }

    /// Paths of the captures (relative to Fixtures/, e.g. `real/udp-ipv4-eth.pcap`) that have a tshark TSV.
    static func capturesWithTsharkExpectations() -> [String] {
        guard let root else { return [] }
        var result: [String] = []
        for folder in ["real", "corpus"] {
            let directory = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names where name.hasSuffix(".tshark.tsv") {
                result.append(folder + "/" + String(name.dropLast(".tshark.tsv".count)))
            }
        }
        return result.sorted()
    }

    /// Every capture fixture (pcap and pcapng), relative to Fixtures/.
    static func allCaptures() -> [String] {
        guard let root else { return [] }
        var result: [String] = []
        for folder in ["real", "corpus", "corpus/nonsip-linktype"] {
            let directory = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names where name.hasSuffix(".pcap") || name.hasSuffix(".pcapng") {
                result.append(folder + "/" + name)
            }
        }
        return result.sorted()
    }

    static func path(_ relative: String) -> String {
        (root?.appendingPathComponent(relative).path) ?? relative
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path(relative))))
    }
}
