package camelback.archive;

import camelback.rsync.Signature;
import camelback.rsync.SignatureFormat;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.zip.GZIPInputStream;

/**
 * The combined signature state of a chain (spec 5.2), streamed in index order: a k-way merge of
 * the chain's sigtars where, per index, the latest file's entry wins and {@code deleted/} means
 * absent. Holds one entry per sigtar, never the whole state.
 */
final class SignatureState implements Closeable {

    /** One path of the state: a {@code signature/} (regular file) or {@code snapshot/} entry. */
    record Entry(EntryName.Kind kind, PathIndex index, TarHeader header) {
        FileType type() {
            return kind == EntryName.Kind.SIGNATURE ? FileType.REGULAR : header.fileType();
        }
    }

    /** Small: a long chain keeps one open stream per signature file. */
    private static final int BUFFER = 8192;

    private static final Comparator<Stream> ORDER = Comparator.<Stream, PathIndex>comparing(s -> s.name.index(),
            IndexOrder.INSTANCE).thenComparing(Comparator.comparingInt((Stream s) -> s.order).reversed());

    private final List<Stream> streams = new ArrayList<>();
    private final PriorityQueue<Stream> queue = new PriorityQueue<>(ORDER);
    private Stream current;
    private boolean started;

    /** {@code sigtars}: full-signatures first, then each new-signatures in chain order; gzip or plain tar. */
    SignatureState(List<Path> sigtars) throws IOException {
        try {
            for (int i = 0; i < sigtars.size(); i++) {
                Stream s = new Stream(i, sigtars.get(i));
                streams.add(s);
                if (s.advance()) {
                    queue.add(s);
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The current entry, null once the state is exhausted. */
    Entry peek() throws IOException {
        if (!started) {
            started = true;
            select();
        }
        return current == null ? null : current.entry();
    }

    /** Moves past the current entry. */
    void advance() throws IOException {
        peek();
        if (current != null) {
            if (current.advance()) {
                queue.add(current);
            }
            current = null;
            select();
        }
    }

    /** Loads the current entry's librsync signature (only for a {@code signature/} entry). */
    Signature signature() throws IOException {
        Entry e = peek();
        if (e == null || e.kind() != EntryName.Kind.SIGNATURE) {
            throw new IllegalStateException("the current state entry has no signature: " + e);
        }
        return Signature.read(current.reader.data(), SignatureFormat.MAX_LOADED_BLOCK_COUNT);
    }

    private void select() throws IOException {
        while (!queue.isEmpty()) {
            Stream winner = queue.poll();
            List<Stream> older = new ArrayList<>();
            while (!queue.isEmpty() && queue.peek().name.index().equals(winner.name.index())) {
                older.add(queue.poll());
            }
            for (Stream s : older) {
                if (s.advance()) {
                    queue.add(s);
                }
            }
            if (winner.name.kind() != EntryName.Kind.DELETED) {
                current = winner;
                return;
            }
            if (winner.advance()) {
                queue.add(winner);
            }
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Stream s : streams) {
            try {
                s.in.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** One sigtar read entry by entry. */
    private static final class Stream {
        final int order;
        final Path file;
        final InputStream in;
        final TarReader reader;
        TarHeader header;
        EntryName name;
        PathIndex previous;

        Stream(int order, Path file) throws IOException {
            this.order = order;
            this.file = file;
            this.in = open(file);
            this.reader = new TarReader(in, file.toString(), true);
        }

        private static InputStream open(Path file) throws IOException {
            BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
            raw.mark(2);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                return new GZIPInputStream(raw, BUFFER);
            }
            return raw;
        }

        Entry entry() {
            return new Entry(name.kind(), name.index(), header);
        }

        /** Reads the next signature, snapshot or deleted entry; false at the end. */
        boolean advance() throws IOException {
            try {
                return readNext();
            } catch (DamagedSignaturesException e) {
                throw e;
            } catch (IOException e) {
                throw new DamagedSignaturesException(file + " is damaged (" + e.getMessage() + "); if it is the archive "
                        + "dir's copy, delete it and run again: it is fetched again from the target", e);
            }
        }

        private boolean readNext() throws IOException {
            while ((header = reader.next()) != null) {
                Optional<EntryName> parsed = EntryName.parse(header.name());
                if (parsed.isEmpty() || parsed.get().kind().multivol() || parsed.get().kind() == EntryName.Kind.DIFF) {
                    throw new IOException(file + ": unexpected entry " + header.nameText()
                            + " in a signature file; is it a volume? Pass the chain's sigtars only");
                }
                name = parsed.get();
                if (previous != null && IndexOrder.INSTANCE.compare(previous, name.index()) >= 0) {
                    throw new IOException(file + ": entry " + header.nameText()
                            + " is out of index order; the signature file is damaged");
                }
                previous = name.index();
                return true;
            }
            name = null;
            // to the end of the file, so that gzip checks its CRC
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return false;
        }
    }
}
