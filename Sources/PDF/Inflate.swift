import CPoppler

/// zlib's inflate, for the `/FlateDecode` streams the graphics reader decodes itself (content
/// streams, form XObjects, object and cross-reference streams). Every zlib call is in this file;
/// like ``Poppler``, it is a C boundary of the PDF module.
///
/// Why zlib and not compress-nio: compress-nio works on SwiftNIO's `ByteBuffer`, which would bring
/// SwiftNIO into the PDF stage for one function; zlib is already on every machine poppler runs on
/// (poppler links it), and the call below is a dozen lines.
enum Inflate {
    /// The inflated bytes of a zlib stream (raw deflate data without the zlib header is accepted
    /// too). A stream that is damaged part of the way gives what was inflated before the damage,
    /// as poppler does; `nil` when nothing could be inflated. `limit` bounds the output, so that a
    /// decompression bomb cannot take the machine's memory.
    static func inflate(_ input: ArraySlice<UInt8>, limit: Int = 64 << 20) -> [UInt8]? {
        if input.isEmpty { return [] }
        if let output = run(input, windowBits: 15, limit: limit), !output.isEmpty { return output }
        return run(input, windowBits: -15, limit: limit)
    }

    private static func run(_ input: ArraySlice<UInt8>, windowBits: Int32, limit: Int) -> [UInt8]? {
        // zlib keeps the stream's address (inflateStateCheck compares it on every call): the stream
        // lives at one address of its own, not in a Swift variable passed with `&` (whose address
        // holds only for the length of one call).
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard inflateInit2_(stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return nil
        }
        defer { inflateEnd(stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(4096, input.count * 4)))
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var status = Z_OK
        input.withUnsafeBufferPointer { source in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.pointee.avail_in = uInt(source.count)
            chunk.withUnsafeMutableBufferPointer { buffer in
                while status == Z_OK && output.count < limit {
                    stream.pointee.next_out = buffer.baseAddress
                    stream.pointee.avail_out = uInt(buffer.count)
                    status = CPoppler.inflate(stream, Z_NO_FLUSH)
                    let produced = buffer.count - Int(stream.pointee.avail_out)
                    if produced > 0 { output.append(contentsOf: buffer[0..<produced]) }
                    if status == Z_BUF_ERROR && stream.pointee.avail_in == 0 { break }
                    if produced == 0 && status == Z_OK && stream.pointee.avail_in == 0 { break }
                }
            }
        }
        if output.isEmpty && status != Z_STREAM_END { return nil }
        return output.count > limit ? Array(output[0..<limit]) : output
    }
}
