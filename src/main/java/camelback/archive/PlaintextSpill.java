package camelback.archive;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The temp file for decoded plaintext beyond a restore's memory budget: created when first needed,
 * next to the fetched volume, appended to by the decoder and read at offsets by the restoring thread.
 */
final class PlaintextSpill implements Closeable {
    /** Takes charge of the new file (to delete it later), or refuses because the volume was discarded. */
    interface Owner {
        void adopt(Path file) throws IOException;
    }

    private final Path directory;
    private final Owner owner;
    private FileChannel channel;
    private long end;

    PlaintextSpill(Path directory, Owner owner) {
        this.directory = directory;
        this.owner = owner;
    }

    /** Writes the bytes at the file's end; returns their offset. */
    long append(byte[] bytes, int length) throws IOException {
        if (channel == null) {
            Files.createDirectories(directory);
            Path file = Files.createTempFile(directory, "plain-", ".tar");
            owner.adopt(file);
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
        }
        long at = end;
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, length);
        while (b.hasRemaining()) {
            end += channel.write(b, end);
        }
        return at;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
