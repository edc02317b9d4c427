import Foundation
import Hummingbird
import Logging
import Metrics

/// Answers 503 `unavailable` to a request still running after `limit` (`--request-timeout`,
/// docs/api.md, "Operations"). The work runs in its own task, so the answer goes out on time
/// even while the work waits on a store that does not heed cancellation (a SQLite file
/// locked by another process); the work is cancelled and may still finish, as a request whose
/// client went away would.
struct TimeLimitedResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == APIRequestContext {
  let inner: Inner
  let limit: Duration

  func respond(to request: Request, context: APIRequestContext) async throws -> Response {
    let inner = inner
    let limit = limit
    let work = Task { try await inner.respond(to: request, context: context) }
    let answer = FirstAnswer()
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Response, any Error>) in
        answer.start(continuation)
        let timer = Task {
          try await Task.sleep(for: limit)
          let refusal = APIError(
            code: "unavailable", status: .serviceUnavailable,
            message:
              "the request took longer than \(Self.seconds(limit)); it may still complete, so check before retrying")
          if answer.give(.success(JSONResponse.error(refusal))) {
            work.cancel()
            context.logger.warning(
              "request timed out", metadata: ["path": .string(request.uri.path), "limit": .string(Self.seconds(limit))])
            Counter(label: "runway_http_request_timeouts_total").increment()
          }
        }
        Task {
          let result = await work.result
          timer.cancel()
          _ = answer.give(result)
        }
      }
    } onCancel: {
      work.cancel()
    }
  }

  static func seconds(_ duration: Duration) -> String {
    let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    return value == value.rounded() ? "\(Int(value)) s" : String(format: "%.3g s", value)
  }
}

/// The continuation of one request, resumed by whichever of the work and the timer answers first.
private final class FirstAnswer: @unchecked Sendable {
  private let lock = NSLock()
  private var continuation: CheckedContinuation<Response, any Error>?
  private var answered = false

  func start(_ continuation: CheckedContinuation<Response, any Error>) {
    lock.withLock { self.continuation = continuation }
  }

  /// Gives the answer; false when one was already given.
  func give(_ result: Result<Response, any Error>) -> Bool {
    let continuation: CheckedContinuation<Response, any Error>? = lock.withLock {
      guard !answered else { return nil }
      answered = true
      defer { self.continuation = nil }
      return self.continuation
    }
    continuation?.resume(with: result)
    return continuation != nil
  }
}
