package camelback.archive;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The manifest's Filelist lines (spec 4.1), spooled to a temp file while walking. */
final class FilelistSpool implements Closeable {
    private final Path file;
    private static final byte[] INDENT = {' ', ' ', ' ', ' '};
    private static final int STATUS_WIDTH = 7;

    private final OutputStream out;
    private long count;

    FilelistSpool(Path file) throws IOException {
        this.file = file;
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    /** Adds a line: 4 spaces, the status left-justified in 7 columns, 2 spaces, the quoted path. */
    void add(String status, PathIndex index) throws IOException {
        out.write(INDENT);
        out.write(status.getBytes(StandardCharsets.US_ASCII));
        for (int pad = status.length(); pad < STATUS_WIDTH + 2; pad++) {
            out.write(' ');
        }
        out.write(PathQuoting.quote(index.bytesOrDot()));
        out.write('\n');
        count++;
    }

    long count() {
        return count;
    }

    void copyTo(OutputStream target) throws IOException {
        out.flush();
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(target);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
