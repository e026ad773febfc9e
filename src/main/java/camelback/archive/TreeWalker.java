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
 * in {@code spillDir}). Sockets and vanished paths are skipped.
 */
final class TreeWalker implements Iterator<FileMetadata>, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(TreeWalker.class);

    private record Level(PathIndex index, Path path, DirectoryListing names) {
    }

    private final Path root;
    private final MetadataReader reader;
    private final BackupStatistics stats;
    private final Path spillDir;
    private final Deque<Level> stack = new ArrayDeque<>();
    private boolean rootDone;
    private FileMetadata next;

    TreeWalker(Path root, MetadataReader reader, BackupStatistics stats, Path spillDir) {
        this.root = root;
        this.reader = reader;
        this.stats = stats;
        this.spillDir = spillDir;
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
            stack.pop().names().close();
        }
    }

    private FileMetadata advance() throws IOException {
        if (!rootDone) {
            rootDone = true;
            FileMetadata meta = reader.read(root, PathIndex.ROOT)
                    .orElseThrow(() -> new SourceMissingException(root));
            enter(meta);
            return meta;
        }
        while (!stack.isEmpty()) {
            Level level = stack.peek();
            byte[] name = level.names().next();
            if (name == null) {
                stack.pop().names().close();
                continue;
            }
            PathIndex index = level.index().child(name);
            Optional<FileMetadata> meta;
            try {
                meta = reader.read(PathBytes.resolve(level.path(), name), index);
            } catch (IOException e) {
                // One path whose lstat fails (a name past PATH_MAX, a directory that may be listed but not searched)
                // is an error of the run, as an unreadable file is, not the end of it.
                LOG.warn("Error reading the metadata of {}: {}", index, e.toString());
                stats.addError(index.toString(), "cannot read its metadata: " + e);
                continue;
            }
            if (meta.isPresent()) {
                enter(meta.get());
                return meta.get();
            }
        }
        return null;
    }

    private void enter(FileMetadata dir) {
        if (dir.type() != FileType.DIRECTORY) {
            return;
        }
        DirectoryListing names;
        try {
            names = DirectoryListing.read(dir.path(), spillDir);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.warn("Error listing directory {}: {}", dir.path(), e.toString());
            stats.addError(dir.index().toString(), "cannot list directory: " + e);
            return;
        }
        stack.push(new Level(dir.index(), dir.path(), names));
    }
}
