/// Keys in the order they were stamped, oldest first, for "drop the oldest" and "expire the
/// oldest" decisions in O(1) amortised time.
///
/// Entries are never removed from the middle: when the owner forgets a key (completed, dropped)
/// or re-stamps it, the old entry goes stale and is skipped when it reaches the front. The owner
/// says which entries are live through `isLive`, comparing the stamp with the one it holds.
/// Stale entries are compacted away once they outnumber the live ones, so the queue stays within
/// twice the owner's own (capped) table size plus a constant.
struct ReassemblyAgeQueue<Key: Hashable> {
    private var entries: [(key: Key, stamp: UInt64)] = []
    private var head = 0

    /// Entries still in the queue, stale ones included.
    var count: Int { entries.count - head }

    mutating func append(_ key: Key, stamp: UInt64) {
        entries.append((key, stamp))
    }

    /// The oldest live entry, without removing it; stale entries in front of it are discarded.
    mutating func front(isLive: (Key, UInt64) -> Bool) -> (key: Key, stamp: UInt64)? {
        while head < entries.count {
            let entry = entries[head]
            if isLive(entry.key, entry.stamp) { return entry }
            head += 1
        }
        clear()
        return nil
    }

    /// Removes the front entry (the one ``front(isLive:)`` returned).
    mutating func removeFront() {
        if head < entries.count { head += 1 }
        if head == entries.count { clear() }
    }

    /// Drops stale and already removed entries once the storage holds more than twice `liveCount`
    /// plus 64 entries, keeping the order of the rest.
    mutating func compactIfNeeded(liveCount: Int, isLive: (Key, UInt64) -> Bool) {
        guard entries.count > 2 * liveCount + 64 else { return }
        entries = entries[head...].filter { isLive($0.key, $0.stamp) }
        head = 0
    }

    mutating func clear() {
        entries.removeAll(keepingCapacity: true)
        head = 0
    }
}
