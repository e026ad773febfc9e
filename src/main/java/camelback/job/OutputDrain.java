package camelback.job;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads one output stream of a child process to its end, hands every line to a sink (the log) and
 * keeps only the last {@code tailBytes} bytes, so a chatty command cannot fill the heap.
 */
final class OutputDrain implements Runnable {
    /** Longer lines are handed over in pieces: a command printing no newline must not grow the buffer. */
    static final int MAX_LINE_BYTES = 4096;

    private final InputStream in;
    private final Consumer<String> lines;
    private final byte[] ring;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long total;

    OutputDrain(InputStream in, Consumer<String> lines, int tailBytes) {
        this.in = in;
        this.lines = lines;
        this.ring = new byte[tailBytes];
    }

    @Override
    public void run() {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                remember(buf, n);
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        emitLine();
                    } else {
                        line.write(buf[i]);
                        if (line.size() >= MAX_LINE_BYTES) {
                            emitLine();
                        }
                    }
                }
            }
            if (line.size() > 0) {
                emitLine();
            }
        } catch (IOException e) {
            // The stream is closed under us when the process is killed; what was read is kept.
            if (line.size() > 0) {
                emitLine();
            }
        }
    }

    /** The last bytes read, decoded; starts with "..." when earlier output was dropped. */
    synchronized String tail() {
        int size = ring.length;
        if (total <= size) {
            return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
        }
        int start = (int) (total % size);
        byte[] ordered = new byte[size];
        System.arraycopy(ring, start, ordered, 0, size - start);
        System.arraycopy(ring, 0, ordered, size - start, start);
        return "..." + new String(ordered, StandardCharsets.UTF_8);
    }

    private synchronized void remember(byte[] buf, int n) {
        int size = ring.length;
        if (size == 0) {
            return;
        }
        int from = Math.max(0, n - size);
        for (int i = from; i < n; i++) {
            ring[(int) ((total + i) % size)] = buf[i];
        }
        total += n;
    }

    private void emitLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        lines.accept(text);
    }
}
