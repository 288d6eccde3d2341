public import Engine
import HTTP

/// How a delivery leaves the process: one blocking POST, answered with the receiver's status or
/// why there is none. The deliverer calls it from its worker threads, never from an event loop.
public protocol WebhookTransport: Sendable {
    func post(_ message: WebhookMessage, timeoutMs: Int) -> Result<Int, WebhookTransportError>
}

public struct WebhookTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}

/// Plain `http://` over the HTTP module's socket client.
public struct SocketWebhookTransport: WebhookTransport {
    public init() {}

    public func post(_ message: WebhookMessage, timeoutMs: Int) -> Result<Int, WebhookTransportError> {
        let request = HTTPClient.Request(
            method: "POST", host: message.url.host, port: message.url.port, target: message.url.target, headers: message.headers,
            body: message.body)
        return HTTPClient(timeoutMs: timeoutMs).send(request).map(\.status).mapError { WebhookTransportError($0.description) }
    }
}

/// Sends each message by its URL's scheme: `http` over sockets, `https` over `tls` (the executable
/// supplies URLSession's); without one, https deliveries fail with a reason and are retried.
public struct SchemeWebhookTransport: WebhookTransport {
    let plain: any WebhookTransport
    let tls: (any WebhookTransport)?

    public init(plain: any WebhookTransport = SocketWebhookTransport(), tls: (any WebhookTransport)?) {
        self.plain = plain
        self.tls = tls
    }

    public func post(_ message: WebhookMessage, timeoutMs: Int) -> Result<Int, WebhookTransportError> {
        switch message.url.scheme {
        case .http: return plain.post(message, timeoutMs: timeoutMs)
        case .https: return tls?.post(message, timeoutMs: timeoutMs) ?? .failure(WebhookTransportError("https is not available in this build"))
        }
    }
}
