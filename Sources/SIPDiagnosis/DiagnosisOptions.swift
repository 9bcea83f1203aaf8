/// Thresholds of the diagnosis, with the values a carrier edge usually works to.
public struct DiagnosisOptions: Sendable, Hashable {
    /// Post-dial delay above which a call gets a warning, milliseconds (RFC 6076 section 4.3
    /// defines the figure; ITU-T E.721 puts the mean for national calls around 3 s).
    public var pddWarningMs: Double
    /// Retransmissions of one request or response from which a call gets a warning. Three is
    /// two seconds without an answer over UDP (T1 = 500 ms doubling, RFC 3261 section 17.1.1.2):
    /// more than one lost packet on a healthy path.
    public var retransmissionWarningCount: Int
    /// Whether the capture records the transport each message really crossed. A Homer pcap
    /// export writes every message as UDP, and TCP known only by its protocol number may have
    /// been TLS: then the transports are not compared with the account's routes and
    /// registration, which would otherwise flag every TLS trunk.
    public var transportsAreReliable: Bool

    public init(pddWarningMs: Double = 5000, retransmissionWarningCount: Int = 3, transportsAreReliable: Bool = true) {
        self.pddWarningMs = pddWarningMs
        self.retransmissionWarningCount = retransmissionWarningCount
        self.transportsAreReliable = transportsAreReliable
    }
}
