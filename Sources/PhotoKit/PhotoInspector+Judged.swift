import InspektCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the checks before a submit read of a photo: as little as tells them what they judge, because they
/// must finish before a session is opened and the upload reads every byte anyway.
extension PhotoInspector {
    /// How much of a JPEG the checks decode, headers included, once `judgedMinimumRows` rows are out: the top
    /// of the picture. libjpeg's DCT scaling does not shorten its entropy decoding, so this is what bounds the
    /// checks' cost (a 4 MB phone photo: about its top eighth; a 20 MB one: its top 2-3 %).
    public static let judgedBytes = 512 * 1024

    /// Rows, at the blur score's width (`blurSampleWidth`), that the sample holds however many bytes they take
    /// (two rows of Laplacian, 500 values; a band that looks doubtful is confirmed on the whole picture anyway).
    /// It binds only where a photo's top costs more than `judgedBytes` in fewer rows: large, noisy pictures.
    public static let judgedMinimumRows = 4

    /// Type, pixel size, capture time, and sharpness and exposure judged from the top of the picture (no
    /// thumbnail): the first and last bytes (type, and whether a JPEG holds its whole picture), the headers,
    /// then a grey decode at DCT scale of the first rows until `judgedBytes` were read. Blur from a shaking
    /// hand or a missed focus, and a dark or burnt-out exposure, show in any band of the picture; a photo sharp
    /// and well lit at its top and blurred or dark below is not caught. A band that looks blurred, dark or
    /// bright is confirmed on the whole picture (streamed the same way), so no finding comes from the band
    /// alone. Throws as `facts` does.
    public static func judged(path: String) throws -> PhotoFacts {
        var facts = try headerFacts(path: path)
        guard facts.mediaType == .jpeg else { return facts }
        let name = fileName(of: path)
        if endsBeforeImage(path: path) { throw FileProblem.incomplete(name: name) }
        let fd: Int32
        switch openRegularFile(path: path) {
        case .success(let opened): fd = opened
        case .failure(let error):
            throw error.code == EINVAL ? FileProblem.notAFile(name: name) : problem(error.code, name: name)
        }
        defer { close(fd) }
        let band = try sample(fd, name: name, maxBytes: judgedBytes)
        if band.imageWidth > 0 && band.imageHeight > 0 {
            (facts.pixelWidth, facts.pixelHeight) = (band.imageWidth, band.imageHeight)
        }
        (facts.blurScore, facts.exposure) = scores(band)
        // A doubtful band (a plain sky, a dark floor, sensor noise that averages out at this scale) is not a
        // finding by itself: the whole picture decides (rare; streamed too, so no more than its grey rows at
        // 1/8 are held).
        if !band.whole && (facts.sharpnessVerdict != "sharp" || facts.exposureVerdict != "ok") {
            (facts.blurScore, facts.exposure) = scores(try sample(fd, name: name, maxBytes: Int.max))
        }
        return facts
    }

    /// The grey rows `JPEGCodec.sampleGrey` reads from the file's start, at most `maxBytes` past the minimum.
    private static func sample(_ fd: Int32, name: String, maxBytes: Int) throws -> GreyBand {
        let band: GreyBand
        do {
            band = try JPEGCodec.sampleGrey(
                fd: fd, sampleWidth: blurSampleWidth, minSampleRows: judgedMinimumRows, maxBytes: maxBytes,
                maxPixels: maxDecodedPixels)
        } catch {
            throw DamagedPhoto(name: name, reason: error.message)
        }
        if band.incomplete { throw FileProblem.incomplete(name: name) }
        return band
    }

    /// Sharpness and exposure of grey rows, as `facts` scores a whole picture: the mean, and the Laplacian's
    /// variance once brought down to `blurSampleWidth`. Nil when no rows were decoded.
    private static func scores(_ band: GreyBand) -> (blur: Double?, exposure: Double?) {
        guard band.width > 0, band.height > 0 else { return (nil, nil) }
        var grey = band.grey
        var width = band.width, height = band.height
        if width > blurSampleWidth {
            let rows = max(1, Int((Double(height) * Double(blurSampleWidth) / Double(width)).rounded()))
            grey = ImageMetrics.downscale(
                grey, width: width, height: height, channels: 1, outWidth: blurSampleWidth, outHeight: rows)
            (width, height) = (blurSampleWidth, rows)
        }
        return (ImageMetrics.laplacianVariance(grey, width: width, height: height), ImageMetrics.mean(band.grey))
    }
}
