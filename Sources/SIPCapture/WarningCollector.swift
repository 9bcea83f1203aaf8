/// Collects warnings so that a problem repeated on every packet is reported once, with a
/// count and the first place it happened, instead of drowning the output.
struct WarningCollector {
    private struct Entry {
        var warning: CaptureWarning
        var count: Int
    }

    private var entries: [Entry] = []
    private var indexByKey: [String: Int] = [:]

    /// Records a warning; `key` groups repetitions (defaults to the code and message).
    mutating func add(_ warning: CaptureWarning, key: String? = nil) {
        let key = key ?? "\(warning.code.name)|\(warning.message)"
        if let index = indexByKey[key] {
            entries[index].count += 1
        } else {
            indexByKey[key] = entries.count
            entries.append(Entry(warning: warning, count: 1))
        }
    }

    /// Records a warning of the kind named `key`: the first one is kept with its location, the
    /// repeats are counted.
    mutating func report(_ key: String, _ code: CaptureWarning.Code, _ message: String, recordNumber: Int?) {
        add(CaptureWarning(code, message, recordNumber: recordNumber), key: key)
    }

    /// The warnings in the order first seen; a repeated one says how often it happened.
    var warnings: [CaptureWarning] {
        entries.map { entry in
            guard entry.count > 1 else { return entry.warning }
            let warning = entry.warning
            return CaptureWarning(
                warning.code,
                warning.message + " (\(entry.count) times; the first is located here)",
                byteOffset: warning.byteOffset,
                recordNumber: warning.recordNumber
            )
        }
    }
}
