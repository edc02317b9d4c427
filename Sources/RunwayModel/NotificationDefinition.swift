/// A message sent when a transition names it in `notify`.
public struct NotificationDefinition: Hashable, Sendable, Codable {
  /// Who receives it.
  public enum Recipients: Hashable, Sendable, Codable {
    /// The actor who last fired the event.
    case actorOf(Reference)
    /// Every actor whose role, bound to this instance, is one of these.
    case roles([Reference])
    /// The actor who started the instance.
    case initiator
  }

  public var name: String
  public var to: Recipients
  public var subject: TemplateSource
  public var body: TemplateSource
  public var location: SourceLocation

  public init(
    name: String, to: Recipients, subject: TemplateSource, body: TemplateSource,
    location: SourceLocation
  ) {
    self.name = name
    self.to = to
    self.subject = subject
    self.body = body
    self.location = location
  }
}
