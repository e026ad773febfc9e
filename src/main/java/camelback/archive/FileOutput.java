package camelback.archive;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A new regular file that a restore writes from its first byte to its last. */
interface FileOutput {
    /** Zeros to append, shared read-only. */
    ByteBuffer ZEROS = ByteBuffer.allocate(64 << 10).asReadOnlyBuffer();

    /** Appends the remaining bytes of {@code pieces}, in order, consuming them. */
    void write(ByteBuffer... pieces) throws IOException;

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
