import ArgumentParser

// Placeholder while the command is being built this session; replaced by its owner.
struct Reconcile: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reconcile", abstract: "(being built)", shouldDisplay: false)

    func run() throws { throw CLIFailure(message: "reconcile is not built yet") }
}
