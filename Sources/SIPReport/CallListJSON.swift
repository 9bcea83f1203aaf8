public import SIPAnalysis

/// The JSON array of calls that `sipdiag calls --format json` writes (the layout of
/// ``JSONValue/rendered(pretty:)``, two spaces per level), streamed in chunks: a capture with
/// many calls never holds its whole document in memory.
public enum CallListJSON {
    /// Calls per chunk: large enough that handing a chunk between threads is rare, small enough
    /// that the chunks in flight take little memory.
    static let chunkSize = 512

    /// Writes the array's bytes to `emit`, in order, without a final line break. A worker thread
    /// encodes every other chunk while this thread encodes the rest and emits them all: the
    /// bytes are the same as encoding the calls one by one.
    public static func write(
        _ calls: [SIPCall],
        fractionDigits: Int,
        emit: (UnsafeRawBufferPointer) -> Void
    ) {
        guard !calls.isEmpty else {
            send([0x5B, 0x5D], to: emit)
            return
        }
        send([0x5B], to: emit)
        let chunkCount = (calls.count + chunkSize - 1) / chunkSize
        // The worker's chunks (the even ones), two at most waiting.
        let encoded = BoundedQueue<[UInt8]>(capacity: 2)
        let worker = WorkerThread.start {
            for chunk in stride(from: 0, to: chunkCount, by: 2) {
                encoded.put(encode(calls, chunk: chunk, fractionDigits: fractionDigits))
            }
        }
        for chunk in 0..<chunkCount {
            let bytes =
                if worker != nil, chunk % 2 == 0 {
                    encoded.take()
                } else {
                    encode(calls, chunk: chunk, fractionDigits: fractionDigits)
                }
            send(bytes, to: emit)
        }
        worker?.join()
        send([0x0A, 0x5D], to: emit)
    }

    /// One chunk of elements, each after its separator.
    private static func encode(_ calls: [SIPCall], chunk: Int, fractionDigits: Int) -> [UInt8] {
        let start = chunk * chunkSize
        let end = min(start + chunkSize, calls.count)
        var bytes: [UInt8] = []
        var writer = JSONStreamWriter(indent: 1)
        for position in start..<end {
            bytes.append(contentsOf: position == 0 ? [0x0A, 0x20, 0x20] : [0x2C, 0x0A, 0x20, 0x20])
            CallJSON.write(calls[position], fractionDigits: fractionDigits, to: &writer)
            writer.withBytes { bytes.append(contentsOf: $0) }
            writer.reset()
        }
        return bytes
    }

    private static func send(_ bytes: [UInt8], to emit: (UnsafeRawBufferPointer) -> Void) {
        bytes.withUnsafeBytes { emit($0) }
    }
}
