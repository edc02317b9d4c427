import Foundation

/// The source of "now"; injected so the engine reads no clock of its own.
public protocol Clock: Sendable {
  func now() -> Date
}

/// The system's wall clock.
public struct SystemClock: Clock {
  public init() {}
  public func now() -> Date { Date() }
}

/// A clock that returns a fixed time, advanced by hand (tests, scenarios).
public final class FixedClock: Clock, @unchecked Sendable {
  private let lock = NSLock()
  private var current: Date
  public init(_ start: Date) { current = start }
  public func now() -> Date { lock.withLock { current } }
  public func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}
