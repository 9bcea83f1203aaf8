/// The TSNs seen recently in one direction of an SCTP association, to drop retransmitted DATA
/// and I-DATA chunks (RFC 9260 section 6.2: a receiver treats a repeated TSN as a duplicate).
///
/// A fixed window of ``size`` TSNs below the highest seen, as a bitmap, like an IPsec anti-replay
/// window: constant memory per association whatever the traffic. TSNs compare with serial number
/// arithmetic (RFC 9260 section 1.6, RFC 1982), so wrap-around is handled. A TSN more than
/// ``size`` below the highest is far older than any retransmission in flight would be, and is
/// taken as a duplicate.
struct SCTPTSNWindow {
    /// TSNs remembered below the highest one.
    static let size = 1024

    private var highest: UInt32?
    private var bits = [UInt64](repeating: 0, count: SCTPTSNWindow.size / 64)

    /// Records `tsn`; `false` when it was already seen (or is older than the window).
    mutating func insert(_ tsn: UInt32) -> Bool {
        guard let highest else {
            self.highest = tsn
            set(tsn)
            return true
        }
        let ahead = tsn &- highest
        if ahead == 0 { return false }
        if ahead < 0x8000_0000 {
            if ahead >= UInt32(Self.size) {
                for index in bits.indices { bits[index] = 0 }
            } else {
                // The slots of the TSNs skipped over held TSNs a window ago: forget them.
                var step: UInt32 = 1
                while step <= ahead {
                    clear(highest &+ step)
                    step += 1
                }
            }
            self.highest = tsn
            set(tsn)
            return true
        }
        guard highest &- tsn < UInt32(Self.size), !isSet(tsn) else { return false }
        set(tsn)
        return true
    }

    private func slot(_ tsn: UInt32) -> (word: Int, mask: UInt64) {
        let index = Int(tsn % UInt32(Self.size))
        return (index / 64, 1 << UInt64(index % 64))
    }

    private func isSet(_ tsn: UInt32) -> Bool {
        let (word, mask) = slot(tsn)
        return bits[word] & mask != 0
    }

    private mutating func set(_ tsn: UInt32) {
        let (word, mask) = slot(tsn)
        bits[word] |= mask
    }

    private mutating func clear(_ tsn: UInt32) {
        let (word, mask) = slot(tsn)
        bits[word] &= ~mask
    }
}
