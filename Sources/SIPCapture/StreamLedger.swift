/// Which capture record delivered which bytes of one direction of a stream, so that a
/// message framed from the stream can list every record that contributed to it (as
/// Wireshark's "reassembled in" lists do).
///
/// Offsets count the bytes delivered in order to the stream decoder since the direction
/// began; bytes lost in gaps take no offsets. The ledger holds one entry per delivery still
/// covering unconsumed bytes, so it is bounded by the stream buffer cap.
struct StreamLedger {
    private struct Entry {
        var end: Int
        var recordNumber: Int
        var time: CaptureTime
    }

    private var entries: [Entry] = []
    private var head = 0
    /// End offset of the last entry dropped, i.e. the start of `entries[head]`.
    private var droppedEnd = 0
    /// Total bytes delivered so far: the offset one past the last delivered byte.
    private(set) var end = 0

    /// Notes that `count` more bytes came from record `recordNumber`, captured at `time`.
    mutating func append(count: Int, recordNumber: Int, time: CaptureTime) {
        guard count > 0 else { return }
        end += count
        if head < entries.count, let last = entries.last, last.recordNumber == recordNumber {
            entries[entries.count - 1].end = end
            return
        }
        entries.append(Entry(end: end, recordNumber: recordNumber, time: time))
    }

    /// Forgets the entries wholly before `offset`.
    mutating func discard(before offset: Int) {
        while head < entries.count, entries[head].end <= offset {
            droppedEnd = entries[head].end
            head += 1
        }
        if head == entries.count {
            entries.removeAll(keepingCapacity: entries.capacity <= 64)
            head = 0
        } else if head >= 32, head * 2 >= entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }

    /// The records that delivered bytes in `start..<stop`, ascending and without repeats.
    func recordNumbers(from start: Int, to stop: Int) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(1)
        var entryStart = droppedEnd
        var index = head
        while index < entries.count, entryStart < stop {
            let entry = entries[index]
            if entry.end > start {
                result.append(entry.recordNumber)
            }
            entryStart = entry.end
            index += 1
        }
        if result.count > 1 {
            result.sort()
            var unique: [Int] = []
            unique.reserveCapacity(result.count)
            for number in result where unique.last != number {
                unique.append(number)
            }
            return unique
        }
        return result
    }

    /// When the record holding the byte just before `offset` was captured.
    func time(before offset: Int) -> CaptureTime? {
        var index = head
        while index < entries.count {
            if entries[index].end >= offset { return entries[index].time }
            index += 1
        }
        return entries.last?.time
    }
}
