package camelback.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One plain (not yet compressed or encrypted) tar volume in the work dir, with the path range it holds ("." is the
 * root; a block is a multivol chunk number, null when absent). A volume may still be being cut on another thread:
 * {@link #open()} then follows the file as it grows, so encoding starts with the first bytes.
 */
public final class PlainVolume {
    private final int number;
    private final Path file;
    private final CompletableFuture<VolumeCutter.Range> cut;

    PlainVolume(int number, Path file, CompletableFuture<VolumeCutter.Range> cut) {
        this.number = number;
        this.file = file;
        this.cut = cut;
    }

    public int number() {
        return number;
    }

    /** The plain tar; complete once {@link #awaitCut()} returns. */
    public Path file() {
        return file;
    }

    /** The tar's bytes, in order, as they are written; the stream ends where the cut does and fails if it fails. */
    public InputStream open() throws IOException {
        return cut.isDone() && !cut.isCompletedExceptionally() ? Files.newInputStream(file)
                : new GrowingFileInputStream(file, cut);
    }

    /** Waits until the volume is completely written; rethrows the cut's failure. */
    public void awaitCut() throws IOException {
        range();
    }

    public String startPath() throws IOException {
        return range().first().index().toString();
    }

    public Integer startBlock() throws IOException {
        return range().first().block();
    }

    public String endPath() throws IOException {
        return range().last().index().toString();
    }

    public Integer endBlock() throws IOException {
        return range().last().block();
    }

    VolumeCutter.Range range() throws IOException {
        try {
            return cut.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while volume " + number + " was cut");
        } catch (ExecutionException e) {
            throw GrowingFileInputStream.asIOException(e.getCause(), number);
        }
    }

    @Override
    public String toString() {
        return "volume " + number + " (" + file + ")";
    }
}
