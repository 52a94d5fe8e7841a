import ArgumentParser

// Placeholder while the command is being built this session; replaced by its owner.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "(being built)", shouldDisplay: false)

    func run() throws { throw CLIFailure(message: "export is not built yet") }
}
