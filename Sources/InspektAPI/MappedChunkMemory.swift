@_spi(CustomByteBufferAllocator) import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Memory of upload chunk buffers, mapped from the kernel for each buffer and unmapped when it goes.
///
/// Through `malloc`, a freed chunk stays with the arena of the thread that allocated it: glibc raises its
/// mmap threshold after the first large free, later chunks come from arenas it trims only past a megabyte
/// more, and a busy machine (a buffer still being written when it comes round again) left up to 3 MB of
/// freed chunks in a submit's peak memory. Buffers are few and long-lived, so a mapping each costs nothing.
enum MappedChunkMemory {
    /// Bytes before each block that hold its mapped length; a multiple of 64, so blocks stay cache-line aligned.
    static let header = 64

    static let allocator = ByteBufferAllocator(
        allocate: { size in MappedChunkMemory.map(size) },
        reallocate: { pointer, oldSize, newSize in
            guard let pointer else { return MappedChunkMemory.map(newSize) }
            guard let moved = MappedChunkMemory.map(newSize) else { return nil }
            moved.copyMemory(from: pointer, byteCount: min(oldSize, newSize))
            MappedChunkMemory.unmap(pointer)
            return moved
        },
        deallocate: { pointer in MappedChunkMemory.unmap(pointer) },
        copy: { destination, source, count in destination.copyMemory(from: source, byteCount: count) })

    /// A fresh block of `size` bytes, or nil when the kernel has no memory left (as `malloc` would).
    static func map(_ size: Int) -> UnsafeMutableRawPointer? {
        let length = size + header
        guard let base = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            base != MAP_FAILED
        else { return nil }
        base.storeBytes(of: length, as: Int.self)
        return base + header
    }

    /// Gives a block from `map` back to the kernel.
    static func unmap(_ pointer: UnsafeMutableRawPointer) {
        let base = pointer - header
        munmap(base, base.load(as: Int.self))
    }
}
