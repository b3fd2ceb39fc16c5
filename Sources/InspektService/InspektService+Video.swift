import Foundation
import InspektCore
import PhotoKit

extension InspektService {
    /// The video of an inspection that is a video walk-around (API.md §7). Once it was made ready its size and
    /// duration are those stored with it (read from the container's headers then, never by decoding), so that
    /// they outlive the file; a draft's are read from its file now. Nil for an inspection of photos.
    public func videoSummary(of inspection: Inspection) -> VideoSummary? {
        guard let video = inspection.photos.first(where: { $0.slot == .video }) else { return nil }
        if let duration = video.duration {
            return VideoSummary(fileName: video.fileName, size: video.size, duration: duration)
        }
        let size = PhotoInspector.regularFileSize(path: video.path) ?? video.size
        return VideoSummary(fileName: video.fileName, size: size, duration: videoDuration(path: video.path))
    }

    /// `videoSummary` of each video walk-around among `inspections`, by inspection id.
    public func videoSummaries(of inspections: [Inspection]) -> [String: VideoSummary] {
        var summaries: [String: VideoSummary] = [:]
        for inspection in inspections {
            if let summary = videoSummary(of: inspection) { summaries[inspection.id] = summary }
        }
        return summaries
    }

    /// Seconds the video at `path` records in its container; nil when it cannot be read or records none.
    func videoDuration(path: String) -> Double? {
        guard case .success(let facts) = PhotoInspector.videoFacts(path: path) else { return nil }
        return facts.duration
    }
}
