package camelback.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * verify --compare-data: takes the restore's merged entries in index order and compares each with the source tree,
 * walked alongside in the same order, instead of writing them: type, permission bits, mtime, symlink target and
 * content. Paths on one side only are named too. Nothing is written but the content of files built from deltas,
 * one at a time, so the check needs no disk the size of the backup and holds one directory listing per level.
 */
final class TreeComparer implements RestoreSink {
    private static final int MAX_REPORTED = 100;
    private static final int BUFFER = 1 << 16;

    private final TreeWalker source;
    private final BackupStatistics sourceProblems = new BackupStatistics();
    private final Path scratch;
    private final List<String> differences = new ArrayList<>();
    private final byte[] backupBuffer = new byte[BUFFER];
    private final byte[] sourceBuffer = new byte[BUFFER];
    private FileMetadata pending;
    private long differenceCount;
    private long files;
    private long bytes;

    /**
     * @param selection the paths of the source the backups took: the others are not differences
     * @param scratch   an existing folder for the content of files built from deltas, and for the runs of a huge
     *                  source directory's listing
     */
    TreeComparer(Path sourceRoot, Selection selection, Path scratch) {
        this.source = new TreeWalker(sourceRoot, new MetadataReader(), sourceProblems, scratch, selection);
        this.scratch = scratch;
    }

    /** The first {@value #MAX_REPORTED} differences as "path: what differs". */
    List<String> differences() {
        return List.copyOf(differences);
    }

    /** All differences, listed or not. */
    long differenceCount() {
        return differenceCount;
    }

    @Override
    public void write(ArchiveEntry entry) throws IOException {
        FileMetadata meta = sourceEntry(entry.index());
        if (meta != null) {
            // Not the header's size: a file spread over volumes has one header per piece; the content comparison ends
            // where either side does.
            String difference = metadataDifference(entry.header(), meta);
            if (difference == null && meta.type() == FileType.REGULAR) {
                difference = contentDifference(entry.data(), meta);
                bytes += meta.size();
            }
            record(entry.index(), difference);
        }
        files++;
    }

    @Override
    public Path tempFileFor(PathIndex index) throws IOException {
        return Files.createTempFile(scratch, "patched-", ".part");
    }

    @Override
    public void writeFile(PathIndex index, TarHeader header, Path content) throws IOException {
        try {
            FileMetadata meta = sourceEntry(index);
            if (meta != null) {
                String difference = metadataDifference(header, meta);
                if (difference == null && meta.type() == FileType.REGULAR) {
                    try (InputStream in = Files.newInputStream(content)) {
                        difference = contentDifference(in, meta);
                    }
                    bytes += meta.size();
                }
                record(index, difference);
            }
            files++;
        } finally {
            Files.deleteIfExists(content);
        }
    }

    @Override
    public void finish() {
        while (source.hasNext()) {
            record(source.next().index(), "in the source but not in the backup");
        }
        if (pending != null) {
            record(pending.index(), "in the source but not in the backup");
            pending = null;
        }
        for (String problem : sourceProblems.errorList()) {
            differenceCount++;
            if (differences.size() < MAX_REPORTED) {
                differences.add(problem + " (in the source)");
            }
        }
    }

    @Override
    public long files() {
        return files;
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        source.close();
    }

    /** The source's entry at {@code index}, or null (recorded) when it has none; source paths before it are recorded. */
    private FileMetadata sourceEntry(PathIndex index) {
        while (true) {
            if (pending == null) {
                if (!source.hasNext()) {
                    break;
                }
                pending = source.next();
            }
            int order = pending.index().compareTo(index);
            if (order == 0) {
                FileMetadata match = pending;
                pending = null;
                return match;
            }
            if (order > 0) {
                break;
            }
            record(pending.index(), "in the source but not in the backup");
            pending = null;
        }
        record(index, "in the backup but no longer in the source");
        return null;
    }

    private static String metadataDifference(TarHeader header, FileMetadata meta) {
        FileType type = header.fileType();
        if (type != meta.type()) {
            return "type differs (" + type + " in the backup, " + meta.type() + " in the source)";
        }
        if (type == FileType.SYMLINK) {
            return Arrays.equals(header.linkname(), meta.linkTarget()) ? null : "symlink differs";
        }
        if ((header.mode() & 07777) != (meta.mode() & 07777)) {
            return String.format("permissions differ (%04o in the backup, %04o in the source)", header.mode() & 07777,
                    meta.mode() & 07777);
        }
        if (header.mtime() != meta.mtime()) {
            return "mtime differs";
        }
        return null;
    }

    /** Null when equal; a failed read of the backup is thrown, one of the source is the difference. */
    private String contentDifference(InputStream backup, FileMetadata meta) throws IOException {
        InputStream current;
        try {
            current = Files.newInputStream(meta.path());
        } catch (IOException e) {
            return unreadable(e);
        }
        try (current) {
            while (true) {
                int n = backup.readNBytes(backupBuffer, 0, BUFFER);
                int m;
                try {
                    m = current.readNBytes(sourceBuffer, 0, BUFFER);
                } catch (IOException e) {
                    return unreadable(e);
                }
                if (n != m || !Arrays.equals(backupBuffer, 0, n, sourceBuffer, 0, m)) {
                    return "content differs";
                }
                if (n == 0) {
                    return null;
                }
            }
        }
    }

    private static String unreadable(IOException e) {
        return "cannot be read in the source (" + e + ")";
    }

    private void record(PathIndex index, String difference) {
        if (difference == null) {
            return;
        }
        differenceCount++;
        if (differences.size() < MAX_REPORTED) {
            differences.add(index + ": " + difference);
        }
    }
}
