import Foundation
import RunwayModel
import Testing

/// A state keeps its task behind a reference (docs/benchmarks.md, "W3, loading"); it must
/// still behave as a value: copies change apart, equality and hashing look at the binding.
@Suite("A state's task")
struct StateTaskTests {
  static let place = SourceLocation(file: "w.yaml", line: 4, column: 3)
  static let build = TaskBinding(
    name: "build-package", onSuccess: Reference("built", at: place), onFailure: Reference("failed", at: place),
    location: place)

  @Test func aCopyChangesApartFromItsOriginal() {
    let original = State(name: "building", title: "Building", task: Self.build, location: Self.place)
    var copy = original
    copy.task?.timeout = Period(seconds: 60)
    #expect(original.task?.timeout == nil)
    #expect(copy.task?.timeout == Period(seconds: 60))
    #expect(original != copy)
    copy.task = nil
    #expect(copy.task == nil && original.task == Self.build)
  }

  @Test func equalBindingsMakeEqualStates() {
    let one = State(name: "building", title: "Building", task: Self.build, location: Self.place)
    var other = State(name: "building", title: "Building", location: Self.place)
    #expect(one != other)
    other.task = Self.build
    #expect(one == other)
    #expect(one.hashValue == other.hashValue)
    #expect(Set([one, other]).count == 1)
  }

  @Test(arguments: [true, false])
  func theTaskSurvivesEncoding(_ withTask: Bool) throws {
    let state = State(
      name: "building", title: "Building", task: withTask ? Self.build : nil, location: Self.place)
    let data = try JSONEncoder().encode(state)
    let decoded = try JSONDecoder().decode(State.self, from: data)
    #expect(decoded == state)
    #expect(decoded.task == (withTask ? Self.build : nil))
    let json = try #require(String(data: data, encoding: .utf8))
    #expect(json.contains("\"task\"") == withTask)
  }
}
