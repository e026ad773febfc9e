package camelback.archive;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Collects bytes in memory up to a limit, then in a temp file; reusable after {@link #reset()}. */
final class SpillBuffer extends OutputStream {
    private final Path file;
    private final int memoryLimit;
    private final Memory memory = new Memory();
    private OutputStream disk;
    private long size;

    SpillBuffer(Path file, int memoryLimit) {
        this.file = file;
        this.memoryLimit = memoryLimit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (disk == null && memory.size() + len > memoryLimit) {
            disk = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            memory.writeTo(disk);
            memory.reset();
        }
        if (disk != null) {
            disk.write(b, off, len);
        } else {
            memory.write(b, off, len);
        }
        size += len;
    }

    long size() {
        return size;
    }

    /** Copies everything written since the last reset to out. */
    void copyTo(OutputStream out) throws IOException {
        if (disk == null) {
            memory.writeTo(out);
            return;
        }
        disk.flush();
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
        }
    }

    /** Reads everything written since the last reset; close it before the next reset. */
    InputStream newInputStream() throws IOException {
        if (disk == null) {
            return memory.newInputStream();
        }
        disk.flush();
        return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }

    void reset() throws IOException {
        memory.reset();
        if (disk != null) {
            disk.close();
            disk = null;
            Files.deleteIfExists(file);
        }
        size = 0;
    }

    @Override
    public void close() throws IOException {
        reset();
    }

    /** The bytes in memory, read in place: a copy per delta was a good part of an incremental's garbage. */
    private static final class Memory extends ByteArrayOutputStream {
        InputStream newInputStream() {
            return new ByteArrayInputStream(buf, 0, count);
        }
    }
}
