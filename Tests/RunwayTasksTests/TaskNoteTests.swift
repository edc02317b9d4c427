import Testing

@testable import RunwayTasks

/// What a program prints on standard error becomes a history note on one line, without
/// control characters, bounded.
@Suite("Task notes")
struct TaskNoteTests {
  @Test(arguments: [
    ("first\nsecond\n\n", "second"),
    ("only line", "only line"),
    ("a\r\nb\r\n", "b"),
    ("tab\there\n", "tab here"),
    ("\u{1B}[2Jcleared\u{07}\n", "[2Jcleared"),
    ("left \u{202E}thgir\n", "left thgir"),
    ("  padded  \n   \n", "padded"),
  ])
  func theLastLineIsCleaned(_ text: String, _ note: String) {
    #expect(TaskNote.lastLine(Array(text.utf8)) == note)
  }

  @Test func nothingPrintedIsNoNote() {
    #expect(TaskNote.lastLine([]) == nil)
    #expect(TaskNote.lastLine(Array("\n \n\u{07}\n".utf8)) == nil)
  }

  @Test func aLongLineIsBounded() {
    let note = TaskNote.clean(String(repeating: "é", count: 2_000))
    #expect(note.count == TaskNote.maximumLength)
    #expect(note.hasSuffix("…"))
  }
}
