package camelback.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a source tree in index order (spec 3.4): pre-order, each directory's names sorted as raw
 * bytes. Holds one listing per level of depth, each bounded (a huge directory's listing is merged from sorted runs
 * in {@code spillDir}). Sockets and vanished paths are skipped, and so is what the {@link Selection} leaves out: an
 * excluded directory is not listed, and a directory it only scans is handed out just before the first path inside it
 * that it takes, or not at all.
 */
final class TreeWalker implements Iterator<FileMetadata>, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(TreeWalker.class);

    private static final class Level {
        final PathIndex index;
        final Path path;
        final DirectoryListing names;
        /** A scanned directory not handed out yet: nothing inside it was taken so far. */
        FileMetadata held;

        Level(PathIndex index, Path path, DirectoryListing names) {
            this.index = index;
            this.path = path;
            this.names = names;
        }
    }

    private final Path root;
    private final MetadataReader reader;
    private final BackupStatistics stats;
    private final Path spillDir;
    private final Selection selection;
    private final Deque<Level> stack = new ArrayDeque<>();
    /** Scanned directories to hand out before the path that made them taken; as deep as the tree at most. */
    private final Deque<FileMetadata> ready = new ArrayDeque<>();
    private boolean rootDone;
    private FileMetadata next;

    TreeWalker(Path root, MetadataReader reader, BackupStatistics stats, Path spillDir, Selection selection) {
        this.root = root;
        this.reader = reader;
        this.stats = stats;
        this.spillDir = spillDir;
        this.selection = selection;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = advance();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return next != null;
    }

    @Override
    public FileMetadata next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        FileMetadata result = next;
        next = null;
        return result;
    }

    /** Closes the listings of the directories the walk is still in (their runs on disk); for a walk given up. */
    @Override
    public void close() {
        while (!stack.isEmpty()) {
            stack.pop().names.close();
        }
    }

    private FileMetadata advance() throws IOException {
        if (!ready.isEmpty()) {
            return ready.poll();
        }
        if (!rootDone) {
            rootDone = true;
            FileMetadata meta = reader.read(root, PathIndex.ROOT)
                    .orElseThrow(() -> new SourceMissingException(root));
            enter(meta);
            return meta;
        }
        while (!stack.isEmpty()) {
            Level level = stack.peek();
            byte[] name = level.names.next();
            if (name == null) {
                stack.pop().names.close();
                continue;
            }
            PathIndex index = level.index.child(name);
            Optional<FileMetadata> meta;
            try {
                meta = reader.read(PathBytes.resolve(level.path, name), index);
            } catch (IOException e) {
                // One path whose lstat fails (a name past PATH_MAX, a directory that may be listed but not searched)
                // is an error of the run, as an unreadable file is, not the end of it.
                LOG.warn("Error reading the metadata of {}: {}", index, e.toString());
                stats.addError(index.toString(), "cannot read its metadata: " + e);
                continue;
            }
            if (meta.isEmpty()) {
                continue;
            }
            Selection.Verdict verdict = selection.takesEverything() ? Selection.Verdict.INCLUDE
                    : selection.decide(meta.get());
            if (verdict == Selection.Verdict.INCLUDE) {
                enter(meta.get());
                return releaseHeld(meta.get());
            }
            if (verdict == Selection.Verdict.SCAN && meta.get().type() == FileType.DIRECTORY && enter(meta.get())) {
                stack.peek().held = meta.get();
            }
        }
        return null;
    }

    /** {@code taken}, after the scanned directories above it that were held back, outermost first. */
    private FileMetadata releaseHeld(FileMetadata taken) {
        Iterator<Level> outermostFirst = stack.descendingIterator();
        while (outermostFirst.hasNext()) {
            Level level = outermostFirst.next();
            if (level.held != null) {
                ready.add(level.held);
                level.held = null;
            }
        }
        if (ready.isEmpty()) {
            return taken;
        }
        ready.add(taken);
        return ready.poll();
    }

    /** Whether {@code dir} is a directory whose listing the walk now reads. */
    private boolean enter(FileMetadata dir) {
        if (dir.type() != FileType.DIRECTORY) {
            return false;
        }
        DirectoryListing names;
        try {
            names = DirectoryListing.read(dir.path(), spillDir);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            LOG.warn("Error listing directory {}: {}", dir.path(), e.toString());
            stats.addError(dir.index().toString(), "cannot list directory: " + e);
            return false;
        }
        stack.push(new Level(dir.index(), dir.path(), names));
        return true;
    }
}
