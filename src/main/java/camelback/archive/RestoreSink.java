package camelback.archive;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the merged entries of a restore go, in index order: a tree on disk ({@link TreeWriter}) or a comparison with
 * the source ({@link TreeComparer}).
 */
interface RestoreSink extends AutoCloseable {
    /** One snapshot entry; consumes its data. */
    void write(ArchiveEntry entry) throws IOException;

    /** A new empty temp file in which the content of {@code index} is built from its deltas. */
    Path tempFileFor(PathIndex index) throws IOException;

    /** A regular file whose content was built in {@code content} (from {@link #tempFileFor}), which it takes over. */
    void writeFile(PathIndex index, TarHeader header, Path content) throws IOException;

    /** After the last entry. */
    void finish() throws IOException;

    long files();

    long bytes();

    @Override
    void close() throws IOException;
}
