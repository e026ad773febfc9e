package camelback.archive;

import java.io.IOException;
import java.io.InputStream;

/**
 * An InputStream that reads in runs: subclasses implement only {@link #read(byte[], int, int)}, and a single byte is
 * read through it. The archive's streams hand plaintext on in large runs; a byte at a time is the rare caller's case.
 */
abstract class BulkReadStream extends InputStream {

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
