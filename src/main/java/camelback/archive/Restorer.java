package camelback.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a tree, or one path, as of a time (spec 8.4, 10.7, 11.3): picks the chain and its sets up
 * to the time, fetches only the volumes that can hold the path, checks their SHA-1, merges the sets'
 * entries in index order, applies diffs and writes the tree.
 */
public final class Restorer {
    private static final Logger LOG = LoggerFactory.getLogger(Restorer.class);
    // one volume of each set is prepared while the one before it is read: a temp file of plaintext per set at most
    private static final int LOOKAHEAD = 1;

    private final ArchiveSource source;
    private final int memoryChunks;
    private final int chunkSize;
    private final int threads;

    public Restorer(ArchiveSource source) {
        this(source, VolumePrefetcher.MEMORY_CHUNKS, VolumePrefetcher.CHUNK_SIZE);
    }

    /** With room for {@code memoryChunks} chunks of decoded plaintext per restore (tests make it tiny). */
    Restorer(ArchiveSource source, int memoryChunks, int chunkSize) {
        this(source, memoryChunks, chunkSize, VolumePrefetcher.THREADS);
    }

    /** Also with {@code threads} volumes fetched and decoded at once (tests make it fewer than the sets). */
    Restorer(ArchiveSource source, int memoryChunks, int chunkSize, int threads) {
        this.source = source;
        this.memoryChunks = memoryChunks;
        this.chunkSize = chunkSize;
        this.threads = threads;
    }

    /** One set of the restore: the volumes to read. */
    private record SetPlan(BackupSet set, List<ManifestVolume> volumes) {
    }

    /** A set's reader and its current entry. */
    private static final class Head {
        final SetPlan plan;
        final SetEntryReader reader;
        ArchiveEntry entry;

        Head(SetPlan plan, SetEntryReader reader) {
            this.plan = plan;
            this.reader = reader;
        }
    }

    public RestoreResult restore(RestoreOptions options) throws IOException {
        checkDestination(options);
        PathIndex path = options.path() == null ? PathIndex.ROOT : options.path();
        RestoreErrors errors = new RestoreErrors();
        return merge(options, errors, () -> new TreeWriter(options.destination(), path, runningAsRoot(),
                (index, e) -> writeFailed(index, e, options, errors)));
    }

    /**
     * Compares the whole backup as of {@code time} with the paths {@code selection} takes of the tree at
     * {@code sourceRoot}, entry by entry as a restore would write it, without writing it anywhere: {@code scratch}
     * only holds files built from deltas, one at a time.
     */
    public ComparisonResult compare(Path sourceRoot, Selection selection, long time, Path scratch) throws IOException {
        RestoreOptions options = new RestoreOptions(scratch, time, null, false, false);
        // Walks nothing until the first entry comes, so it holds nothing should the chain not be found.
        TreeComparer comparer = new TreeComparer(sourceRoot, selection, scratch);
        RestoreResult result = merge(options, new RestoreErrors(), () -> comparer);
        return new ComparisonResult(result.files(), result.bytes(), comparer.differences(), comparer.differenceCount(),
                result.errors(), result.warnings());
    }

    private RestoreResult merge(RestoreOptions options, RestoreErrors errors, Supplier<RestoreSink> sinks)
            throws IOException {
        Collection collection = Collection.of(source.names());
        long time = options.time();
        BackupChain chain = collection.chainFor(time);
        if (chain == null) {
            throw new NoBackupFoundException("No complete backup set found on the target (no manifest of a full set)");
        }
        List<String> warnings = new ArrayList<>();
        if (time < chain.startTime()) {
            String warning = "The time " + BackupTime.format(time) + " is before the first backup; restoring the full backup of "
                    + BackupTime.format(chain.startTime()) + " instead";
            LOG.warn(warning);
            warnings.add(warning);
        }
        List<BackupSet> sets = chain.setsUpTo(time);
        String when = BackupTime.format(sets.get(sets.size() - 1).endTime());
        PathIndex path = options.path() == null ? PathIndex.ROOT : options.path();
        List<SetPlan> plans = new ArrayList<>();
        for (BackupSet set : sets) {
            plans.add(plan(set, path, options.ignoreErrors(), errors));
        }
        if (plans.stream().allMatch(p -> p.volumes().isEmpty())) {
            throw new PathNotFoundException(path + " is not in the backup of " + when);
        }
        RestoreSink writer = sinks.get();
        List<Head> heads = new ArrayList<>();
        boolean found = false;
        PlaintextMemory memory = new PlaintextMemory(memoryChunks, chunkSize, threads);
        try (writer; VolumePrefetcher prefetcher = new VolumePrefetcher(source, LOOKAHEAD, memory, threads)) {
            try {
                found = restoreSets(plans, prefetcher, heads, path, writer, options, errors);
            } finally {
                for (Head h : heads) {
                    h.reader.close();
                }
            }
            // After the volumes are closed: their decoders stop while the last files are written.
            writer.finish();
        }
        if (!found) {
            throw new PathNotFoundException(path + " is not in the backup of " + when);
        }
        return new RestoreResult(writer.files(), writer.bytes(), errors.messages(), List.copyOf(warnings), errors.backupDamaged());
    }

    /** Merges the sets' entries in index order and writes those under {@code path}; returns whether any was. */
    private static boolean restoreSets(List<SetPlan> plans, VolumePrefetcher prefetcher, List<Head> heads, PathIndex path,
            RestoreSink writer, RestoreOptions options, RestoreErrors errors) throws IOException {
        boolean found = false;
        for (SetPlan p : plans) {
            VolumePrefetcher.Lane lane = prefetcher.lane(p.set(), p.volumes());
            Head h = new Head(p, new SetEntryReader(p.volumes(), v -> openVolume(p, lane.take(v), v, options, errors),
                    n -> p.set().volumes().get(n)));
            heads.add(h);
            advance(h, options, errors);
        }
        while (true) {
            PathIndex index = null;
            for (Head h : heads) {
                if (h.entry != null && (index == null || h.entry.index().compareTo(index) < 0)) {
                    index = h.entry.index();
                }
            }
            if (index == null || (!index.startsWith(path) && index.compareTo(path) > 0)) {
                break;
            }
            List<Head> holding = new ArrayList<>();
            for (Head h : heads) {
                if (h.entry != null && h.entry.index().equals(index)) {
                    holding.add(h);
                }
            }
            if (index.startsWith(path)) {
                found |= restoreOne(index, holding, writer, options, errors);
            }
            for (Head h : holding) {
                advance(h, options, errors);
            }
        }
        return found;
    }

    /** Reads the set's manifest and picks the volumes that can hold {@code path} (spec 4.3); all must be on the target. */
    private SetPlan plan(BackupSet set, PathIndex path, boolean ignoreErrors, RestoreErrors errors) throws IOException {
        Manifest manifest;
        try (InputStream in = source.openPlain(set.manifest())) {
            manifest = ManifestParser.parse(in, set.manifest());
        }
        List<ManifestVolume> needed = new ArrayList<>();
        for (ManifestVolume v : manifest.volumes()) {
            if (!path.isRoot() && !v.mayContain(path)) {
                continue;
            }
            if (set.volumes().get(v.number()) == null) {
                String message = "Volume " + v.number() + " of the " + set + " is listed in its manifest but missing on the"
                        + " target (" + set.setName().volume(v.number(), "") + "*); " + lostRange(v);
                if (!ignoreErrors) {
                    throw new VolumeMissingException(message);
                }
                LOG.warn(message);
                errors.backup(message);
                continue;
            }
            needed.add(v);
        }
        return new SetPlan(set, needed);
    }

    /** Moves a head to its set's next entry; with ignoreErrors a damaged volume is reported and skipped. */
    private static void advance(Head h, RestoreOptions options, RestoreErrors errors) throws IOException {
        while (true) {
            try {
                h.entry = h.reader.next();
                return;
            } catch (VolumeReadException e) {
                if (!options.ignoreErrors() || h.reader.failedVolume() == null) {
                    throw e;
                }
                skipDamaged(h, e, errors);
            }
        }
    }

    private static void skipDamaged(Head h, IOException e, RestoreErrors errors) throws IOException {
        ManifestVolume v = h.reader.failedVolume();
        String message = e.getMessage() + "; " + lostRange(v);
        LOG.warn(message);
        errors.backup(message);
        h.reader.skipVolume();
    }

    /**
     * Combines one index's entries of all sets, oldest first (spec 8.4 step 4): the last non-diff entry,
     * then the diffs after it. Returns whether the path exists at the restore time.
     */
    private static boolean restoreOne(PathIndex index, List<Head> holding, RestoreSink writer, RestoreOptions options,
            RestoreErrors errors) throws IOException {
        int start = holding.size() - 1;
        while (start >= 0 && holding.get(start).entry.kind() == EntryName.Kind.DIFF) {
            start--;
        }
        ArchiveEntry last = holding.get(holding.size() - 1).entry;
        try {
            if (start < 0 || (holding.get(start).entry.kind() == EntryName.Kind.DELETED && start < holding.size() - 1)) {
                throw new IOException("cannot restore " + index + ": its delta has no basis (no earlier full version)");
            }
            ArchiveEntry base = holding.get(start).entry;
            if (start == holding.size() - 1) {
                if (base.kind() == EntryName.Kind.DELETED) {
                    return false;
                }
                writer.write(base);
                return true;
            }
            if (base.header().fileType() != FileType.REGULAR) {
                throw new IOException("cannot restore " + index + ": a delta follows a " + base.header().fileType() + " entry");
            }
            List<ArchiveEntry> deltas = new ArrayList<>();
            for (int i = start + 1; i < holding.size(); i++) {
                deltas.add(holding.get(i).entry);
            }
            Path built = DeltaChain.build(index, base, deltas, writer);
            try {
                writer.writeFile(index, last.header(), built);
            } finally {
                Files.deleteIfExists(built);
            }
            return true;
        } catch (VolumeReadException e) {
            if (!options.ignoreErrors()) {
                throw e;
            }
            boolean skipped = false;
            for (Head h : holding) {
                if (h.reader.failedVolume() != null) {
                    skipDamaged(h, e, errors);
                    skipped = true;
                }
            }
            if (!skipped) {
                // the file continues in a volume skipped earlier, whose error already names this path's range
                LOG.warn("{} not restored: {}", index, e.getMessage());
            }
            return true;
        } catch (VolumeHashMismatchException | DestinationFullException | VolumeFetchException | ScratchFullException e) {
            throw e;
        } catch (IOException e) {
            writeFailed(index, e, options, errors);
            return true;
        }
    }

    /** A path that could not be written is an error of the restore, unless the disk is full: that stops it. */
    private static void writeFailed(PathIndex index, IOException e, RestoreOptions options, RestoreErrors errors)
            throws IOException {
        if (DiskFull.isCause(e)) {
            // Every later file would fail the same way: stop with one clear line instead of one per file.
            throw new DestinationFullException("the destination " + options.destination() + " is full (" + e.getMessage()
                    + ") at " + index + "; free space there or restore to another disk", e);
        }
        LOG.warn("Error restoring {}: {}", index, e.toString());
        errors.destination(index + ": " + e.getMessage());
    }

    private static String lostRange(ManifestVolume v) {
        return "paths from " + v.startIndex() + " to " + v.endIndex() + " (in backup order) may be missing or out of date";
    }

    private static void checkDestination(RestoreOptions options) throws IOException {
        Path dest = options.destination();
        if (options.force() || !Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> entries = Files.list(dest)) {
                if (entries.findAny().isEmpty()) {
                    return;
                }
            }
        }
        throw new DestinationNotEmptyException("Restore destination " + dest
                + " already exists and is not empty; will not overwrite (use force, or an empty or new destination)");
    }

    /** Checks and opens one volume prepared in the background; null skips it (bad hash with ignoreErrors). */
    private static InputStream openVolume(SetPlan plan, PreparedVolume prepared, ManifestVolume volume,
            RestoreOptions options, RestoreErrors errors) throws IOException {
        boolean handedOver = false;
        try {
            String name = prepared.name();
            String actual = prepared.sha1();
            String expected = volume.sha1();
            if (expected == null) {
                LOG.warn("{}: the manifest has no SHA1 hash for volume {}; not verified", plan.set().manifest(), volume.number());
            } else if (!expected.equals(actual)) {
                String message = "Volume " + name + " is damaged: its SHA-1 is " + actual + " but the manifest says "
                        + volume.hash();
                if (!options.ignoreErrors()) {
                    throw new VolumeHashMismatchException(message);
                }
                message += "; skipped it, " + lostRange(volume);
                LOG.warn(message);
                errors.backup(message);
                return null;
            }
            InputStream decoded = prepared.open();
            handedOver = true;
            return decoded;
        } finally {
            if (!handedOver) {
                prepared.discard();
            }
        }
    }

    private static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
