/// A store that writes transitions arriving together in one transaction (a group commit),
/// and counts them, so that an operator can see whether it happens (`/metrics`).
public protocol GroupCommitting: Sendable {
  /// The transactions that have written transitions so far, and the transitions they held.
  var transitionsWritten: (transactions: Int, transitions: Int) { get }
}
