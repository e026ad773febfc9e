package camelback.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A new regular file that a restore writes from its first byte to its last. */
@FunctionalInterface
interface FileOutput {
    /** Zeros to append, shared read-only. */
    ByteBuffer ZEROS = ByteBuffer.allocate(64 << 10).asReadOnlyBuffer();

    /** Appends the remaining bytes of {@code pieces}, in order, consuming them. */
    void write(ByteBuffer... pieces) throws IOException;

    /** A new file written through the JDK's channel. */
    static FileOutput of(FileChannel channel) {
        return pieces -> {
            long left = 0;
            for (ByteBuffer piece : pieces) {
                left += piece.remaining();
            }
            while (left > 0) {
                left -= channel.write(pieces);
            }
        };
    }

    /** Appends {@code length} zero bytes. */
    default void writeZeros(long length) throws IOException {
        for (long left = length; left > 0; ) {
            ByteBuffer zeros = ZEROS.duplicate();
            zeros.limit((int) Math.min(left, zeros.capacity()));
            left -= zeros.remaining();
            write(zeros);
        }
    }
}
