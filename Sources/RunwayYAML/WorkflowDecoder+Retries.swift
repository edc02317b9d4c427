import RunwayModel

extension WorkflowDecoder {
  /// A task state's `timeout: 10m` (docs/workflow-format.md, "Time limits and retries").
  mutating func taskTimeout(_ node: YAMLNode) -> Period? {
    guard let text = reader.string(node, "timeout") else { return nil }
    guard let period = Period(text) else {
      reader.error("\"timeout\" must be a duration: " + Period.problem(text), at: node.location)
      return nil
    }
    return period
  }

  /// A task state's `retries: {attempts: 3, backoff: 30s}`.
  mutating func retries(_ node: YAMLNode) -> TaskRetries? {
    guard let pairs = reader.mapping(node, "\"retries\"") else { return nil }
    reader.checkKeys(
      pairs, allowed: ["attempts", "backoff"], required: ["attempts", "backoff"], in: "retries", at: node.location)
    guard let attemptsNode = reader.value(pairs, "attempts"), let backoffNode = reader.value(pairs, "backoff") else {
      return nil
    }
    guard let attempts = reader.int(attemptsNode, "attempts") else { return nil }
    guard attempts >= 2, attempts <= TaskRetries.maximumAttempts else {
      reader.error(
        "\"attempts\" counts every run, the first included: write 2 to \(TaskRetries.maximumAttempts), not \(attempts)",
        at: attemptsNode.location)
      return nil
    }
    guard let text = reader.string(backoffNode, "backoff") else { return nil }
    guard let backoff = Period(text) else {
      reader.error("\"backoff\" must be a duration: " + Period.problem(text), at: backoffNode.location)
      return nil
    }
    guard backoff.seconds <= TaskRetries.longestDelay else {
      reader.error("\"backoff\" may be at most 1d, not \(backoff)", at: backoffNode.location)
      return nil
    }
    return TaskRetries(attempts: attempts, backoff: backoff, location: node.location)
  }
}
