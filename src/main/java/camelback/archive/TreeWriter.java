package camelback.archive;

import camelback.ffi.NativeLibraries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes restored entries under a destination (spec 10.7): files (over an existing entry via a temp name and
 * rename), symlinks, fifos, devices; owner (as root), mode and mtime; directories' attributes after their contents.
 * Small files are written on a {@link FileWritePool}; a write that fails there is reported to the
 * {@link WriteFailures} on the caller's thread, during a later call. New regular files are made through the C
 * library ({@link LibcFiles}) when it is there, with the JDK's calls as the fallback for every step.
 */
final class TreeWriter implements RestoreSink {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final int COPY_BUFFER = 1 << 20;
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    /** Closed directories waiting for files still being written in them, before their attributes are set. */
    private static final int MAX_CLOSED_DIRS = 4096;

    private record PendingDir(PathIndex index, Path path, TarHeader header) {
    }

    /** Where a file write that failed on the pool is reported, with the path's index. */
    @FunctionalInterface
    interface WriteFailures {
        void failed(PathIndex index, IOException error) throws IOException;
    }

    /** Puts a file's content into a new file; returns the bytes written. */
    @FunctionalInterface
    private interface Body {
        long writeTo(FileOutput out) throws IOException;
    }

    private final Path destination;
    private final PathIndex base;
    private final boolean restoreOwnership;
    private final WriteFailures failures;
    /** The C library's file calls, or null to write through the JDK only. */
    private final LibcFiles libc;
    /** The writing threads' directories, when {@link #libc} is there. */
    private final OpenDirectories openDirectories;
    private final FileWritePool pool = new FileWritePool();
    private final Deque<PendingDir> directories = new ArrayDeque<>();
    private final List<PendingDir> closedDirectories = new ArrayList<>();
    private final FileOwners owners = new FileOwners();
    /** Streams the files too large for the pool, on the caller's thread. */
    private final ZeroRunCopy copy = new ZeroRunCopy(COPY_BUFFER);
    /*
     * One temp name per writing thread, reused for every file (each is renamed before the next is written): a fresh
     * random name per file leaves one more stale entry in the kernel's directory cache per restored file.
     */
    private final ThreadLocal<long[]> tempToken =
            ThreadLocal.withInitial(() -> new long[] {ThreadLocalRandom.current().nextLong()});
    private Path knownDirectory;
    /** The directory {@link #resolve} found last, so each entry costs one name, not one per level. */
    private PathIndex resolvedParent;
    private Path resolvedParentPath;
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    /** Entries at {@code base} land on {@code destination} itself, entries below it under it. */
    TreeWriter(Path destination, PathIndex base, boolean restoreOwnership, WriteFailures failures) {
        this(destination, base, restoreOwnership, failures, SystemLibc.INSTANCE);
    }

    /** Writing regular files with {@code libc}'s calls when present, else through the JDK. */
    TreeWriter(Path destination, PathIndex base, boolean restoreOwnership, WriteFailures failures,
            Optional<LibcFiles> libc) {
        this.destination = destination;
        this.base = base;
        this.restoreOwnership = restoreOwnership;
        this.failures = failures;
        this.libc = libc.orElse(null);
        this.openDirectories = libc.map(OpenDirectories::new).orElse(null);
    }

    @Override
    public long files() {
        return files.get();
    }

    @Override
    public long bytes() {
        return bytes.get();
    }

    /** Writes one snapshot entry, consuming its data. */
    @Override
    public void write(ArchiveEntry entry) throws IOException {
        reportFailures();
        PathIndex relative = entry.index().suffix(base.size());
        closeDirectoriesOutside(relative);
        Path target = resolve(relative);
        TarHeader h = entry.header();
        FileType type = h.fileType();
        if (type == null) {
            throw new IOException("unsupported tar entry type '" + (char) h.typeflag() + "' for " + entry.index());
        }
        Path parent = target.getParent();
        // entries come in index order, so consecutive ones mostly share a directory that already exists
        if (parent != null && !parent.equals(knownDirectory)) {
            Files.createDirectories(parent);
            knownDirectory = parent;
        }
        switch (type) {
            case DIRECTORY -> {
                if (Files.exists(target, NOFOLLOW) && !Files.isDirectory(target, NOFOLLOW)) {
                    Files.delete(target);
                }
                Files.createDirectories(target);
                directories.push(new PendingDir(relative, target, h));
            }
            case REGULAR -> {
                FileWritePool.Content content = pool.read(entry.data());
                if (content.complete()) {
                    pool.submit(entry.index(), content, c -> writeFile(target, h, out -> {
                        c.writeTo(out);
                        return c.length();
                    }));
                } else {
                    try (InputStream in = content.withRest(entry.data())) {
                        writeFile(target, h, out -> copy.copy(in, out));
                    }
                }
                return;
            }
            case SYMLINK -> {
                removeExisting(target);
                Files.createSymbolicLink(target, PathBytes.path(h.linkname()));
                chown(target, h);
            }
            case FIFO -> {
                removeExisting(target);
                makeNode(target, h, node -> List.of("mkfifo", node));
            }
            case CHAR_DEVICE, BLOCK_DEVICE -> {
                removeExisting(target);
                makeNode(target, h, node -> List.of("mknod", node, type == FileType.CHAR_DEVICE ? "c" : "b",
                        Integer.toString(h.devMajor()), Integer.toString(h.devMinor())));
            }
            default -> throw new IllegalStateException("unhandled type " + type);
        }
        files.incrementAndGet();
    }

    /** A new empty temp file next to where {@code index} will be written, for building its content in place. */
    @Override
    public Path tempFileFor(PathIndex index) throws IOException {
        Path parent = resolve(index.suffix(base.size())).toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return Files.createTempFile(parent, ".camelback-restore-", ".part");
    }

    /** Writes a regular file whose content was built in {@code content} (from {@link #tempFileFor}); moves it into place. */
    @Override
    public void writeFile(PathIndex index, TarHeader header, Path content) throws IOException {
        reportFailures();
        PathIndex relative = index.suffix(base.size());
        closeDirectoriesOutside(relative);
        Path target = resolve(relative);
        boolean moved = false;
        try {
            long size = Files.size(content);
            setAttributes(content, header);
            moveIntoPlace(content, target);
            moved = true;
            bytes.addAndGet(size);
            files.incrementAndGet();
        } finally {
            if (!moved) {
                Files.deleteIfExists(content);
            }
        }
    }

    /** Waits for the files being written, then sets the attributes of every directory; call once after the last entry. */
    @Override
    public void finish() throws IOException {
        closeDirectoriesOutside(null);
        pool.awaitIdle();
        reportFailures();
        setClosedDirectoryAttributes();
    }

    /** Waits for the files still being written; a restore that stops early leaves no write running behind it. */
    @Override
    public void close() throws IOException {
        try {
            pool.close();
        } finally {
            if (openDirectories != null) {
                openDirectories.close();
            }
        }
    }

    /**
     * A file nothing stands in the way of is written under its own name: in restores of many small files the
     * rename cost a quarter of the kernel's work. It is created owner-only (by the C library: see
     * {@link NativeFile#create}) and gets its mode and times when complete, and is deleted when the write fails. Over
     * an existing entry, which the C library's exclusive create refuses, the content goes to a temp name first, and is
     * renamed over the old one only when complete.
     */
    private void writeFile(Path target, TarHeader h, Body body) throws IOException {
        NativeFile file = libc == null ? null : NativeFile.create(libc, openDirectories, target);
        if (file != null) {
            writeNative(file, target, h, body);
            return;
        }
        FileChannel out = null;
        Path written = target;
        try {
            out = FileChannel.open(target, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OWNER_ONLY);
        } catch (FileAlreadyExistsException e) {
            // replaced below through a temp name
        }
        Path parent = target.toAbsolutePath().getParent();
        long[] token = tempToken.get();
        while (out == null) {
            written = parent.resolve(".camelback-restore-" + Long.toUnsignedString(token[0]) + ".part");
            try {
                out = FileChannel.open(written, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        OWNER_ONLY);
            } catch (FileAlreadyExistsException e) {
                // a name taken by chance: draw another
                token[0] = ThreadLocalRandom.current().nextLong();
            }
        }
        boolean done = false;
        try {
            long size;
            try (FileChannel channel = out) {
                size = body.writeTo(FileOutput.of(channel));
            }
            setAttributes(written, h);
            if (written != target) {
                moveIntoPlace(written, target);
            }
            bytes.addAndGet(size);
            files.incrementAndGet();
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(written);
            }
        }
    }

    /**
     * Writes a file that {@code libc} created under its own name: content, owner, mode and times through the one
     * descriptor where that works, by path where it did not; the file is deleted when the write fails.
     */
    private void writeNative(NativeFile file, Path target, TarHeader h, Body body) throws IOException {
        boolean done = false;
        try {
            long size;
            boolean stamped;
            try (file) {
                size = body.writeTo(file);
                chown(target, h);
                stamped = file.setModeAndTimes(h.mode() & 07777, h.mtime());
            }
            if (!stamped) {
                PathAttributes.setModeAndTimes(target, h);
            }
            bytes.addAndGet(size);
            files.incrementAndGet();
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(target);
            }
        }
    }

    /** Renames a finished file over its target; an empty directory in the way is removed first. */
    private static void moveIntoPlace(Path file, Path target) throws IOException {
        try {
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(target, NOFOLLOW)) {
                throw e;
            }
            Files.delete(target);
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /*
     * A directory's mode and mtime are set once nothing more is written in it: files of it may still be on the pool,
     * so closed directories wait, deepest first, until the pool is idle (or too many wait, then for the pool).
     */
    private void closeDirectoriesOutside(PathIndex relative) throws IOException {
        while (!directories.isEmpty() && (relative == null || !relative.startsWith(directories.peek().index())
                || relative.equals(directories.peek().index()))) {
            closedDirectories.add(directories.pop());
        }
        if (closedDirectories.isEmpty()) {
            return;
        }
        if (closedDirectories.size() >= MAX_CLOSED_DIRS) {
            pool.awaitIdle();
        }
        if (pool.idle()) {
            reportFailures();
            setClosedDirectoryAttributes();
        }
    }

    private void setClosedDirectoryAttributes() throws IOException {
        try {
            for (PendingDir d : closedDirectories) {
                setAttributes(d.path(), d.header());
            }
        } finally {
            closedDirectories.clear();
        }
    }

    private void reportFailures() throws IOException {
        for (FileWritePool.Failure f; (f = pool.pollFailure()) != null; ) {
            failures.failed(f.index(), f.error());
        }
    }

    private void setAttributes(Path path, TarHeader h) throws IOException {
        chown(path, h);
        PathAttributes.setModeAndTimes(path, h);
    }

    private void chown(Path path, TarHeader h) throws IOException {
        if (restoreOwnership) {
            owners.apply(path, h);
        }
    }

    /** Where {@code relative} lands; entries come in index order, so its directory is mostly the one before's. */
    private Path resolve(PathIndex relative) {
        if (relative.isRoot()) {
            return destination;
        }
        PathIndex parent = relative.prefix(relative.size() - 1);
        if (!parent.equals(resolvedParent)) {
            Path p = destination;
            for (int i = 0; i < parent.size(); i++) {
                p = PathBytes.resolve(p, parent.component(i));
            }
            resolvedParent = parent;
            resolvedParentPath = p;
        }
        return PathBytes.resolve(resolvedParentPath, relative.component(relative.size() - 1));
    }

    private static void removeExisting(Path target) throws IOException {
        try {
            Files.deleteIfExists(target);
        } catch (DirectoryNotEmptyException e) {
            throw new IOException("cannot replace non-empty directory " + target + " with a non-directory", e);
        }
    }

    /**
     * Makes a fifo or device node with {@code make}'s command, then gives it its owner, mode and time. The tools take
     * names as text, which a path that is not UTF-8 cannot be: such a node is made under a plain temp name, reached
     * through a symlink to its directory, and renamed into place, which keeps the name's bytes.
     */
    private void makeNode(Path target, TarHeader h, java.util.function.Function<String, List<String>> make)
            throws IOException {
        Path absolute = target.toAbsolutePath();
        if (PathBytes.plainString(absolute)) {
            PathAttributes.run(make.apply(absolute.toString()).toArray(String[]::new));
            setAttributes(absolute, h);
            return;
        }
        Path linkDir = Files.createTempDirectory("camelback-node-");
        Path link = linkDir.resolve("dir");
        try {
            Files.createSymbolicLink(link, absolute.getParent());
            String temp = ".camelback-node-" + Thread.currentThread().getId() + "-" + System.nanoTime();
            PathAttributes.run(make.apply(link.resolve(temp).toString()).toArray(String[]::new));
            setAttributes(link.resolve(temp), h);
            Files.move(absolute.getParent().resolve(temp), absolute, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(link);
            Files.deleteIfExists(linkDir);
        }
    }

    // Loaded once per JVM. The lambda keeps LibcFiles, and with it the foreign-function classes, unloaded until the
    // module is known to be there.
    private static final class SystemLibc {
        static final Optional<LibcFiles> INSTANCE = NativeLibraries.load(LibcFiles.PROPERTY,
                ignored -> LibcFiles.open(Path.of(System.getProperty("java.io.tmpdir"))));

        private SystemLibc() {}
    }
}
