package camelback.crypto;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The ciphertext as read from its store; remembers the I/O failures of that store so that they are not mistaken
 * for corrupt ciphertext further up.
 */
final class SourceStream extends FilterInputStream {
    private IOException failure;

    SourceStream(InputStream in) {
        super(in);
    }

    boolean causedBy(Throwable t) {
        for (Throwable c = t; c != null && failure != null; c = c.getCause()) {
            if (c == failure) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }
}
