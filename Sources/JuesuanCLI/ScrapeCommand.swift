import ArgumentParser

// Placeholder while the command is being built this session; replaced by its owner.
struct Scrape: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scrape", abstract: "(being built)", shouldDisplay: false)

    func run() throws { throw CLIFailure(message: "scrape is not built yet") }
}
