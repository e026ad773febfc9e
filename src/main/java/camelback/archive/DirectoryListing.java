package camelback.archive;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The names of one directory in index order (raw bytes, unsigned), handed out one at a time. A directory whose names
 * fit in {@link #RUN_BYTES} is sorted in memory; a bigger one (a mail spool, a cache of millions of files) is cut into
 * sorted runs in temp files that are merged as the walk goes on, so the heap holds at most one run's names per level
 * of depth, whatever the directory's size. Without this, the names and paths of a directory of a million files took
 * 230 MB of a 256 MB heap.
 */
final class DirectoryListing implements Closeable {
    /** Heap spent on a run's names before it goes to disk: about 50,000 names of 40 bytes. */
    static final int RUN_BYTES = 4 << 20;
    /** Runs open at once: 64 runs of 4 MiB cover about 3 million names before a merge pass. */
    private static final int MAX_RUNS = 64;
    /** What a name costs beyond its bytes: the array's header, its length rounded up, the reference to it. */
    private static final int NAME_OVERHEAD = 32;
    private static final int RUN_BUFFER = 16 << 10;

    private final byte[][] sorted;
    private int position;
    private final PriorityQueue<Run> runs;

    private DirectoryListing(byte[][] sorted, PriorityQueue<Run> runs) {
        this.sorted = sorted;
        this.runs = runs;
    }

    /**
     * Lists {@code directory}; runs too big for the heap go to temp files in {@code spillDir}.
     *
     * @throws IOException          the directory could not be listed (the caller reports it and goes on)
     * @throws UncheckedIOException a run could not be written to or read back from {@code spillDir}, which fails
     *                              the walk: the listing would be incomplete
     */
    static DirectoryListing read(Path directory, Path spillDir) throws IOException {
        return read(directory, spillDir, RUN_BYTES, MAX_RUNS);
    }

    /** @param maxRuns runs merged at once; more are first merged into one, as each holds an open file */
    static DirectoryListing read(Path directory, Path spillDir, int runBytes, int maxRuns) throws IOException {
        List<Path> spilled = new ArrayList<>();
        List<byte[]> names = new ArrayList<>();
        long bytes = 0;
        try {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                for (Path entry : entries) {
                    byte[] name = PathBytes.fileName(entry);
                    names.add(name);
                    bytes += name.length + NAME_OVERHEAD;
                    if (bytes >= runBytes) {
                        spilled.add(spill(sortedArray(names), spillDir));
                        names.clear();
                        bytes = 0;
                        if (spilled.size() == maxRuns) {
                            Path merged = spill(new DirectoryListing(null, merge(spilled)), spillDir);
                            spilled.clear();
                            spilled.add(merged);
                        }
                    }
                }
            } catch (DirectoryIteratorException e) {
                throw e.getCause();
            }
            if (spilled.isEmpty()) {
                return new DirectoryListing(sortedArray(names), null);
            }
            if (!names.isEmpty()) {
                spilled.add(spill(sortedArray(names), spillDir));
            }
        } catch (IOException | RuntimeException e) {
            spilled.forEach(DirectoryListing::deleteQuietly);
            throw e;
        }
        return new DirectoryListing(null, merge(spilled));
    }

    /** The next name in index order, or null after the last. */
    byte[] next() {
        if (runs == null) {
            if (position == sorted.length) {
                return null;
            }
            byte[] name = sorted[position];
            // Handed out names are the walk's to keep or drop; the listing lets go of them.
            sorted[position++] = null;
            return name;
        }
        Run first = runs.poll();
        if (first == null) {
            return null;
        }
        byte[] name = first.head;
        if (first.advance()) {
            runs.add(first);
        }
        return name;
    }

    /** Closes and deletes the runs not yet merged to their end. Idempotent. */
    @Override
    public void close() {
        if (runs == null) {
            return;
        }
        for (Run run; (run = runs.poll()) != null; ) {
            run.close();
        }
    }

    private static byte[][] sortedArray(List<byte[]> names) {
        byte[][] array = names.toArray(new byte[0][]);
        Arrays.sort(array, IndexOrder::compareBytes);
        return array;
    }

    private static Path spill(byte[][] names, Path spillDir) {
        return spill(new DirectoryListing(names, null), spillDir);
    }

    /** Writes what is left of {@code names}, in order, as one run. */
    private static Path spill(DirectoryListing names, Path spillDir) {
        Path file = null;
        try (names) {
            file = Files.createTempFile(spillDir, "listing-", "");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), RUN_BUFFER))) {
                for (byte[] name; (name = names.next()) != null; ) {
                    out.writeInt(name.length);
                    out.write(name);
                }
            }
            return file;
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException("cannot write part of a big directory's listing to " + spillDir
                    + " (is the work dir's disk full?)", e);
        }
    }

    private static PriorityQueue<Run> merge(List<Path> files) {
        PriorityQueue<Run> queue = new PriorityQueue<>(files.size(), (a, b) -> IndexOrder.compareBytes(a.head, b.head));
        try {
            for (Path file : files) {
                Run run = new Run(file);
                if (run.advance()) {
                    queue.add(run);
                }
            }
        } catch (RuntimeException e) {
            queue.forEach(Run::close);
            files.forEach(DirectoryListing::deleteQuietly);
            throw e;
        }
        return queue;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // in the set's temp dir, which goes as a whole when the set ends
        }
    }

    /** One sorted run on disk, read a name ahead; its file is deleted once it is read to its end or closed. */
    private static final class Run implements Closeable {
        private final Path file;
        private final DataInputStream in;
        byte[] head;

        Run(Path file) {
            this.file = file;
            try {
                this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), RUN_BUFFER));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read back part of a big directory's listing from " + file, e);
            }
        }

        /** Reads the next name into {@link #head}; false (and closed) at the end. */
        boolean advance() {
            try {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException end) {
                    close();
                    return false;
                }
                head = new byte[length];
                in.readFully(head);
                return true;
            } catch (IOException e) {
                close();
                throw new UncheckedIOException("cannot read back part of a big directory's listing from " + file, e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                // read only; the file goes next
            }
            deleteQuietly(file);
        }
    }
}
