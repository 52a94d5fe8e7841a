import ArgumentParser

// Placeholder while the command is being built this session; replaced by its owner.
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", abstract: "(being built)", shouldDisplay: false)

    func run() throws { throw CLIFailure(message: "worker is not built yet") }
}
