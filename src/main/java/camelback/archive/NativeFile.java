package camelback.archive;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A new file that a restore writes through {@link LibcFiles}: created, written, allocated and given its mode and times
 * through one descriptor. A write that fails there is redone through the JDK, on the same file at the same offset, so
 * that its error is reported with the system's message (a full disk, say), and the JDK writes the rest.
 */
final class NativeFile implements FileOutput, Closeable {
    private final LibcFiles libc;
    private final Path path;
    private int fd;
    private long position;
    private FileChannel channel;

    private NativeFile(LibcFiles libc, Path path, int fd) {
        this.libc = libc;
        this.path = path;
        this.fd = fd;
    }

    /**
     * The new file {@code path}, owner-only until {@link #setModeAndTimes}, created in {@code directories}' descriptor
     * of its directory; null when there is none or {@code libc} could not create it (the JDK then makes the file).
     */
    static NativeFile create(LibcFiles libc, OpenDirectories directories, Path path) {
        Path parent = path.getParent();
        byte[] name = PathBytes.fileName(path);
        int directory = parent == null ? -1 : directories.of(parent, name.length);
        if (directory < 0) {
            return null;
        }
        int fd = libc.createNew(directory, name, 0600);
        return fd < 0 ? null : new NativeFile(libc, path, fd);
    }

    @Override
    public void write(ByteBuffer... pieces) throws IOException {
        long length = 0;
        for (ByteBuffer piece : pieces) {
            length += piece.remaining();
        }
        if (channel == null && libc.write(fd, position, pieces)) {
            position += length;
            return;
        }
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.WRITE);
        }
        long at = position;
        for (ByteBuffer piece : pieces) {
            while (piece.hasRemaining()) {
                at += channel.write(piece, at);
            }
        }
        position = at;
    }

    /** Zeros are allocated, not written, where the file system can (ext4 and XFS: as unwritten extents). */
    @Override
    public void writeZeros(long length) throws IOException {
        if (channel == null && libc.allocateZeros(fd, position, length)) {
            position += length;
            return;
        }
        FileOutput.super.writeZeros(length);
    }

    /**
     * Sets the file's permission bits and mtime through its descriptor; false when that failed or the JDK writes the
     * file (the caller then sets them by path).
     */
    boolean setModeAndTimes(int mode, long mtime) {
        return channel == null && libc.setMode(fd, mode) && libc.setTimes(fd, mtime);
    }

    /** Closes the file; a close that fails is an error, as the JDK makes it. */
    @Override
    public void close() throws IOException {
        if (fd < 0) {
            return;
        }
        boolean closed = libc.close(fd);
        fd = -1;
        if (channel != null) {
            channel.close();
        }
        if (!closed) {
            throw new IOException("could not close " + path + " after writing it");
        }
    }
}
