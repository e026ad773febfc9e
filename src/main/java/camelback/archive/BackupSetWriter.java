package camelback.archive;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one backup set's plain files; the caller encodes and uploads them in this order: volumes,
 * signatures, manifest (spec 2.6, 11.1).
 */
public final class BackupSetWriter implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(BackupSetWriter.class);
    private static final int SIGNATURE_MEMORY = 1 << 20;
    private static final int DELTA_MEMORY = 1 << 20;
    private static final long CUTTER_STOP_SECONDS = 600;

    private final BackupOptions options;
    private final ArchiveFileName.SetName setName;
    private final BackupStatistics stats;
    private final Path tempDir;
    private final SignatureTarWriter signatures;
    private final FilelistSpool filelist;
    private final SpillBuffer signature;
    private final ReadAhead source;
    private final BlockSource blocks;
    private final VolumeCutter cutter;
    private final Map<Integer, VolumeCutter.Range> ranges = new TreeMap<>();
    private final Map<Integer, String> hashes = new TreeMap<>();
    private ExecutorService cutterThread;
    private volatile IOException cutFailure;
    private boolean exhausted;

    /** Builds the block source of a set from the parts every set shares. */
    @FunctionalInterface
    private interface Blocks {
        BlockSource create(ReadAhead source, SignatureTarWriter signatures, FilelistSpool filelist, SpillBuffer signature,
                Path tempDir) throws IOException;
    }

    private BackupSetWriter(BackupOptions options, ArchiveFileName.SetName setName, BackupStatistics stats,
            FileOpener opener, Blocks factory) throws IOException {
        this.options = options;
        this.setName = setName;
        this.stats = stats;
        Files.createDirectories(options.workDir());
        this.tempDir = Files.createTempDirectory(options.workDir(), "set-");
        this.signatures = new SignatureTarWriter(tempDir.resolve(setName.signatures("")));
        this.filelist = new FilelistSpool(tempDir.resolve("filelist"));
        this.signature = new SpillBuffer(tempDir.resolve("signature"), SIGNATURE_MEMORY);
        // A full set reads every regular file, so their heads are worth reading ahead; an incremental reads few.
        this.source = new ReadAhead(new TreeWalker(options.source(), new MetadataReader(), stats, tempDir, options.selection()), opener,
                setName.full());
        this.blocks = factory.create(source, signatures, filelist, signature, tempDir);
        this.cutter = new VolumeCutter(blocks, options.volsizeBytes());
    }

    /**
     * A full set named by {@code time} (epoch seconds).
     *
     * @throws SourceMissingException if the source is not a readable directory
     */
    public static BackupSetWriter full(BackupOptions options, long time, BackupStatistics stats) throws IOException {
        return full(options, time, stats, FileOpener.DEFAULT);
    }

    static BackupSetWriter full(BackupOptions options, long time, BackupStatistics stats, FileOpener opener)
            throws IOException {
        requireSource(options.source());
        stats.setStartTime(System.currentTimeMillis() / 1000.0);
        return new BackupSetWriter(options, ArchiveFileName.SetName.full(time), stats, opener,
                (source, signatures, filelist, signature, temp) -> new SnapshotBlocks(source, source, signatures, filelist,
                        signature, stats));
    }

    /**
     * An incremental set from {@code startTime} (the chain's end) to {@code endTime} on top of the
     * chain whose signature files are {@code chainSignatures}, in chain order (full-signatures
     * first), each gzipped or a plain tar. It always has at least one volume.
     *
     * @throws SourceMissingException if the source is not a readable directory
     */
    public static BackupSetWriter incremental(BackupOptions options, List<Path> chainSignatures, long startTime,
            long endTime, BackupStatistics stats) throws IOException {
        return incremental(options, chainSignatures, startTime, endTime, stats, FileOpener.DEFAULT);
    }

    static BackupSetWriter incremental(BackupOptions options, List<Path> chainSignatures, long startTime, long endTime,
            BackupStatistics stats, FileOpener opener) throws IOException {
        requireSource(options.source());
        if (chainSignatures.isEmpty()) {
            throw new IllegalArgumentException("an incremental set needs the chain's signature files; none were given");
        }
        if (endTime <= startTime) {
            throw new IllegalArgumentException("an incremental set must end (" + endTime + ") after it starts (" + startTime + ")");
        }
        stats.setStartTime(System.currentTimeMillis() / 1000.0);
        SignatureState state = new SignatureState(chainSignatures);
        try {
            return new BackupSetWriter(options, new ArchiveFileName.SetName(false, startTime, endTime), stats, opener,
                    (source, signatures, filelist, signature, temp) -> new IncrementBlocks(source, state, source, signatures,
                            filelist, signature, new SpillBuffer(temp.resolve("delta"), DELTA_MEMORY),
                            new DeltaTail(new SpillBuffer(temp.resolve("delta-tail"), DELTA_MEMORY),
                                    new SpillBuffer(temp.resolve("signature-tail"), SIGNATURE_MEMORY)), stats));
        } catch (IOException | RuntimeException e) {
            state.close();
            throw e;
        }
    }

    private static void requireSource(Path source) throws SourceMissingException {
        if (!Files.isDirectory(source) || !Files.isReadable(source) || !Files.isExecutable(source)) {
            throw new SourceMissingException(source);
        }
    }

    public ArchiveFileName.SetName setName() {
        return setName;
    }

    /**
     * Lazily writes the volumes: each {@code next()} walks on and writes one plain tar volume into
     * the work dir; the caller deletes it when done. IOExceptions come wrapped in UncheckedIOException.
     */
    public Iterator<PlainVolume> volumes() {
        return new VolumeIterator(false);
    }

    /**
     * Like {@link #volumes()}, but each volume is cut on a thread of this writer while the caller already reads it
     * ({@link PlainVolume#open()} follows the file), so compressing a volume overlaps with cutting it. The next
     * {@code hasNext()} waits for the volume before; {@link #close()} waits for a cut still running.
     */
    public Iterator<PlainVolume> volumesCutAhead() {
        return new VolumeIterator(true);
    }

    private final class VolumeIterator implements Iterator<PlainVolume> {
        private final boolean ahead;
        private PlainVolume next;
        private PlainVolume cutting;

        VolumeIterator(boolean ahead) {
            this.ahead = ahead;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !exhausted) {
                try {
                    next = cutNext();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return next != null;
        }

        @Override
        public PlainVolume next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            PlainVolume result = next;
            next = null;
            return result;
        }

        private PlainVolume cutNext() throws IOException {
            // The block source is used by one thread at a time: the cutter until its volume is done, then this one.
            if (cutting != null) {
                PlainVolume previous = cutting;
                cutting = null;
                try {
                    previous.awaitCut();
                } catch (InterruptedIOException e) {
                    // This thread was interrupted, not the cut: the set is not over, and must not look over.
                    cutting = previous;
                    throw e;
                } catch (IOException e) {
                    // Whoever reads that volume fails with this; iterating on would only repeat it.
                    LOG.debug("Cutting {} failed; no volume follows it", previous, e);
                    exhausted = true;
                    return null;
                }
            }
            int number;
            synchronized (ranges) {
                number = ranges.size() + 1;
            }
            Path file = tempDir.resolve(setName.volume(number, ""));
            if (!blocks.hasNext()) {
                if (number == 1 && !setName.full()) {
                    return record(number, file, emptyVolume(file));
                }
                exhausted = true;
                blocks.close();
                source.close();
                stats.setEndTime(System.currentTimeMillis() / 1000.0);
                return null;
            }
            if (!ahead) {
                return record(number, file, cutter.cut(file));
            }
            // Exists before the reader opens it; the cutter then writes it from the start.
            Files.deleteIfExists(file);
            Files.createFile(file);
            CompletableFuture<VolumeCutter.Range> cut = new CompletableFuture<>();
            cutterThread().execute(() -> {
                try {
                    VolumeCutter.Range range = cutter.cut(file);
                    synchronized (ranges) {
                        ranges.put(number, range);
                    }
                    cut.complete(range);
                } catch (DamagedSignaturesException e) {
                    // not the work dir's fault: the chain's signatures, read while cutting, are damaged
                    cutFailure = e;
                    cut.completeExceptionally(e);
                } catch (IOException e) {
                    cutFailure = new IOException("cannot write " + file.getFileName() + " into the work dir "
                            + tempDir.getParent() + ": " + e.getMessage()
                            + "; free space there or point the job's archive-dir at a bigger disk", e);
                    cut.completeExceptionally(cutFailure);
                } catch (Throwable e) {
                    // Whatever broke the cut, the signatures and the manifest of this set must be refused.
                    cutFailure = new IOException("cutting volume " + number + " failed: " + e, e);
                    cut.completeExceptionally(e);
                }
            });
            cutting = new PlainVolume(number, file, cut);
            return cutting;
        }

        private PlainVolume record(int number, Path file, VolumeCutter.Range range) {
            synchronized (ranges) {
                ranges.put(number, range);
            }
            return new PlainVolume(number, file, CompletableFuture.completedFuture(range));
        }
    }

    private synchronized ExecutorService cutterThread() {
        if (cutterThread == null) {
            cutterThread = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "camelback-cut");
                thread.setDaemon(true);
                return thread;
            });
        }
        return cutterThread;
    }

    private Map<Integer, VolumeCutter.Range> rangesInOrder() {
        synchronized (ranges) {
            return new TreeMap<>(ranges);
        }
    }

    /** Lets a cut that is still running (the run failed while reading its volume) finish before files go. */
    private synchronized void stopCutter() {
        if (cutterThread == null) {
            return;
        }
        cutterThread.shutdown();
        try {
            if (!cutterThread.awaitTermination(CUTTER_STOP_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("The volume cutter of backup set {} did not stop within {} s", setName, CUTTER_STOP_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Duplicity writes an incremental without changes as one empty volume spanning the root (spec 4.3, 11.2). */
    private static VolumeCutter.Range emptyVolume(Path file) throws IOException {
        try (TarWriter tar = new TarWriter(new BufferedOutputStream(Files.newOutputStream(file)))) {
            tar.finish();
        }
        BlockSource.BlockPosition root = new BlockSource.BlockPosition(PathIndex.ROOT, null);
        return new VolumeCutter.Range(root, root);
    }

    /** The plain signature tar; valid once {@link #volumes()} is exhausted. */
    public Path signatures() throws IOException {
        requireExhausted("signatures");
        return signatures.finish();
    }

    /** Records the SHA-1 and size of the stored (encrypted or gzipped) form of a volume. */
    public void stored(PlainVolume volume, Path storedFile) throws IOException {
        stored(volume, FileHash.sha1(storedFile), Files.size(storedFile));
    }

    /** Records the SHA-1 (lower-case hex) and size of a volume's stored form, hashed while it was written. */
    public void stored(PlainVolume volume, String sha1, long size) {
        synchronized (hashes) {
            if (hashes.put(volume.number(), sha1) == null) {
                stats.addDestinationSize(size);
            }
        }
    }

    /** The plain manifest; valid once every volume was {@link #stored}. */
    public Path manifest() throws IOException {
        requireExhausted("manifest");
        List<ManifestVolume> records = new ArrayList<>();
        synchronized (hashes) {
            for (Map.Entry<Integer, VolumeCutter.Range> e : rangesInOrder().entrySet()) {
                String hash = hashes.get(e.getKey());
                if (hash == null) {
                    throw new IllegalStateException("volume " + e.getKey() + " was not stored yet; the manifest must come last");
                }
                VolumeCutter.Range r = e.getValue();
                records.add(new ManifestVolume(e.getKey(), r.first().index(), r.first().block(), r.last().index(),
                        r.last().block(), "SHA1", hash));
            }
        }
        Path file = tempDir.resolve(setName.manifest(""));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            ManifestWriter.write(out, options.hostname(), options.localdir(), records, filelist);
        }
        return file;
    }

    public BackupStatistics statistics() {
        return stats;
    }

    private void requireExhausted(String what) {
        if (cutFailure instanceof DamagedSignaturesException damaged) {
            throw new java.io.UncheckedIOException(damaged);
        }
        if (cutFailure != null) {
            throw new IllegalStateException("the " + what + " cannot be written: " + cutFailure.getMessage(), cutFailure);
        }
        if (!exhausted) {
            throw new IllegalStateException("the " + what + " can only be written after the last volume");
        }
    }

    /** Deletes the temp files (volumes, signatures and manifest included); failures are only logged. */
    @Override
    public void close() {
        stopCutter();
        source.close();
        for (Closeable c : List.of(blocks, signatures, filelist, signature)) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.warn("Error closing a temp file in {}: {}", tempDir, e.toString());
            }
        }
        try {
            TreeDeletion.delete(tempDir);
        } catch (IOException e) {
            LOG.warn("Could not delete temp dir {}: {}", tempDir, e.toString());
        }
    }
}
