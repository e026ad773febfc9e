package camelback.camel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stored file being written into the work dir. Its own write failures (disk full, quota, file size limit) are marked,
 * so the encoder can name the file and the work dir for them, and not for a failure reading what it encodes.
 */
final class WorkDirOutput extends OutputStream {
    private final OutputStream out;

    WorkDirOutput(Path file) throws IOException {
        try {
            this.out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw new WriteException(e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new WriteException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            throw new WriteException(e);
        }
    }

    /** The stored file's own write failure among {@code e}'s causes, or null when another step failed. */
    static IOException writeFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WriteException write) {
                return (IOException) write.getCause();
            }
        }
        return null;
    }

    /** A failure to write the stored file, told apart from one reading what is encoded (e.g. a failed cut). */
    private static final class WriteException extends IOException {
        WriteException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
