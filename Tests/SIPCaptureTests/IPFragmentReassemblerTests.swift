import Testing

@testable import SIPCapture

@Suite struct IPFragmentReassemblerTests {
    private static let v4Key = FragmentKey(
        source: .v4(0x0A00_0001),
        destination: .v4(0x0A00_0002),
        identification: 0x1234,
        protocolNumber: 17
    )
    private static let v6Key = FragmentKey(
        source: IPAddress("2001:db8::1") ?? .v6(high: 0, low: 1),
        destination: IPAddress("2001:db8::2") ?? .v6(high: 0, low: 2),
        identification: 0xdead_beef,
        protocolNumber: 17
    )

    /// 64 payload bytes, each its own index, so that any misplaced byte shows.
    private static let payload = (0..<64).map { UInt8($0) }

    private static func time(_ seconds: Int64) -> CaptureTime { CaptureTime(seconds: seconds, nanoseconds: 0) }

    private static func key(_ identification: UInt32) -> FragmentKey {
        var key = v4Key
        key.identification = identification
        return key
    }

    /// Adds `payload[offset..<offset + length]` (or `bytes` when given) as a fragment.
    @discardableResult
    private static func add(
        _ reassembler: IPFragmentReassembler,
        key: FragmentKey = v4Key,
        _ offset: Int,
        _ length: Int,
        more: Bool,
        bytes: [UInt8]? = nil,
        at seconds: Int64 = 0,
        record: Int
    ) -> ReassembledDatagram? {
        let piece = bytes ?? Array(payload[offset..<(offset + length)])
        return piece.withUnsafeBytes {
            reassembler.add(
                key: key,
                offset: offset,
                moreFragments: more,
                payload: $0,
                time: time(seconds),
                recordNumber: record
            )
        }
    }

    private static func incomplete(
        _ key: FragmentKey,
        first: Int,
        seen: Int,
        _ reason: String
    ) -> IncompleteDatagram {
        IncompleteDatagram(
            firstRecordNumber: first,
            source: key.source,
            destination: key.destination,
            identification: key.identification,
            fragmentsSeen: seen,
            reason: reason
        )
    }

    // MARK: - Reassembly

    @Test func inOrderFragments() {
        let reassembler = IPFragmentReassembler()
        #expect(Self.add(reassembler, 0, 24, more: true, at: 1, record: 1) == nil)
        #expect(Self.add(reassembler, 24, 24, more: true, at: 2, record: 2) == nil)
        #expect(reassembler.pendingCount == 1)
        #expect(reassembler.bufferedByteCount == 48)
        let datagram = Self.add(reassembler, 48, 16, more: false, at: 3, record: 3)
        #expect(
            datagram
                == ReassembledDatagram(
                    payload: Self.payload,
                    recordNumbers: [1, 2, 3],
                    fragmentCount: 3,
                    time: Self.time(3)
                )
        )
        #expect(reassembler.pendingCount == 0)
        #expect(reassembler.bufferedByteCount == 0)
        #expect(reassembler.finish().isEmpty)
        #expect(reassembler.warnings.isEmpty)
    }

    /// All 24 arrival orders of four fragments give the same payload.
    @Test func everyArrivalOrder() {
        let pieces = [(0, 16, true), (16, 16, true), (32, 16, true), (48, 16, false)]
        func permutations(_ items: [Int]) -> [[Int]] {
            guard items.count > 1 else { return [items] }
            return items.indices.flatMap { index in
                var rest = items
                let first = rest.remove(at: index)
                return permutations(rest).map { [first] + $0 }
            }
        }
        for order in permutations([0, 1, 2, 3]) {
            let reassembler = IPFragmentReassembler()
            var result: ReassembledDatagram?
            for (position, index) in order.enumerated() {
                let (offset, length, more) = pieces[index]
                result = Self.add(reassembler, offset, length, more: more, record: index + 1)
                #expect((result == nil) == (position < 3), "order \(order)")
            }
            #expect(result?.payload == Self.payload, "order \(order)")
            #expect(result?.recordNumbers == order.map { $0 + 1 }, "order \(order)")
            #expect(reassembler.bufferedByteCount == 0)
        }
    }

    /// Every 8-byte split point, both orders, both families.
    @Test func everySplitPoint() {
        for key in [Self.v4Key, Self.v6Key] {
            for split in stride(from: 8, to: 64, by: 8) {
                for tailFirst in [false, true] {
                    let reassembler = IPFragmentReassembler()
                    let head = { Self.add(reassembler, key: key, 0, split, more: true, record: 1) }
                    let tail = { Self.add(reassembler, key: key, split, 64 - split, more: false, record: 2) }
                    let result = tailFirst ? (tail() ?? head()) : (head() ?? tail())
                    #expect(result?.payload == Self.payload, "split \(split)")
                    #expect(result?.fragmentCount == 2)
                }
            }
        }
    }

    @Test func exactDuplicatesAreIgnored() {
        for key in [Self.v4Key, Self.v6Key] {
            let reassembler = IPFragmentReassembler()
            Self.add(reassembler, key: key, 0, 32, more: true, record: 1)
            #expect(Self.add(reassembler, key: key, 0, 32, more: true, record: 2) == nil)
            let datagram = Self.add(reassembler, key: key, 32, 32, more: false, record: 3)
            #expect(datagram?.payload == Self.payload)
            #expect(datagram?.recordNumbers == [1, 3])
            #expect(datagram?.fragmentCount == 2)
            #expect(reassembler.warnings.isEmpty)
        }
    }

    @Test func ipv4OverlapKeepsTheBytesReceivedFirst() {
        let reassembler = IPFragmentReassembler()
        let first = [UInt8](repeating: 0xaa, count: 24)  // 0..<24
        let second = [UInt8](repeating: 0xbb, count: 24)  // 16..<40, overlaps 16..<24
        let last = [UInt8](repeating: 0xcc, count: 16)  // 32..<48, overlaps 32..<40
        Self.add(reassembler, 0, 24, more: true, bytes: first, record: 1)
        Self.add(reassembler, 32, 16, more: false, bytes: last, record: 2)
        let datagram = Self.add(reassembler, 16, 24, more: true, bytes: second, record: 3)
        let expected =
            [UInt8](repeating: 0xaa, count: 24) + [UInt8](repeating: 0xbb, count: 8)
            + [UInt8](repeating: 0xcc, count: 16)
        #expect(datagram?.payload == expected)
        #expect(datagram?.fragmentCount == 3)
        #expect(
            reassembler.warnings
                == [
                    CaptureWarning(
                        .malformedPacket,
                        "overlapping IPv4 fragments: the bytes received first were kept",
                        recordNumber: 3
                    )
                ]
        )
    }

    @Test func ipv6OverlapDropsTheDatagram() {
        let reassembler = IPFragmentReassembler()
        Self.add(reassembler, key: Self.v6Key, 0, 24, more: true, record: 7)
        #expect(Self.add(reassembler, key: Self.v6Key, 16, 48, more: false, record: 8) == nil)
        #expect(reassembler.pendingCount == 0)
        #expect(reassembler.bufferedByteCount == 0)
        #expect(
            reassembler.expire(now: Self.time(0))
                == [Self.incomplete(Self.v6Key, first: 7, seen: 2, "overlapping IPv6 fragments (RFC 5722)")]
        )
        // A later fragment of the same ID starts afresh.
        #expect(Self.add(reassembler, key: Self.v6Key, 16, 48, more: false, record: 9) == nil)
        #expect(reassembler.pendingCount == 1)
    }

    @Test func atomicFragmentIsReturnedAlone() {
        let reassembler = IPFragmentReassembler()
        Self.add(reassembler, key: Self.v6Key, 8, 8, more: true, record: 1)
        let datagram = Self.add(reassembler, key: Self.v6Key, 0, 64, more: false, at: 5, record: 2)
        #expect(
            datagram
                == ReassembledDatagram(payload: Self.payload, recordNumbers: [2], fragmentCount: 1, time: Self.time(5))
        )
        #expect(reassembler.pendingCount == 1)
    }

    // MARK: - Bad fragments

    @Test func fragmentPastTheMaximumLengthIsDiscarded() {
        let reassembler = IPFragmentReassembler()
        let eight = [UInt8](repeating: 1, count: 8)
        // 65528 + 8 = 65536: one byte too many (RFC 8200 section 4.5).
        #expect(Self.add(reassembler, 65_528, 8, more: true, bytes: eight, record: 1) == nil)
        #expect(Self.add(reassembler, -8, 8, more: true, bytes: eight, record: 2) == nil)
        #expect(reassembler.pendingCount == 0)
        // Ending at exactly 65535 is fine.
        #expect(Self.add(reassembler, 65_520, 15, more: false, bytes: Array(eight + eight.prefix(7)), record: 3) == nil)
        #expect(reassembler.pendingCount == 1)
        #expect(
            reassembler.warnings == [
                CaptureWarning(
                    .malformedPacket,
                    "IP fragment discarded: the reassembled payload would exceed 65535 bytes"
                        + " (2 times; the first is located here)",
                    recordNumber: 1
                )
            ]
        )
    }

    @Test func largestDatagramIsAccepted() {
        let reassembler = IPFragmentReassembler()
        let whole = (0..<65_535).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var result: ReassembledDatagram?
        for offset in stride(from: 0, to: 65_535, by: 1480) {
            let end = min(offset + 1480, 65_535)
            result = Self.add(reassembler, offset, 0, more: end < 65_535, bytes: Array(whole[offset..<end]), record: 1)
        }
        #expect(result?.payload == whole)
        #expect(result?.fragmentCount == 45)
    }

    /// Fragments as (offset, length, more fragments); the datagram is dropped at the last one.
    @Test(
        arguments: [
            // Two last fragments that end at different places.
            [(0, 16, true), (32, 16, false), (16, 8, false)],
            // Data beyond the end a last fragment set.
            [(8, 16, false), (16, 16, true)],
            // A last fragment ending before data already received.
            [(24, 16, true), (8, 8, false)],
        ] as [[(Int, Int, Bool)]]
    )
    func inconsistentEndsDropTheDatagram(fragments: [(Int, Int, Bool)]) {
        let reassembler = IPFragmentReassembler()
        for (index, (offset, length, more)) in fragments.enumerated() {
            #expect(Self.add(reassembler, offset, length, more: more, record: index + 1) == nil)
        }
        #expect(
            reassembler.expire(now: Self.time(0))
                == [Self.incomplete(Self.v4Key, first: 1, seen: fragments.count, "inconsistent fragment lengths")]
        )
        #expect(reassembler.pendingCount == 0)
        #expect(reassembler.bufferedByteCount == 0)
    }

    @Test func emptyNonFinalFragmentIsIgnored() {
        let reassembler = IPFragmentReassembler()
        #expect(Self.add(reassembler, 8, 0, more: true, bytes: [], record: 1) == nil)
        #expect(reassembler.pendingCount == 0)
        #expect(reassembler.warnings.map(\.message) == ["empty IP fragment that is not the last one ignored"])
    }

    // MARK: - Limits and timeouts

    @Test func tooManyFragments() {
        var limits = CaptureLimits()
        limits.maxFragmentsPerDatagram = 3
        let reassembler = IPFragmentReassembler(limits: limits)
        for index in 0..<3 { Self.add(reassembler, index * 8, 8, more: true, record: index + 1) }
        #expect(Self.add(reassembler, 24, 8, more: false, record: 4) == nil)
        #expect(
            reassembler.expire(now: Self.time(0))
                == [Self.incomplete(Self.v4Key, first: 1, seen: 4, "too many fragments (more than 3)")]
        )
        #expect(reassembler.warnings.map(\.code) == [.limitReached])
        // Exactly the limit is fine.
        let exact = IPFragmentReassembler(limits: limits)
        Self.add(exact, 0, 8, more: true, record: 1)
        Self.add(exact, 8, 8, more: true, record: 2)
        #expect(Self.add(exact, 16, 48, more: false, record: 3)?.payload == Self.payload)
    }

    @Test func tooManyPendingDatagramsDropsTheOldest() {
        var limits = CaptureLimits()
        limits.maxPendingDatagrams = 2
        let reassembler = IPFragmentReassembler(limits: limits)
        Self.add(reassembler, key: Self.key(1), 0, 8, more: true, record: 1)
        Self.add(reassembler, key: Self.key(2), 0, 8, more: true, record: 2)
        Self.add(reassembler, key: Self.key(3), 0, 8, more: true, record: 3)
        #expect(reassembler.pendingCount == 2)
        #expect(
            reassembler.expire(now: Self.time(0))
                == [Self.incomplete(Self.key(1), first: 1, seen: 1, "too many datagrams pending (more than 2)")]
        )
        // The survivors still complete.
        #expect(Self.add(reassembler, key: Self.key(2), 8, 56, more: false, record: 4)?.payload == Self.payload)
        #expect(Self.add(reassembler, key: Self.key(3), 8, 56, more: false, record: 5)?.payload == Self.payload)
    }

    /// Many datagrams through a small table: reports beyond the cap are counted, memory stays put.
    @Test func reportsAreCappedWhenExpireIsNotCalled() {
        var limits = CaptureLimits()
        limits.maxPendingDatagrams = 4
        let reassembler = IPFragmentReassembler(limits: limits)
        for identification in 0..<10_000 {
            Self.add(reassembler, key: Self.key(UInt32(identification)), 0, 8, more: true, record: identification)
        }
        #expect(reassembler.pendingCount == 4)
        #expect(reassembler.bufferedByteCount == 32)
        let reports = reassembler.expire(now: Self.time(0))
        #expect(reports.map(\.identification) == [0, 1, 2, 3])
        #expect(
            reassembler.warnings.map(\.message) == [
                "too many IP datagrams pending; the oldest were dropped (9996 times; the first is located here)",
                "reports of dropped IP datagrams discarded: expire(now:) not called often enough (9992 times; the first is located here)",
            ]
        )
        #expect(reassembler.finish().map(\.identification) == [9996, 9997, 9998, 9999])
    }

    @Test func bufferLimitDropsTheOldestDatagrams() {
        var limits = CaptureLimits()
        limits.maxFragmentBufferBytes = 64
        let reassembler = IPFragmentReassembler(limits: limits)
        Self.add(reassembler, key: Self.key(1), 0, 48, more: true, record: 1)
        Self.add(reassembler, key: Self.key(2), 0, 8, more: true, record: 2)
        #expect(reassembler.bufferedByteCount == 56)
        // 16 more bytes for datagram 2 do not fit: datagram 1, the oldest, goes.
        Self.add(reassembler, key: Self.key(2), 8, 16, more: true, record: 3)
        #expect(reassembler.bufferedByteCount == 24)
        // A fragment at 40..<64 needs a 64-byte buffer (the hole counts): datagram 2 goes.
        Self.add(reassembler, key: Self.key(3), 40, 24, more: false, record: 4)
        #expect(reassembler.bufferedByteCount == 64)
        Self.add(reassembler, key: Self.key(4), 0, 8, more: true, record: 5)
        #expect(reassembler.bufferedByteCount == 8)
        #expect(
            reassembler.expire(now: Self.time(0)) == [
                Self.incomplete(Self.key(1), first: 1, seen: 1, "fragment buffer limit reached"),
                Self.incomplete(Self.key(2), first: 2, seen: 2, "fragment buffer limit reached"),
                Self.incomplete(Self.key(3), first: 4, seen: 1, "fragment buffer limit reached"),
            ]
        )
        #expect(Self.add(reassembler, key: Self.key(4), 8, 56, more: false, record: 6)?.payload == Self.payload)
        #expect(reassembler.bufferedByteCount == 0)
    }

    @Test func singleDatagramLargerThanTheBufferLimitIsDropped() {
        var limits = CaptureLimits()
        limits.maxFragmentBufferBytes = 32
        let reassembler = IPFragmentReassembler(limits: limits)
        #expect(Self.add(reassembler, 8, 56, more: false, record: 1) == nil)
        #expect(reassembler.pendingCount == 0)
        #expect(reassembler.bufferedByteCount == 0)
        #expect(
            reassembler.expire(now: Self.time(0))
                == [Self.incomplete(Self.v4Key, first: 1, seen: 1, "fragment buffer limit reached")]
        )
    }

    @Test func timeoutCountsFromTheFirstFragment() {
        let reassembler = IPFragmentReassembler()
        Self.add(reassembler, key: Self.key(1), 0, 8, more: true, at: 10, record: 1)
        Self.add(reassembler, key: Self.key(2), 0, 8, more: true, at: 20, record: 2)
        Self.add(reassembler, key: Self.key(1), 16, 8, more: true, at: 65, record: 3)
        #expect(reassembler.expire(now: Self.time(70)).isEmpty)  // exactly 60 s is not older
        #expect(
            reassembler.expire(now: CaptureTime(nanoseconds: 70_000_000_001))
                == [Self.incomplete(Self.key(1), first: 1, seen: 2, "fragments missing after 60 s")]
        )
        #expect(reassembler.pendingCount == 1)
        #expect(reassembler.finish() == [Self.incomplete(Self.key(2), first: 2, seen: 1, "capture ended")])
        #expect(reassembler.pendingCount == 0)
        #expect(reassembler.bufferedByteCount == 0)
    }

    @Test func fractionalTimeoutIsNamedInMilliseconds() {
        var limits = CaptureLimits()
        limits.fragmentTimeoutNanoseconds = 1_500_000_000
        let reassembler = IPFragmentReassembler(limits: limits)
        Self.add(reassembler, 0, 8, more: true, at: 0, record: 1)
        #expect(reassembler.expire(now: Self.time(2)).map(\.reason) == ["fragments missing after 1500 ms"])
    }

    @Test func finishReportsDropsThenPendingInStartOrder() {
        let reassembler = IPFragmentReassembler()
        Self.add(reassembler, key: Self.key(5), 0, 8, more: true, record: 1)
        Self.add(reassembler, key: Self.key(3), 0, 8, more: true, record: 2)
        Self.add(reassembler, key: Self.v6Key, 0, 16, more: true, record: 3)
        Self.add(reassembler, key: Self.v6Key, 8, 16, more: true, record: 4)
        #expect(
            reassembler.finish() == [
                Self.incomplete(Self.v6Key, first: 3, seen: 2, "overlapping IPv6 fragments (RFC 5722)"),
                Self.incomplete(Self.key(5), first: 1, seen: 1, "capture ended"),
                Self.incomplete(Self.key(3), first: 2, seen: 1, "capture ended"),
            ]
        )
        #expect(reassembler.finish().isEmpty)
    }

    /// Keys that differ only in protocol or family are separate datagrams.
    @Test func keyFieldsSeparateDatagrams() {
        let reassembler = IPFragmentReassembler()
        var tcp = Self.v4Key
        tcp.protocolNumber = 6
        Self.add(reassembler, 0, 32, more: true, record: 1)
        #expect(Self.add(reassembler, key: tcp, 32, 32, more: false, record: 2) == nil)
        #expect(reassembler.pendingCount == 2)
        #expect(Self.v6Key.isIPv6 && !Self.v4Key.isIPv6)
    }
}
