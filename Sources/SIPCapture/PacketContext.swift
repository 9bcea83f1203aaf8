/// Where a packet being decoded came from: carried down through the layers so that the
/// message finally produced can say when, from which records, and how it was recovered.
struct PacketContext {
    var time: CaptureTime
    var recordNumber: Int
    var byteOffset: Int64
    /// All records when the packet was rebuilt from several (IP fragments); empty otherwise.
    var reassembledRecordNumbers: [Int] = []
    var notes: [CaptureNote] = []
    /// Encapsulation layers unwrapped so far (tunnels, HEP).
    var depth = 0

    var recordNumbers: [Int] { reassembledRecordNumbers.isEmpty ? [recordNumber] : reassembledRecordNumbers }
}
