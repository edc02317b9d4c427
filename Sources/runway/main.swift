import Foundation
import RunwayCLI

exit(await RunwayCommand.run(Array(CommandLine.arguments.dropFirst())))
