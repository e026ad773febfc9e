package camelback.archive;

import camelback.rsync.DeltaBuilder;
import camelback.rsync.MatchedBlocks;
import camelback.rsync.Signature;
import camelback.rsync.SignatureBuilder;
import camelback.rsync.SignatureFormat;
import camelback.rsync.SignatureFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocks of an incremental set (spec 3.5, 10.1, 10.2): the source walk merge-joined with the
 * chain's signature state, both in index order. New and changed non-regular paths become
 * snapshots, changed regular files with a state signature become librsync deltas (spooled, since
 * their size is known only at the end), vanished paths become {@code deleted/}; unchanged paths
 * leave no trace. The new-signatures file gets an entry for exactly the paths written.
 */
final class IncrementBlocks implements BlockSource {
    private static final int CHUNK = SnapshotBlocks.CHUNK;
    private static final Logger LOG = LoggerFactory.getLogger(IncrementBlocks.class);

    /** What the prepared block belongs to. */
    private enum Kind { DELETED, SPECIAL, SNAPSHOT, DIFF }

    private final Iterator<FileMetadata> walker;
    private final SignatureState state;
    private final ChangeClassifier classifier = new ChangeClassifier();
    private final FileOpener opener;
    private final SignatureTarWriter signatures;
    private final FilelistSpool filelist;
    private final SpillBuffer signature;
    private final SpillBuffer delta;
    /** Makes the second half of a big file's delta on another thread; null for one thread. */
    private final DeltaTail tail;
    private final BackupStatistics stats;
    private final byte[] buffer = new byte[CHUNK];

    private FileMetadata walked;
    private boolean ready;
    private Kind kind;
    private PathIndex index;
    private FileMetadata meta;
    private boolean deletedRegular;
    private int length;
    private int chunk;
    /** The file being snapshotted, or the spooled delta being written. */
    private InputStream data;
    private SignatureBuilder signatureBuilder;
    private long bytesRead;

    IncrementBlocks(Iterator<FileMetadata> walker, SignatureState state, FileOpener opener, SignatureTarWriter signatures,
            FilelistSpool filelist, SpillBuffer signature, SpillBuffer delta, BackupStatistics stats) {
        this(walker, state, opener, signatures, filelist, signature, delta, null, stats);
    }

    IncrementBlocks(Iterator<FileMetadata> walker, SignatureState state, FileOpener opener, SignatureTarWriter signatures,
            FilelistSpool filelist, SpillBuffer signature, SpillBuffer delta, DeltaTail tail, BackupStatistics stats) {
        this.walker = walker;
        this.state = state;
        this.opener = opener;
        this.signatures = signatures;
        this.filelist = filelist;
        this.signature = signature;
        this.delta = delta;
        this.tail = tail;
        this.stats = stats;
    }

    @Override
    public boolean hasNext() throws IOException {
        if (ready) {
            return true;
        }
        if (data != null) {
            length = readChunk();
            chunk++;
            ready = true;
            return true;
        }
        while (true) {
            if (walked == null && walker.hasNext()) {
                walked = walker.next();
            }
            SignatureState.Entry old = state.peek();
            if (walked == null && old == null) {
                return false;
            }
            int order = walked == null ? 1 : old == null ? -1 : IndexOrder.INSTANCE.compare(walked.index(), old.index());
            if (order > 0) {
                state.advance();
                if (!old.index().isRoot()) {
                    prepareDeleted(old);
                    return true;
                }
                continue;
            }
            FileMetadata now = walked;
            walked = null;
            SignatureState.Entry matched = order == 0 ? old : null;
            if (prepare(now, matched)) {
                return true;
            }
        }
    }

    private void prepareDeleted(SignatureState.Entry old) {
        kind = Kind.DELETED;
        index = old.index();
        deletedRegular = old.type() == FileType.REGULAR;
        ready = true;
    }

    /** Prepares the first block for a source path; false if nothing is stored for it. */
    private boolean prepare(FileMetadata now, SignatureState.Entry old) throws IOException {
        ChangeClassifier.Change change = classifier.classify(now, old);
        Signature basis = null;
        if (change == ChangeClassifier.Change.DIFF) {
            try {
                basis = state.signature();
            } catch (SignatureFormatException e) {
                LOG.warn("Cannot use the stored signature of {} ({}); storing the whole file", now.path(), e.getMessage());
                change = ChangeClassifier.Change.SNAPSHOT;
            }
        }
        if (old != null) {
            state.advance();
        }
        if (change == ChangeClassifier.Change.UNCHANGED) {
            stats.addUnchangedFile(now.size());
            return false;
        }
        meta = now;
        index = now.index();
        if (now.type() != FileType.REGULAR) {
            kind = Kind.SPECIAL;
            ready = true;
            return true;
        }
        InputStream file = open(now);
        if (file == null) {
            return false;
        }
        signature.reset();
        int blockLength = SignatureFormat.blockLength(now.size());
        bytesRead = 0;
        data = file;
        if (change == ChangeClassifier.Change.DIFF) {
            kind = Kind.DIFF;
            MatchedBlocks matches = MatchedBlocks.forSignature(basis, blockLength);
            signatureBuilder = new SignatureBuilder(blockLength, signature, matches);
            spoolDelta(basis, matches, blockLength);
        } else {
            signatureBuilder = new SignatureBuilder(blockLength, signature);
            kind = Kind.SNAPSHOT;
        }
        length = readChunk();
        chunk = length < CHUNK ? 0 : 1;
        ready = true;
        return true;
    }

    private InputStream open(FileMetadata now) {
        try {
            return opener.open(now.path());
        } catch (IOException e) {
            LOG.warn("Error {} getting delta for {}", e, now.path());
            stats.addError(now.index().toString(), e.toString());
            return null;
        }
    }

    /**
     * Reads the whole file once into its delta (spooled) and its new signature, then reads from the spool. The delta
     * sees each piece first, so the signature can take the sums of the blocks it matched.
     */
    private void spoolDelta(Signature basis, MatchedBlocks matches, int blockLength) throws IOException {
        delta.reset();
        DeltaBuilder builder = new DeltaBuilder(basis, delta, matches);
        long split = tail == null ? -1 : DeltaTail.splitAt(meta.size(), blockLength);
        if (split > 0 && tail.start(meta.path(), split, basis, blockLength)) {
            while (readFile(builder, split) > 0) {
                // both builders took the piece
            }
            if (bytesRead == split) {
                closeData();
                builder.finishPart();
                signatureBuilder.finish();
                bytesRead += tail.await();
                tail.appendTo(delta, signature);
                finishSignature();
                data = delta.newInputStream();
                return;
            }
            // The first half ended early (a read error, or the file shrank): it is what is stored, as on one thread.
            tail.discard();
        }
        while (readFile(builder, Long.MAX_VALUE) > 0) {
            // both builders took the piece
        }
        builder.finish();
        finishSignature();
        data = delta.newInputStream();
    }

    /** The next piece of the open file; a read error ends the file with what was read (spec 10.6). */
    private int readFile() throws IOException {
        return readFile(null, Long.MAX_VALUE);
    }

    /**
     * The next piece, up to file offset {@code end}, given to {@code deltaBuilder} (when not null) and then to the
     * signature.
     */
    private int readFile(DeltaBuilder deltaBuilder, long end) throws IOException {
        if (data == null) {
            return 0;
        }
        int total = 0;
        try {
            int want = (int) Math.min(CHUNK, end - bytesRead);
            while (total < want) {
                int n = data.read(buffer, total, want - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            LOG.warn("Error reading {} after {} bytes, storing what was read: {}", meta.path(), bytesRead + total, e.toString());
            closeData();
        }
        if (deltaBuilder != null) {
            deltaBuilder.update(buffer, 0, total);
        }
        signatureBuilder.update(buffer, 0, total);
        bytesRead += total;
        return total;
    }

    /** Up to one chunk of entry data: file bytes for a snapshot, delta bytes for a diff. */
    private int readChunk() throws IOException {
        if (kind == Kind.SNAPSHOT) {
            return readFile();
        }
        int n = data.readNBytes(buffer, 0, CHUNK);
        stats.addRawDelta(n);
        return n;
    }

    private void finishSignature() throws IOException {
        signatureBuilder.finish();
        signatureBuilder = null;
        signatures.writeSignature(meta, signature);
    }

    @Override
    public BlockPosition writeNext(TarWriter volume) throws IOException {
        if (!hasNext()) {
            throw new IllegalStateException("no block left to write");
        }
        ready = false;
        switch (kind) {
            case DELETED -> {
                volume.putEntry(DeletedEntry.header(index));
                volume.closeEntry();
                signatures.writeDeleted(index);
                if (deletedRegular) {
                    filelist.add("deleted", index);
                }
                stats.addDeletedFile();
                return new BlockPosition(index, null);
            }
            case SPECIAL -> {
                volume.putEntry(TarHeader.special(new EntryName(EntryName.Kind.SNAPSHOT, index, 0).toBytes(true), meta));
                volume.closeEntry();
                signatures.writeSnapshot(meta);
                stats.addNewFile(meta.size(), meta.size());
                return new BlockPosition(index, null);
            }
            default -> {
                return writeData(volume);
            }
        }
    }

    private BlockPosition writeData(TarWriter volume) throws IOException {
        boolean diff = kind == Kind.DIFF;
        EntryName name = chunk == 0
                ? new EntryName(diff ? EntryName.Kind.DIFF : EntryName.Kind.SNAPSHOT, index, 0)
                : new EntryName(diff ? EntryName.Kind.MULTIVOL_DIFF : EntryName.Kind.MULTIVOL_SNAPSHOT, index, chunk);
        volume.putEntry(TarHeader.regular(name.toBytes(true), meta, length));
        volume.write(buffer, 0, length);
        volume.closeEntry();
        boolean last = length < CHUNK;
        BlockPosition position = new BlockPosition(index, last ? null : chunk);
        if (last) {
            closeData();
            if (diff) {
                filelist.add("changed", index);
                stats.addChangedFile(meta.size(), bytesRead);
            } else {
                finishSignature();
                filelist.add("new", index);
                stats.addNewFile(meta.size(), bytesRead);
                stats.addRawDelta(bytesRead);
            }
        }
        return position;
    }

    private void closeData() throws IOException {
        if (data != null) {
            InputStream in = data;
            data = null;
            in.close();
        }
    }

    @Override
    public void close() throws IOException {
        try (state; delta; tail) {
            closeData();
        }
    }
}
