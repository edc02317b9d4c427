import Foundation
import Hummingbird
import Logging
import Metrics

/// Answers 503 `unavailable` to a request still running after `limit` (`--request-timeout`,
/// docs/api.md, "Operations"), checked by `RequestDeadlines`. The work runs in its own task,
/// so the answer goes out on time even while the work waits on a store that does not heed
/// cancellation (a SQLite file locked by another process); the work is cancelled and may
/// still finish, as a request whose client went away would.
struct TimeLimitedResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == APIRequestContext {
  let inner: Inner
  let limit: Duration
  let deadlines: RequestDeadlines

  init(inner: Inner, limit: Duration) {
    self.inner = inner
    self.limit = limit
    deadlines = RequestDeadlines(limit: limit)
  }

  func respond(to request: Request, context: APIRequestContext) async throws -> Response {
    let inner = inner
    let limit = limit
    let deadlines = deadlines
    let answer = FirstAnswer()
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Response, any Error>) in
      answer.start(continuation)
      let work = Task {
        do {
          _ = answer.give(.success(try await inner.respond(to: request, context: context)))
        } catch {
          _ = answer.give(.failure(error))
        }
      }
      let deadline = deadlines.add(ContinuousClock.now + limit) {
        let refusal = APIError(
          code: "unavailable", status: .serviceUnavailable,
          message:
            "the request took longer than \(Self.seconds(limit)); it may still complete, so check before retrying")
        guard answer.give(.success(JSONResponse.error(refusal))) else { return }
        work.cancel()
        context.logger.warning(
          "request timed out", metadata: ["path": .string(request.uri.path), "limit": .string(Self.seconds(limit))])
        Counter(label: "runway_http_request_timeouts_total").increment()
      }
      answer.onAnswer { deadlines.cancel(deadline) }
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
  private var after: (@Sendable () -> Void)?

  func start(_ continuation: CheckedContinuation<Response, any Error>) {
    lock.withLock { self.continuation = continuation }
  }

  /// Runs `body` once the answer is given (now, when it already was).
  func onAnswer(_ body: @escaping @Sendable () -> Void) {
    let now: Bool = lock.withLock {
      if answered { return true }
      after = body
      return false
    }
    if now { body() }
  }

  /// Gives the answer; false when one was already given.
  func give(_ result: Result<Response, any Error>) -> Bool {
    let taken: (CheckedContinuation<Response, any Error>?, (@Sendable () -> Void)?)? = lock.withLock {
      guard !answered else { return nil }
      answered = true
      defer {
        continuation = nil
        after = nil
      }
      return (continuation, after)
    }
    guard let taken else { return false }
    taken.0?.resume(with: result)
    taken.1?()
    return true
  }
}
