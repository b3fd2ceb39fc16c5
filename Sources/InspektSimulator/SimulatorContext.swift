import Hummingbird
import NIOCore

/// The request context of the simulator: Hummingbird's basics plus the connection, which a dropped reply closes.
struct SimulatorContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
