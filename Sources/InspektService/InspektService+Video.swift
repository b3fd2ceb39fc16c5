import Foundation
import InspektCore
import PhotoKit

extension InspektService {
    /// The video of an inspection that is a video walk-around (API.md §7), read from its file now: the duration
    /// comes from the container's headers, never from decoding. Nil for an inspection of photos.
    public func videoSummary(of inspection: Inspection) -> VideoSummary? {
        guard let video = inspection.photos.first(where: { $0.slot == .video }) else { return nil }
        let size = PhotoInspector.regularFileSize(path: video.path) ?? video.size
        let duration: Double?
        if case .success(let facts) = PhotoInspector.videoFacts(path: video.path) {
            duration = facts.duration
        } else {
            duration = nil
        }
        return VideoSummary(fileName: video.fileName, size: size, duration: duration)
    }

    /// `videoSummary` of each video walk-around among `inspections`, by inspection id.
    public func videoSummaries(of inspections: [Inspection]) -> [String: VideoSummary] {
        var summaries: [String: VideoSummary] = [:]
        for inspection in inspections {
            if let summary = videoSummary(of: inspection) { summaries[inspection.id] = summary }
        }
        return summaries
    }
}
