/// Pixel arithmetic on decoded images: box downscaling, blur and exposure scores.
enum ImageMetrics {
    /// Area-averages `channels`-per-pixel samples from `width × height` to `outWidth × outHeight`.
    static func downscale(
        _ pixels: [UInt8], width: Int, height: Int, channels: Int, outWidth: Int, outHeight: Int
    ) -> [UInt8] {
        guard width > 0, height > 0, outWidth > 0, outHeight > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: outWidth * outHeight * channels)
        var sums = [Int](repeating: 0, count: channels)
        for oy in 0..<outHeight {
            let y0 = oy * height / outHeight
            let y1 = max(y0 + 1, (oy + 1) * height / outHeight)
            for ox in 0..<outWidth {
                let x0 = ox * width / outWidth
                let x1 = max(x0 + 1, (ox + 1) * width / outWidth)
                for c in 0..<channels { sums[c] = 0 }
                for y in y0..<y1 {
                    var i = (y * width + x0) * channels
                    for _ in x0..<x1 {
                        for c in 0..<channels { sums[c] += Int(pixels[i + c]) }
                        i += channels
                    }
                }
                let n = (y1 - y0) * (x1 - x0)
                let o = (oy * outWidth + ox) * channels
                for c in 0..<channels { out[o + c] = UInt8((sums[c] + n / 2) / n) }
            }
        }
        return out
    }

    /// The size that fits `width × height` inside `maxWidth × maxHeight` keeping its shape (never upscaled).
    static func fit(width: Int, height: Int, maxWidth: Int, maxHeight: Int) -> (width: Int, height: Int) {
        guard width > 0, height > 0 else { return (0, 0) }
        let scale = min(Double(maxWidth) / Double(width), Double(maxHeight) / Double(height), 1)
        return (max(1, Int((Double(width) * scale).rounded())), max(1, Int((Double(height) * scale).rounded())))
    }

    /// Rec. 601 luma of RGB pixels.
    static func grey(_ rgb: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: rgb.count / 3)
        for i in 0..<out.count {
            let r = Int(rgb[3 * i]), g = Int(rgb[3 * i + 1]), b = Int(rgb[3 * i + 2])
            out[i] = UInt8((299 * r + 587 * g + 114 * b + 500) / 1000)
        }
        return out
    }

    static func mean(_ values: [UInt8]) -> Double {
        guard !values.isEmpty else { return 0 }
        return Double(values.reduce(0) { $0 + Int($1) }) / Double(values.count)
    }

    /// Variance of the 4-neighbour Laplacian: edges give large values, blur flattens them.
    static func laplacianVariance(_ grey: [UInt8], width: Int, height: Int) -> Double {
        guard width >= 3, height >= 3 else { return 0 }
        var sum = 0.0, sumSquares = 0.0
        for y in 1..<(height - 1) {
            for x in 1..<(width - 1) {
                let i = y * width + x
                let l =
                    Int(grey[i - 1]) + Int(grey[i + 1]) + Int(grey[i - width]) + Int(grey[i + width]) - 4 * Int(grey[i])
                let v = Double(l)
                sum += v
                sumSquares += v * v
            }
        }
        let n = Double((width - 2) * (height - 2))
        let mean = sum / n
        return sumSquares / n - mean * mean
    }
}
