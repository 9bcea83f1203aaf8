// Parser benchmark: how many typical INVITEs with SDP the SIPMessage parser handles per second
// on one core, indexing headers only and parsing everything. Run through Benchmarks/run.sh
// (release build); prints a Markdown table.

import SIPMessage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A realistic INVITE with SDP, varied per index so that no two messages are identical.
func invite(_ index: Int) -> [UInt8] {
    let body = """
        v=0\r
        o=alice 2890844526 \(index) IN IP4 192.0.2.10\r
        s=-\r
        c=IN IP4 192.0.2.10\r
        t=0 0\r
        m=audio \(49_170 + index % 1000 * 2) RTP/AVP 0 8 9 18 101\r
        a=rtpmap:0 PCMU/8000\r
        a=rtpmap:8 PCMA/8000\r
        a=rtpmap:9 G722/8000\r
        a=rtpmap:18 G729/8000\r
        a=fmtp:18 annexb=no\r
        a=rtpmap:101 telephone-event/8000\r
        a=fmtp:101 0-16\r
        a=ptime:20\r
        a=sendrecv\r

        """
    let head = """
        INVITE sip:+15551230\(index % 10)@198.51.100.20:5060;transport=udp SIP/2.0\r
        Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-\(index)-a;rport\r
        Via: SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bK-\(index)-b;received=203.0.113.5\r
        Max-Forwards: 69\r
        Record-Route: <sip:198.51.100.1;lr>\r
        From: "Alice" <sip:+15557650000@example.com>;tag=\(index)-from\r
        To: <sip:+15551230\(index % 10)@example.com>\r
        Call-ID: \(index)-bench@192.0.2.10\r
        CSeq: \(index % 100 + 1) INVITE\r
        Contact: <sip:alice@192.0.2.10:5060;transport=udp>\r
        Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK, UPDATE, REFER, NOTIFY\r
        Supported: 100rel, timer, replaces\r
        Session-Expires: 1800;refresher=uac\r
        P-Asserted-Identity: "Alice" <sip:+15557650000@example.com>\r
        User-Agent: sipdiag-bench/1.0\r
        Content-Type: application/sdp\r
        Content-Length: \(body.utf8.count)\r
        \r

        """
    return Array((head + body).utf8)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let count = 200_000
let messages = (0..<1000).map(invite)
let clock = ContinuousClock()
var checksum = 0

// `--part NAME [--rounds N]`: only that part of the full parse (or `index` for the header index,
// `full` for the whole full parse),
// N times, and nothing else: for `valgrind --tool=callgrind`, whose instruction counts do not
// depend on what else the machine is doing. Prints instructions-free timing only.
if let flag = CommandLine.arguments.firstIndex(of: "--part"), flag + 1 < CommandLine.arguments.count {
    let name = CommandLine.arguments[flag + 1]
    let roundsFlag = CommandLine.arguments.firstIndex(of: "--rounds")
    let rounds =
        roundsFlag.flatMap { $0 + 1 < CommandLine.arguments.count ? Int(CommandLine.arguments[$0 + 1]) : nil } ?? 10_000
    let indexed = messages.compactMap { try? SIPMessage(parsing: $0) }
    if name == "index" {
        for round in 0..<rounds {
            checksum &+= (try? SIPMessage(parsing: messages[round % messages.count]))?.headerCount ?? 0
        }
    } else if name == "full" {
        for round in 0..<rounds { checksum &+= FullParse.run(messages[round % messages.count]) }
    } else if let part = FullParse.parts.first(where: { $0.name == name }) {
        for round in 0..<rounds { checksum &+= part.run(indexed[round % indexed.count]) }
    } else {
        print("unknown part '\(name)'; parts: index, full, " + FullParse.parts.map(\.name).joined(separator: ", "))
        exit(64)
    }
    print("ran \(name) \(rounds) times (checksum \(checksum))")
    exit(0)
}

// Header index only: start line and one pass over the header section.
var best = Double.infinity
for _ in 0..<3 {
    let elapsed = clock.measure {
        for index in 0..<count {
            if let message = try? SIPMessage(parsing: messages[index % messages.count]) {
                checksum &+= message.headerCount &+ (message.firstRawValue(.callID)?.count ?? 0)
            }
        }
    }
    best = min(best, seconds(elapsed))
}
let indexed = Double(count) / best

// Full parse: every typed accessor the analysis uses, and the SDP body.
best = Double.infinity
for _ in 0..<3 {
    let elapsed = clock.measure {
        for index in 0..<count {
            checksum &+= FullParse.run(messages[index % messages.count])
        }
    }
    best = min(best, seconds(elapsed))
}
let full = Double(count) / best

let size = messages.reduce(0) { $0 + $1.count } / messages.count
print("| parser (one core, \(size)-byte INVITE with SDP) | messages/s |")
print("|---|---:|")
print("| header index (start line, header fields located) | \(Int(indexed)) |")
print("| fully parsed (typed headers, URIs, SDP) | \(Int(full)) |")

// Where the full parse spends its time: each part alone on already indexed messages.
if CommandLine.arguments.contains("--breakdown") {
    let indexedMessages = messages.compactMap { try? SIPMessage(parsing: $0) }
    print("")
    print("| part of the full parse | µs per message |")
    print("|---|---:|")
    for part in FullParse.parts {
        let rounds = 20_000
        let elapsed = clock.measure {
            for index in 0..<rounds {
                checksum &+= part.run(indexedMessages[index % indexedMessages.count])
            }
        }
        let micros = seconds(elapsed) / Double(rounds) * 1_000_000
        print("| \(part.name) | \((micros * 100).rounded() / 100) |")
    }
}
if checksum == 42 { print("") }  // keeps the work from being optimised away
