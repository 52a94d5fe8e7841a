import ArgumentParser

// Placeholder while the command is being built this session; replaced by its owner.
struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "batch", abstract: "(being built)", shouldDisplay: false)

    func run() throws { throw CLIFailure(message: "batch is not built yet") }
}
