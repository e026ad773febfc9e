package camelback.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a source tree in index order (spec 3.4): pre-order, each directory's names sorted as raw
 * bytes. Holds one sorted listing per level of depth. Sockets and vanished paths are skipped.
 */
final class TreeWalker implements Iterator<FileMetadata> {
    private static final Logger LOG = LoggerFactory.getLogger(TreeWalker.class);

    private record Child(byte[] name, Path path) {
    }

    private static final class Level {
        final PathIndex index;
        final List<Child> children;
        int position;

        Level(PathIndex index, List<Child> children) {
            this.index = index;
            this.children = children;
        }
    }

    private final Path root;
    private final MetadataReader reader;
    private final BackupStatistics stats;
    private final Deque<Level> stack = new ArrayDeque<>();
    private boolean rootDone;
    private FileMetadata next;

    TreeWalker(Path root, MetadataReader reader, BackupStatistics stats) {
        this.root = root;
        this.reader = reader;
        this.stats = stats;
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
            if (level.position >= level.children.size()) {
                stack.pop();
                continue;
            }
            Child child = level.children.get(level.position);
            level.children.set(level.position++, null);
            Optional<FileMetadata> meta = reader.read(child.path(), level.index.child(child.name()));
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
        List<Child> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.path())) {
            for (Path p : entries) {
                children.add(new Child(PathBytes.fileName(p), p));
            }
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.warn("Error listing directory {}: {}", dir.path(), e.toString());
            stats.addError(dir.index().toString(), "cannot list directory: " + e);
            return;
        }
        children.sort(Comparator.comparing(Child::name, IndexOrder::compareBytes));
        stack.push(new Level(dir.index(), children));
    }
}
