import Digest

/// The `Laurel-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
/// The timestamp is signed with the body so that a receiver can refuse replays older than its
/// tolerance; `v1` names the scheme so that another can be added beside it later.
public enum WebhookSignature {
    public static let headerName = "Laurel-Signature"

    /// The header value for `body` sent at `unixSeconds`.
    public static func header(secret: String, unixSeconds: Int64, body: [UInt8]) -> String {
        "t=\(unixSeconds),v1=\(Hex.encode(mac(secret: secret, unixSeconds: unixSeconds, body: body)))"
    }

    /// Whether `header` is a valid signature of `body` with `secret`, made within `toleranceSeconds`
    /// of `nowUnixSeconds`. Any `v1` entry may match (several appear while a secret is rotated).
    public static func verify(header: String, secret: String, body: [UInt8], nowUnixSeconds: Int64, toleranceSeconds: Int64 = 300) -> Bool {
        var timestamp: Int64?
        var candidates: [String] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return false }
            // Neither names nor values have spaces: any around them are only formatting.
            let value = pair[1].filter { $0 != " " }
            switch pair[0].filter({ $0 != " " }) {
            case "t": timestamp = Int64(value)
            case "v1": candidates.append(value.lowercased())
            default: continue
            }
        }
        guard let timestamp, abs(nowUnixSeconds - timestamp) <= toleranceSeconds else { return false }
        let expected = Array(Hex.encode(mac(secret: secret, unixSeconds: timestamp, body: body)).utf8)
        return candidates.contains { ConstantTime.equals(Array($0.utf8), expected) }
    }

    private static func mac(secret: String, unixSeconds: Int64, body: [UInt8]) -> [UInt8] {
        var hmac = HMACSHA256(key: Array(secret.utf8))
        hmac.update("\(unixSeconds).".utf8)
        hmac.update(body)
        return hmac.finalize()
    }
}
