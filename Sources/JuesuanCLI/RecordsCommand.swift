import ArgumentParser

// Placeholder while the command is being built this session; replaced by its owner.
struct RecordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "records", abstract: "(being built)", shouldDisplay: false)

    func run() throws { throw CLIFailure(message: "records is not built yet") }
}
