import InspektCore
import Testing

/// Tiny real containers written byte by byte: MP4/MOV boxes and Matroska/WebM elements, whole, cut short and hostile.
@Suite struct VideoContainerTests {
    static func be(_ value: UInt64, _ count: Int) -> [UInt8] {
        (0..<count).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    static func box(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        be(UInt64(8 + payload.count), 4) + Array(type.utf8) + payload
    }

    static func mvhd(version: UInt8, scale: UInt64, units: UInt64) -> [UInt8] {
        let times = version == 1 ? be(0, 16) : be(0, 8)
        let length = version == 1 ? be(units, 8) : be(units, 4)
        return box("mvhd", [version, 0, 0, 0] + times + be(scale, 4) + length + [UInt8](repeating: 0, count: 80))
    }

    static func mp4(brand: String = "isom", mvhd: [UInt8], mdatFirst: Bool = false) -> [UInt8] {
        let ftyp = box("ftyp", Array(brand.utf8) + be(0x200, 4) + Array(brand.utf8))
        let moov = box("moov", mvhd + box("trak", []))
        let mdat = box("mdat", [UInt8](repeating: 0xAB, count: 64))
        return mdatFirst ? ftyp + mdat + moov : ftyp + moov + mdat
    }

    /// An EBML element with a one-byte-marked size of 8 bytes (0x01 then seven bytes), as muxers often write.
    static func element(_ id: UInt64, _ payload: [UInt8], idBytes: Int) -> [UInt8] {
        be(id, idBytes) + [0x01] + be(UInt64(payload.count), 7) + payload
    }

    static func matroska(
        docType: String = "webm", scale: UInt64? = nil, duration: [UInt8]?, clusterFirst: Bool = false
    )
        -> [UInt8]
    {
        let header = element(0x1A45_DFA3, element(0x4282, Array(docType.utf8), idBytes: 2), idBytes: 4)
        var info: [UInt8] = []
        if let scale { info += element(0x2A_D7B1, be(scale, 3), idBytes: 3) }
        if let duration { info += element(0x4489, duration, idBytes: 2) }
        let cluster = element(0x1F43_B675, [UInt8](repeating: 0x11, count: 32), idBytes: 4)
        let infoElement = element(0x1549_A966, info, idBytes: 4)
        let segment = element(0x1853_8067, clusterFirst ? cluster + infoElement : infoElement + cluster, idBytes: 4)
        return header + segment
    }

    static func read(_ bytes: [UInt8], as type: MediaType) -> Result<VideoFacts, ContainerProblem> {
        VideoContainer.read(ByteArraySource(bytes), claimed: type)
    }

    @Test func mp4DurationFromMvhdVersionZeroAndOne() {
        let v0 = Self.mp4(mvhd: Self.mvhd(version: 0, scale: 1000, units: 42_500))
        #expect(Self.read(v0, as: .mp4) == .success(VideoFacts(type: .mp4, duration: 42.5)))
        let v1 = Self.mp4(mvhd: Self.mvhd(version: 1, scale: 90_000, units: 90_000 * 5_000_000_000), mdatFirst: true)
        #expect(Self.read(v1, as: .mp4) == .success(VideoFacts(type: .mp4, duration: 5_000_000_000)))
        let mov = Self.mp4(brand: "qt  ", mvhd: Self.mvhd(version: 0, scale: 600, units: 600 * 75))
        #expect(Self.read(mov, as: .mov) == .success(VideoFacts(type: .mov, duration: 75)))
        let unknown = Self.mp4(mvhd: Self.mvhd(version: 0, scale: 1000, units: 0xFFFF_FFFF))
        #expect(Self.read(unknown, as: .mp4) == .success(VideoFacts(type: .mp4, duration: nil)))
    }

    @Test func matroskaDurationWithTimecodeScale() {
        let defaultScale = Self.matroska(duration: Self.be(Double(61_000).bitPattern, 8))
        #expect(Self.read(defaultScale, as: .webm) == .success(VideoFacts(type: .webm, duration: 61)))
        let float32 = Self.matroska(
            docType: "matroska", scale: 1_000_000 / 4, duration: Self.be(UInt64(Float(8000).bitPattern), 4))
        #expect(Self.read(float32, as: .mkv) == .success(VideoFacts(type: .mkv, duration: 2)))
        let afterCluster = Self.matroska(
            scale: 1_000_000, duration: Self.be(Double(3_000).bitPattern, 8), clusterFirst: true)
        #expect(Self.read(afterCluster, as: .webm) == .success(VideoFacts(type: .webm, duration: 3)))
        let none = Self.matroska(duration: nil)
        #expect(Self.read(none, as: .webm) == .success(VideoFacts(type: .webm, duration: nil)))
    }

    @Test func aviDurationFromItsMainHeader() {
        var avih = Self.le(33_333) + Self.le(0) + Self.le(0) + Self.le(0) + Self.le(300)
        avih += [UInt8](repeating: 0, count: 36)
        let hdrl =
            Array("LIST".utf8) + Self.le(UInt32(4 + 8 + avih.count)) + Array("hdrl".utf8)
            + Array("avih".utf8) + Self.le(UInt32(avih.count)) + avih
        let avi = Array("RIFF".utf8) + Self.le(UInt32(4 + hdrl.count)) + Array("AVI ".utf8) + hdrl
        guard case .success(let facts) = Self.read(avi, as: .avi), let duration = facts.duration else {
            Issue.record("an AVI with a main header was refused")
            return
        }
        #expect(abs(duration - 9.9999) < 0.001)
    }

    static func le(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) } }

    @Test func anotherContainerThanTheNameSaysIsRefused() {
        let webm = Self.matroska(duration: Self.be(Double(1000).bitPattern, 8))
        let mp4 = Self.mp4(mvhd: Self.mvhd(version: 0, scale: 1000, units: 1000))
        expectRefused(webm, as: .mp4, saying: "file type box")
        expectRefused(mp4, as: .webm, saying: "EBML header")
        expectRefused(mp4, as: .avi, saying: "AVI header")
        expectRefused(Array("just some text, not a film at all".utf8), as: .mov, saying: "file type box")
        expectRefused(Self.matroska(docType: "xml", duration: nil), as: .mkv, saying: "document type")
    }

    @Test func cutShortFilesAreRefusedAtEveryLength() {
        let mp4 = Self.mp4(mvhd: Self.mvhd(version: 1, scale: 1000, units: 1000))
        let webm = Self.matroska(duration: Self.be(Double(1000).bitPattern, 8))
        // Every prefix of either, its media data cut included, is refused in words, never read, never a crash.
        // (Cut exactly before its media data box it is a whole file of boxes, which nothing can tell from a film.)
        let beforeMediaData = mp4.count - 72
        for length in 0..<mp4.count where length != beforeMediaData {
            if case .success = Self.read(Array(mp4.prefix(length)), as: .mp4) {
                Issue.record("an MP4 cut at \(length) bytes was read")
            }
        }
        for length in 0..<webm.count {
            if case .success = Self.read(Array(webm.prefix(length)), as: .webm) {
                Issue.record("a WebM cut at \(length) bytes was read")
            }
        }
        expectRefused(Array(mp4.prefix(40)), as: .mp4, saying: "cut short")
    }

    @Test func hostileSizesNeverCrashOrLoop() {
        let ftyp = Self.box("ftyp", Array("isom".utf8))
        // A box claiming more than the file holds, one smaller than its header, a 64-bit size past Int64.
        expectRefused(ftyp + Self.be(1 << 31, 4) + Array("moov".utf8), as: .mp4, saying: "cut short")
        expectRefused(ftyp + Self.be(4, 4) + Array("free".utf8), as: .mp4, saying: "smaller than its own header")
        expectRefused(ftyp + Self.be(1, 4) + Array("free".utf8) + Self.be(.max, 8), as: .mp4, saying: "impossible size")
        // Tens of thousands of empty boxes.
        let many = ftyp + Array([[UInt8]](repeating: Self.box("free", []), count: 70_000).joined())
        expectRefused(many, as: .mp4, saying: "more than")
        // An mvhd of version 7, of time scale 0.
        expectRefused(
            Self.mp4(mvhd: Self.box("mvhd", [7] + [UInt8](repeating: 0, count: 40))), as: .mp4, saying: "version 7")
        expectRefused(Self.mp4(mvhd: Self.mvhd(version: 0, scale: 0, units: 5)), as: .mp4, saying: "time scale of 0")
        // EBML: a zero first byte, a Duration of 3 bytes, a NaN Duration.
        expectRefused([0x1A, 0x45, 0xDF, 0xA3, 0x00, 0x00], as: .webm, saying: "malformed")
        expectRefused(Self.matroska(duration: [1, 2, 3]), as: .webm, saying: "float of 4 or 8")
        expectRefused(Self.matroska(duration: Self.be(Double.nan.bitPattern, 8)), as: .webm, saying: "not a length")
    }

    @Test func clockShowsMinutesAndSeconds() {
        #expect(VideoContainer.clock(65) == "1:05")
        #expect(VideoContainer.clock(42.4) == "0:42")
        #expect(VideoContainer.clock(3723) == "1:02:03")
    }

    func expectRefused(
        _ bytes: [UInt8], as type: MediaType, saying words: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        switch Self.read(bytes, as: type) {
        case .success(let facts):
            Issue.record("read as \(facts)", sourceLocation: sourceLocation)
        case .failure(let problem):
            #expect(problem.reason.contains(words), "\(problem.reason)", sourceLocation: sourceLocation)
        }
    }
}
