/// The stream filters the graphics reader decodes (ISO 32000-1 §7.4): FlateDecode with PNG and
/// TIFF predictors, ASCIIHexDecode, ASCII85Decode and RunLengthDecode, alone or in arrays. Any
/// other filter (LZW, DCT and the other image codecs on a content stream, Crypt) makes the stream
/// unreadable: ``decode(_:resolve:)`` says which.
enum StreamFilters {
    enum Failure: Error {
        case unsupported(String)
        case damaged(String)

        var reason: String {
            switch self {
            case .unsupported(let filter): return "unsupported filter \(filter)"
            case .damaged(let filter): return "damaged \(filter) stream"
            }
        }
    }

    static func decode(_ stream: PDFStream, resolve: (PDFObject) -> PDFObject) throws(Failure) -> [UInt8] {
        var filters: [String] = []
        switch stream.dictionary["Filter"].map(resolve) {
        case .name(let name): filters = [name]
        case .array(let items): filters = items.compactMap { resolve($0).name }
        default: break
        }
        var parameters: [[String: PDFObject]?] = []
        switch stream.dictionary["DecodeParms"].map(resolve) {
        case .dictionary(let value): parameters = [value]
        case .array(let items): parameters = items.map { resolve($0).dictionary }
        default: break
        }
        var data = Array(stream.data)
        for (index, filter) in filters.enumerated() {
            let parms = index < parameters.count ? parameters[index] : nil
            switch filter {
            case "FlateDecode", "Fl":
                guard let inflated = Inflate.inflate(data[...]) else { throw .damaged(filter) }
                data = try predict(inflated, parameters: parms, resolve: resolve)
            case "ASCIIHexDecode", "AHx":
                data = asciiHex(data[...])
            case "ASCII85Decode", "A85":
                data = ascii85(data)
            case "RunLengthDecode", "RL":
                data = runLength(data)
            default:
                throw .unsupported(filter)
            }
        }
        return data
    }

    // MARK: Predictors

    private static func predict(
        _ data: [UInt8], parameters: [String: PDFObject]?, resolve: (PDFObject) -> PDFObject
    ) throws(Failure) -> [UInt8] {
        guard let parameters else { return data }
        let predictor = parameters["Predictor"].map(resolve)?.integer ?? 1
        if predictor <= 1 { return data }
        let colors = max(1, min(parameters["Colors"].map(resolve)?.integer ?? 1, 32))
        let bits = max(1, min(parameters["BitsPerComponent"].map(resolve)?.integer ?? 8, 16))
        let columns = max(1, min(parameters["Columns"].map(resolve)?.integer ?? 1, 1 << 16))
        let bytesPerPixel = max(1, (colors * bits + 7) / 8)
        let rowLength = (colors * bits * columns + 7) / 8
        if predictor == 2 { return tiff(data, rowLength: rowLength, bytesPerPixel: bytesPerPixel, bits: bits) }
        guard predictor >= 10 else { throw .unsupported("predictor \(predictor)") }
        var output: [UInt8] = []
        output.reserveCapacity(data.count)
        var previous = [UInt8](repeating: 0, count: rowLength)
        var row = [UInt8](repeating: 0, count: rowLength)
        var index = 0
        while index < data.count {
            let type = data[index]
            index += 1
            let available = min(rowLength, data.count - index)
            for column in 0..<rowLength { row[column] = column < available ? data[index + column] : 0 }
            index += available
            for column in 0..<rowLength {
                let left = column >= bytesPerPixel ? Int(row[column - bytesPerPixel]) : 0
                let up = Int(previous[column])
                let upperLeft = column >= bytesPerPixel ? Int(previous[column - bytesPerPixel]) : 0
                let value = Int(row[column])
                switch type {
                case 1: row[column] = UInt8(truncatingIfNeeded: value + left)
                case 2: row[column] = UInt8(truncatingIfNeeded: value + up)
                case 3: row[column] = UInt8(truncatingIfNeeded: value + (left + up) / 2)
                case 4:
                    let estimate = left + up - upperLeft
                    let distanceLeft = abs(estimate - left)
                    let distanceUp = abs(estimate - up)
                    let distanceUpperLeft = abs(estimate - upperLeft)
                    let predicted =
                        distanceLeft <= distanceUp && distanceLeft <= distanceUpperLeft
                        ? left : (distanceUp <= distanceUpperLeft ? up : upperLeft)
                    row[column] = UInt8(truncatingIfNeeded: value + predicted)
                default: break
                }
            }
            output.append(contentsOf: row[0..<available])
            swap(&previous, &row)
        }
        return output
    }

    private static func tiff(_ data: [UInt8], rowLength: Int, bytesPerPixel: Int, bits: Int) -> [UInt8] {
        guard bits == 8 else { return data }
        var output = data
        var start = 0
        while start < output.count {
            let stop = min(start + rowLength, output.count)
            var index = start + bytesPerPixel
            while index < stop {
                output[index] = output[index] &+ output[index - bytesPerPixel]
                index += 1
            }
            start = stop
        }
        return output
    }

    // MARK: ASCII filters

    static func asciiHex(_ data: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(data.count / 2)
        var high: Int?
        for byte in data {
            if byte == UInt8(ascii: ">") { break }
            guard let digit = PDFBytes.hexValue(byte) else { continue }
            if let first = high {
                output.append(UInt8(first * 16 + digit))
                high = nil
            } else {
                high = digit
            }
        }
        if let first = high { output.append(UInt8(first * 16)) }
        return output
    }

    static func ascii85(_ data: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(data.count * 4 / 5)
        var group: [UInt32] = []
        var index = 0
        if data.count >= 2 && data[0] == UInt8(ascii: "<") && data[1] == UInt8(ascii: "~") { index = 2 }
        func flush(_ group: [UInt32]) {
            guard group.count > 1 else { return }
            var padded = group
            while padded.count < 5 { padded.append(84) }
            var value: UInt64 = 0
            for digit in padded { value = value * 85 + UInt64(digit) }
            let word = UInt32(truncatingIfNeeded: value)
            let bytes = [UInt8(word >> 24), UInt8((word >> 16) & 0xFF), UInt8((word >> 8) & 0xFF), UInt8(word & 0xFF)]
            output.append(contentsOf: bytes[0..<(group.count - 1)])
        }
        while index < data.count {
            let byte = data[index]
            index += 1
            if byte == UInt8(ascii: "~") { break }
            if byte == UInt8(ascii: "z") && group.isEmpty {
                output.append(contentsOf: [0, 0, 0, 0])
                continue
            }
            guard byte >= 33 && byte <= 117 else { continue }
            group.append(UInt32(byte - 33))
            if group.count == 5 {
                flush(group)
                group.removeAll(keepingCapacity: true)
            }
        }
        flush(group)
        return output
    }

    static func runLength(_ data: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < data.count {
            let length = Int(data[index])
            index += 1
            if length == 128 { break }
            if length < 128 {
                let stop = min(data.count, index + length + 1)
                output.append(contentsOf: data[index..<stop])
                index = stop
            } else if index < data.count {
                output.append(contentsOf: repeatElement(data[index], count: 257 - length))
                index += 1
            }
        }
        return output
    }
}
