/// The control bits of a TCP header (RFC 9293 section 3.1; ECE and CWR from RFC 3168 section 23.2).
struct TCPFlags: OptionSet, Hashable, Sendable {
    let rawValue: UInt8

    /// The flags from the header's flag byte.
    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// No more data from the sender (RFC 9293 section 3.1).
    static let fin = TCPFlags(rawValue: 0x01)
    /// Synchronise sequence numbers: the segment opens a connection.
    static let syn = TCPFlags(rawValue: 0x02)
    /// Reset the connection.
    static let rst = TCPFlags(rawValue: 0x04)
    /// Push function.
    static let psh = TCPFlags(rawValue: 0x08)
    /// The acknowledgement number is significant.
    static let ack = TCPFlags(rawValue: 0x10)
    /// The urgent pointer is significant.
    static let urg = TCPFlags(rawValue: 0x20)
    /// ECN echo (RFC 3168 section 6.1).
    static let ece = TCPFlags(rawValue: 0x40)
    /// Congestion window reduced (RFC 3168 section 6.1).
    static let cwr = TCPFlags(rawValue: 0x80)
}
