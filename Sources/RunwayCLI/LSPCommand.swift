import ArgumentParser
import RunwayLanguageServer

/// `runway lsp`: the validator inside the editor, as a language server over stdio.
struct LSPCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lsp",
    abstract: "Run the language server for workflow files (LSP over standard input and output).",
    discussion: """
      An editor starts this command and speaks the Language Server Protocol (JSON-RPC 2.0, \
      LSP 3.17) to it on standard input and output; you do not type to it. It works on the \
      editor's unsaved text, and on a file that does not parse yet: it says where, and \
      serves what it can read.

      What the editor gets:
        - the errors and warnings of `runway validate` as you type;
          did-you-mean as quick fixes
        - completion: states in from/to/on, roles in allow, notifications in notify,
          fields/params/settings in expressions and set, variables in {{ }},
          attributes after a ref field (miniProgram.)
        - hover: title and description of a state, field, role or setting;
          the type of an expression
        - go to definition, find references, an outline of states and transitions
        - rename of a state or a field everywhere in the file

      Set it up once per editor (VS Code, Neovim, Helix): see docs/editors.md. Neovim:
        vim.lsp.start({ name = "runway", cmd = { "runway", "lsp" } })
      Exit status: 0 after shutdown and exit; 1 when the input ends or breaks the protocol first.
      """)

  @Option(help: "Milliseconds a document must stay unchanged before it is checked again.")
  var debounce: Int = 150

  func validate() throws {
    guard (0...10_000).contains(debounce) else {
      throw ValidationError("--debounce must be between 0 and 10000 milliseconds, not \(debounce)")
    }
  }

  func run() async throws {
    let status = await StdioServer.run(
      debounce: .milliseconds(debounce), version: RunwayCommand.configuration.version)
    if status != 0 { throw ExitCode(status) }
  }
}
