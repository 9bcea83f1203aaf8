import SIPCapture

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `text` to standard error.
func printError(_ text: String) {
    var bytes = Array(text.utf8)
    bytes.append(0x0a)
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count, let base = buffer.baseAddress {
            let written = write(2, base + offset, buffer.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}

let options: GeneratorOptions
switch GeneratorOptions.parse(Array(CommandLine.arguments.dropFirst())) {
case .success(let parsed):
    options = parsed
case .failure(let error):
    printError("Error: \(error.message)\n\n\(GeneratorOptions.usage)")
    exit(64)
}
if options.help {
    print(GeneratorOptions.usage, terminator: "")
    exit(0)
}

let clock = ContinuousClock()
let started = clock.now
let writer: PcapFileWriter
do {
    writer = try PcapFileWriter(path: options.output ?? "")
} catch {
    printError("Error: \(error)")
    exit(73)  // EX_CANTCREAT
}
var manifest: UnsafeMutablePointer<FILE>?
if let path = options.manifest {
    manifest = fopen(path, "w")
    if manifest == nil {
        printError("Error: cannot create \(path)")
        exit(73)
    }
}

/// Writes one message to the pcap (and its line to the manifest).
@MainActor func emit(_ message: CapturedMessage) throws {
    try writer.write(message)
    guard let manifest else { return }
    let text = String(decoding: message.payload, as: UTF8.self)
    var callID = ""
    for line in text.split(separator: "\r\n", omittingEmptySubsequences: false) {
        if line.isEmpty { break }
        if line.hasPrefix("Call-ID: ") {
            callID = String(line.dropFirst(9))
            break
        }
    }
    fputs("\(callID)\t\(message.startLine)\n", manifest)
}

// Dialogs start as a Poisson process: 15 a second, 72% of them calls, so 40000 calls span
// about an hour, with up to a few hundred calls in progress at once.
var generator = TrafficGenerator(seed: options.seed, mix: options.mix)
var queue = MessageQueue()
var random = SplitMix64(seed: options.seed ^ 0xa5a5_a5a5)
// 2024-09-27T08:00:00Z.
var now: Int64 = 1_727_424_000 * 1_000_000_000
do {
    while generator.statistics.calls < options.calls {
        now += Int64(random.exponential(mean: 1.0 / 15) * 1e9)
        while let earliest = queue.earliest, earliest.nanoseconds <= now, let next = queue.pop() {
            try emit(next)
        }
        let draw = random.unit()
        let dialog =
            draw < 0.72
            ? generator.call(at: now) : draw < 0.86 ? generator.registration(at: now) : generator.ping(at: now)
        for message in dialog {
            queue.push(message)
        }
    }
    while let next = queue.pop() {
        try emit(next)
    }
    try writer.close()
} catch {
    printError("Error: \(error)")
    exit(74)  // EX_IOERR
}
if let manifest { fclose(manifest) }

let elapsed = clock.now - started
let statistics = generator.statistics
let megabytes = Double(writer.bytesWritten) / 1_000_000
print("sipdiag-benchgen: wrote \(options.output ?? "")")
print("  bytes:      \(writer.bytesWritten) (\(Int(megabytes)) MB)")
print("  messages:   \(writer.messagesWritten) in \(writer.recordsWritten) records")
print(
    "  calls:      \(statistics.calls) (answered \(statistics.answered), busy \(statistics.busy), "
        + "not found \(statistics.notFound), cancelled \(statistics.cancelled))"
)
print("  other:      \(statistics.registrations) registrations, \(statistics.pings) OPTIONS pings")
let legs = LegKind.allCases.compactMap { kind in
    statistics.messagesByLeg[kind].map { "\(kind.rawValue) \($0)" }
}
print("  transports: \(legs.joined(separator: ", ")) messages")
print("  elapsed:    \(elapsed)")
