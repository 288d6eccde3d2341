/// Where a webhook posts: an absolute `http` or `https` URL with a host, checked once when the
/// webhook is saved so that delivery never meets a URL it cannot use. Credentials in the URL and
/// fragments are refused (the secret signs; a fragment is never sent). Non-ASCII must arrive
/// percent-encoded, as it would be sent.
public struct WebhookURL: Sendable, Equatable, CustomStringConvertible {
    public enum Scheme: String, Sendable {
        case http, https

        public var defaultPort: Int { self == .http ? 80 : 443 }
    }

    public static let bytesMax = 2_048

    public let scheme: Scheme
    /// A name or an IPv4 address as written, or an IPv6 address without its brackets.
    public let host: String
    public let port: Int
    /// The request target: path and query, `/` at least.
    public let target: String
    /// The URL as given.
    public let description: String

    /// The URL, or what is wrong with it.
    public static func parse(_ text: String) -> Result<WebhookURL, WebhookURLProblem> {
        guard text.utf8.count <= bytesMax else { return .failure(WebhookURLProblem("must be at most \(bytesMax) bytes")) }
        guard text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .failure(WebhookURLProblem("must be ASCII without spaces or control characters (percent-encode the rest)"))
        }
        let lowered = text.lowercased()
        let scheme: Scheme
        if lowered.hasPrefix("https://") { scheme = .https } else if lowered.hasPrefix("http://") { scheme = .http } else {
            return .failure(WebhookURLProblem("must start with http:// or https://"))
        }
        let rest = text.dropFirst(scheme.rawValue.count + 3)
        guard !rest.contains("#") else { return .failure(WebhookURLProblem("must not have a fragment (#…)")) }
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        let target = rest.dropFirst(authority.count)
        guard !authority.contains("@") else { return .failure(WebhookURLProblem("must not carry credentials (user@); the secret signs each delivery")) }
        guard let (host, port) = hostAndPort(authority, scheme: scheme) else {
            return .failure(WebhookURLProblem("must have a host (a name, an IPv4 address or a bracketed IPv6 address) and an optional port 1-65535"))
        }
        let path = target.isEmpty ? "/" : (target.hasPrefix("?") ? "/" + target : String(target))
        return .success(WebhookURL(scheme: scheme, host: host, port: port, target: path, description: text))
    }

    /// `Host` header value: the port only when it is not the scheme's own.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == scheme.defaultPort ? name : "\(name):\(port)"
    }

    private static func hostAndPort(_ authority: Substring, scheme: Scheme) -> (String, Int)? {
        var hostPart = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
            guard !hostPart.isEmpty, hostPart.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
        } else {
            if let colon = authority.firstIndex(of: ":") {
                hostPart = authority[..<colon]
                portText = authority[authority.index(after: colon)...]
            }
            guard !hostPart.isEmpty, hostPart.utf8.count <= 253,
                  hostPart.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" }),
                  !hostPart.hasPrefix("."), !hostPart.hasPrefix("-")
            else { return nil }
        }
        var port = scheme.defaultPort
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCIIDigit), let number = Int(portText),
                  (1...65_535).contains(number)
            else { return nil }
            port = number
        }
        return (String(hostPart), port)
    }
}

public struct WebhookURLProblem: Error, Sendable, Equatable {
    public let message: String

    init(_ message: String) { self.message = message }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
