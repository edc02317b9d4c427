import RunwayEngine

/// The form of one event the signed-in actor may fire now: its params as inputs, posted with
/// the session's CSRF token to `/releases/ID/events/EVENT` (docs/console.md, "Forms").
struct EventForm: Sendable {
  var event: String
  var title: String
  var action: String
  var csrf: String
  var formID: String
  var inputs: [FormInput]
  /// Set and map params may be uploaded as files, which only a multipart form carries.
  var multipart: Bool

  init(_ availability: EventAvailability, instance: String, csrf: String, values: [String: String] = [:]) {
    event = availability.event
    title = availability.title ?? availability.event
    action =
      "/releases/\(ConsoleResponse.pathEncoded(instance))/events/\(ConsoleResponse.pathEncoded(availability.event))"
    self.csrf = csrf
    formID = "event-\(availability.event)"
    let form = formID
    inputs = availability.params.map { FormInput(form: form, param: $0, value: values[$0.name] ?? "") }
    multipart = inputs.contains(where: \.file)
  }
}
