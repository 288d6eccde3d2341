import API
import Dispatch
import Engine
import Foundation
import FoundationNetworking
import Synchronization

/// `https://` deliveries over URLSession (FoundationNetworking, libcurl underneath: TLS and
/// certificate checks as the system has them). Only the status is wanted: the task is cancelled
/// as soon as the response head arrives, so no body is ever read. Redirects are not followed (a
/// 3xx is an answer like any other non-2xx). Blocks the calling worker thread until the answer or
/// the timeout.
final class URLSessionWebhookTransport: NSObject, WebhookTransport, URLSessionDataDelegate, @unchecked Sendable {  // every field is a Mutex
    /// Made on the first https delivery: a server without https webhooks never starts one.
    private let sessionSlot = Mutex<URLSession?>(nil)
    /// Each running task's status, once its response head has arrived.
    private let statuses = Mutex<[Int: Int]>([:])
    /// What to do when each running task completes.
    private let completions = Mutex<[Int: @Sendable ((any Error)?) -> Void]>([:])

    private var session: URLSession {
        sessionSlot.withLock { slot in
            if let session = slot { return session }
            let configuration = URLSessionConfiguration.ephemeral
            configuration.httpCookieAcceptPolicy = .never
            configuration.httpShouldSetCookies = false
            configuration.urlCache = nil
            let session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
            slot = session
            return session
        }
    }

    func post(_ message: WebhookMessage, timeoutMs: Int) -> Result<Int, WebhookTransportError> {
        guard let url = URL(string: message.url.description) else { return .failure(WebhookTransportError("not a URL")) }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: Double(timeoutMs) / 1000)
        request.httpMethod = "POST"
        for (name, value) in message.headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = Data(message.body)
        let done = DispatchSemaphore(value: 0)
        let failure = Mutex<String?>(nil)
        let task = session.dataTask(with: request)
        let taskID = task.taskIdentifier
        completions.withLock { $0[taskID] = { error in
            if let error { failure.withLock { $0 = error.localizedDescription } }
            done.signal()
        } }
        task.resume()
        if done.wait(timeout: .now() + .milliseconds(timeoutMs + 1_000)) == .timedOut {
            task.cancel()
            _ = done.wait(timeout: .now() + .seconds(5))
        }
        completions.withLock { $0[taskID] = nil }
        if let status = statuses.withLock({ $0.removeValue(forKey: taskID) }) { return .success(status) }
        return .failure(WebhookTransportError(failure.withLock { $0 } ?? "timed out"))
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        if let status = (response as? HTTPURLResponse)?.statusCode { statuses.withLock { $0[dataTask.taskIdentifier] = status } }
        completionHandler(.cancel)
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
        completionHandler: @escaping (URLRequest?) -> Void
    ) {
        statuses.withLock { $0[task.taskIdentifier] = response.statusCode }
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let completion = completions.withLock { $0[task.taskIdentifier] }
        completion?(error)
    }
}
