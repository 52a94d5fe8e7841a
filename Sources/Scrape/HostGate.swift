/// Per-host politeness shared by every request of a run: at most `concurrency` requests at once
/// against one host, and at least `delay` between the starts of two of them. When sources that
/// share a host ask for different settings, the stricter ones win.
actor HostGate {
    private struct HostState {
        var active = 0
        var nextStart: ContinuousClock.Instant?
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private var hosts: [String: HostState] = [:]
    private var limits: [String: (concurrency: Int, delay: Duration)] = [:]
    private let clock = ContinuousClock()

    /// Registers a source's settings for a host (the stricter settings win).
    func register(host: String, politeness: Politeness) {
        if let old = limits[host] {
            limits[host] = (
                min(old.concurrency, politeness.concurrency), max(old.delay, politeness.delay)
            )
        } else {
            limits[host] = (politeness.concurrency, politeness.delay)
        }
    }

    /// Waits for a slot on `host` and for the host's delay; call ``release(host:)`` after the request.
    func acquire(host: String) async {
        let limit = limits[host] ?? (1, .seconds(1))
        while hosts[host, default: HostState()].active >= limit.concurrency {
            await withCheckedContinuation { hosts[host, default: HostState()].waiters.append($0) }
        }
        hosts[host, default: HostState()].active += 1
        let now = clock.now
        let start = max(now, hosts[host]?.nextStart ?? now)
        hosts[host]?.nextStart = start.advanced(by: limit.delay)
        if start > now {
            // The slot is reserved; other hosts' requests go on while this one waits.
            try? await clock.sleep(until: start)
        }
    }

    /// Gives back a slot taken by ``acquire(host:)``.
    func release(host: String) {
        hosts[host]?.active -= 1
        if let first = hosts[host]?.waiters.first {
            hosts[host]?.waiters.removeFirst()
            first.resume()
        }
    }
}
