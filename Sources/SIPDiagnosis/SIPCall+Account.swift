import Foundation
import SIPAnalysis
import SIPCapture
import SIPMessage

/// What the configuration checks read from a call.
extension SIPCall {
    /// Out-of-dialog requests that create a dialog (RFC 3261 section 12: INVITE; RFC 6665
    /// section 4.1: SUBSCRIBE; RFC 3515: REFER), the first of each CSeq chain only, so that a
    /// retry after a challenge is not judged twice.
    var dialogCreatingRequests: [SIPTransaction] {
        var seen = Set<String>()
        return transactions.filter { transaction in
            guard transaction.isOutOfDialog, ["INVITE", "SUBSCRIBE", "REFER"].contains(transaction.method) else {
                return false
            }
            return seen.insert("\(transaction.method) \(transaction.client) \(transaction.server)").inserted
        }
    }

    /// The final response of the transaction and of every retry of it with the same CSeq
    /// chain (a challenge answered with credentials is a new transaction, RFC 3261 section
    /// 22.2): the last final response among the out-of-dialog transactions of `method`
    /// between the same ends.
    func finalResponse(following transaction: SIPTransaction) -> SIPTransactionResponse? {
        transactions
            .filter {
                $0.isOutOfDialog && $0.method == transaction.method && $0.client == transaction.client
                    && $0.server == transaction.server
            }
            .compactMap { $0.responses.last { !$0.isProvisional } }
            .last
    }

    /// How `transaction` went relative to the platform.
    func direction(of transaction: SIPTransaction, context: AccountContext) -> CallDirection {
        let (client, server) = (transaction.client.address, transaction.server.address)
        if context.platform.contains(server) { return .inbound }
        if context.platform.contains(client) { return .outbound }
        if context.config.whitelist?.contains(where: { $0.admitsAddress(client) }) == true { return .inbound }
        if context.routes.contains(where: { $0.points(to: server) }) { return .outbound }
        // The platform refuses unknown sources with 401, 403 or 404; a customer's PBX refusing
        // the platform would be a route problem, which the routes would have named.
        if let refusal = finalResponse(following: transaction), [401, 403, 404].contains(refusal.statusCode) {
            let code: Int = refusal.statusCode
            let why: String =
                "taking \(server) as the platform because it refused the \(transaction.method) with \(code); "
                + "pass --platform-ip (or \"platform\" in the account file) to say so"
            return .presumedInbound(why)
        }
        return .unknown
    }

    /// Whether two addresses of record name the same user at the same domain (RFC 3261
    /// section 19.1.4: the user part is case-sensitive, the host is not); schemes, ports and
    /// parameters are ignored.
    static func sameAddressOfRecord(_ a: String, _ b: String) -> Bool {
        func parts(_ text: String) -> (user: String, host: String) {
            var rest = Substring(text.trimmingCharacters(in: [" ", "<", ">"]))
            for scheme in ["sips:", "sip:"] where rest.lowercased().hasPrefix(scheme) {
                rest = rest.dropFirst(scheme.count)
            }
            if let cut = rest.firstIndex(where: { $0 == ";" || $0 == "?" || $0 == ">" }) { rest = rest[..<cut] }
            let pieces = rest.split(separator: "@", maxSplits: 1)
            let user = pieces.count == 2 ? String(pieces[0]) : ""
            let hostPort = String(pieces.last ?? "")
            return (user, RouteTarget(hostPort).host)
        }
        let (x, y) = (parts(a), parts(b))
        return x.user == y.user && x.host == y.host
    }
}
