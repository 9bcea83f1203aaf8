import Foundation

/// Where `GET /api/v2/sip/captures` finds its files: `manifest.json` entries, then files named
/// after the Call-ID. The layout is documented on ``VidaTestServer`` (public, for the people who
/// write fixture directories).
struct CaptureStore: Sendable {
    let directory: URL?

    /// The four formats of the `format` query parameter and the file suffix of each.
    static let suffixes: [String: String] = [
        "pcap": ".pcap", "json": ".json", "transaction": ".transaction.json", "text": ".txt",
    ]

    /// The captures recorded for `callID`: manifest entries first, then the fallback files.
    func entries(callID: String) throws(CaptureStoreError) -> [CaptureEntry] {
        guard let directory else { return [] }
        var found = try manifest(in: directory).filter { $0.callId == callID }
        let name = Self.sanitisedName(callID)
        var files: [String: String] = [:]
        for (format, suffix) in Self.suffixes {
            let candidate = name + suffix
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent(candidate).path) {
                files[format] = candidate
            }
        }
        if !files.isEmpty {
            found.append(CaptureEntry(callId: callID, firstTime: nil, lastTime: nil, files: files))
        }
        return found
    }

    /// The bytes of a file named by a manifest entry; the name may not climb out of the
    /// directory (`../`), whatever a fixture says.
    func contents(of name: String) throws(CaptureStoreError) -> [UInt8] {
        guard let directory else { throw CaptureStoreError(message: "No captures directory") }
        let root = directory.standardizedFileURL.path
        let file = directory.appendingPathComponent(name).standardizedFileURL.path
        guard file.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw CaptureStoreError(message: "\(name) is outside the captures directory")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CaptureStoreError(message: "\(name) is listed but cannot be read")
        }
        return [UInt8](data)
    }

    /// A Call-ID made safe as a file name (no `/`, no spaces, no `:`).
    static func sanitisedName(_ callID: String) -> String {
        String(
            String.UnicodeScalarView(
                callID.unicodeScalars.map { scalar in
                    switch scalar {
                    case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_", "@": scalar
                    default: "_"
                    }
                }
            )
        )
    }

    private func manifest(in directory: URL) throws(CaptureStoreError) -> [CaptureEntry] {
        let url = directory.appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        struct Wrapped: Decodable { let captures: [CaptureEntry] }
        let decoder = JSONDecoder()
        if let wrapped = try? decoder.decode(Wrapped.self, from: data) { return wrapped.captures }
        do {
            return try decoder.decode([CaptureEntry].self, from: data)
        } catch {
            throw CaptureStoreError(
                message: "manifest.json is neither {\"captures\":[...]} nor an array of captures: \(error)"
            )
        }
    }
}
