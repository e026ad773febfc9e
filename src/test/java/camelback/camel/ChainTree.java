package camelback.camel;

import camelback.archive.PathBytes;
import camelback.archive.RandomTree;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A random source tree for backup chains, and random changes to it between backups: files of the sizes that matter to
 * the format (empty, under one block, multiples of the 512-byte blocks duplicity picks, around the 64 KiB chunk, a
 * few MB across 1 MB volumes), sparse files and runs of zeros, hard links, symbolic links (to files, directories,
 * nothing, with targets over 100 bytes), empty directories, names over 100 bytes and paths over 255, names that are
 * not UTF-8 (from {@link RandomTree#NAMES}), odd modes, other owners, mtimes before 1970, with nanoseconds and far
 * ahead, fifos. Every change that alters a file also moves its mtime to another second, and never from one mtime at or
 * before 1970 to another: duplicity sees a file as changed by its mode, owner and whole-second mtime only (format
 * spec 10.1), so a change without that is one neither tool is meant to notice.
 */
final class ChainTree {
    private static final int[] FILE_MODES = {0644, 0600, 0000, 0777, 04755, 02755, 06711, 0444, 01644, 0640};
    private static final int[] DIR_MODES = {0755, 0700, 0777, 01777, 02775, 0555, 0000};
    /** Owners without a name here; 3,000,000 needs a pax record (over 7 octal digits). */
    private static final int[] IDS = {0, 4242, 4243, 3_000_000};
    private static final long MIB = 1 << 20;

    private final Random random;
    private final Path root;
    private final boolean asRoot;
    private final List<String> log = new ArrayList<>();
    /** Each inode's whole-second mtime when the last backup read the tree. */
    private final Map<Object, Long> backedUp = new HashMap<>();
    private long bigBytes;
    private int counter;

    private ChainTree(Random random, Path root, boolean asRoot) {
        this.random = random;
        this.root = root;
        this.asRoot = asRoot;
    }

    /** @param asRoot whether owners other than the running user may be given (needs root) */
    static ChainTree grow(Random random, Path root, boolean asRoot) throws IOException {
        ChainTree tree = new ChainTree(random, Files.createDirectories(root), asRoot);
        tree.fill(root, 0);
        Path deep = root;
        for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
            deep = deep.resolve(tree.longName(60 + random.nextInt(120)));
            Files.createDirectory(deep);
        }
        tree.file(deep.resolve(tree.longName(100 + random.nextInt(100))));
        tree.log.add("grown");
        return tree;
    }

    Path root() {
        return root;
    }

    /** What the last {@link #mutate} did, one change a line, to replay a failure by eye. */
    String changes() {
        return String.join("\n", log);
    }

    /** A few random changes of every kind, as between two backups. */
    void mutate() throws IOException {
        log.clear();
        bigBytes = 0;
        backedUp.clear();
        for (Path path : paths()) {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            backedUp.put(a.fileKey(), Math.floorDiv(a.lastModifiedTime().toMillis(), 1000));
        }
        for (int k = 0, n = 2 + random.nextInt(8); k < n; k++) {
            List<Path> paths = paths();
            if (paths.isEmpty()) {
                fill(root, 1);
                continue;
            }
            Path path = paths.get(random.nextInt(paths.size()));
            change(path);
        }
    }

    private void change(Path path) throws IOException {
        boolean regular = Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
        boolean directory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        boolean link = Files.isSymbolicLink(path);
        String name = show(path);
        switch (random.nextInt(15)) {
            case 0, 1 -> {
                if (regular) {
                    long size = Files.size(path);
                    try (FileChannel file = open(path)) {
                        file.write(ByteBuffer.wrap(data((int) pickSize())), size);
                    }
                    retime(path, "append to " + name);
                }
            }
            case 2 -> {
                if (regular && Files.size(path) > 0) {
                    long size = Files.size(path);
                    try (FileChannel file = open(path)) {
                        file.write(ByteBuffer.wrap(data(1 + random.nextInt(random.nextBoolean() ? 100 : 20_000))),
                                random.nextLong(size));
                    }
                    retime(path, "overwrite in the middle of " + name);
                }
            }
            case 3 -> {
                if (regular) {
                    long size = Files.size(path);
                    long to = random.nextBoolean() ? 0 : random.nextLong(size + 1);
                    try (FileChannel file = open(path)) {
                        file.truncate(to);
                    }
                    retime(path, "truncate " + name + " to " + to);
                }
            }
            case 4 -> {
                if (regular && Files.size(path) == 0) {
                    Files.write(path, data((int) pickSize()));
                    retime(path, "grow " + name + " from 0");
                } else {
                    Path fresh = fresh(directory ? path : path.getParent());
                    Files.createFile(fresh);
                    setMtime(fresh, pickMtime());
                    log.add("add empty file " + show(fresh));
                }
            }
            case 5 -> {
                if (regular || link) {
                    Files.delete(path);
                    Files.createDirectory(path);
                    fill(path, 3);
                    setMtime(path, pickMtime());
                    log.add("replace " + (link ? "link " : "file ") + name + " by a directory");
                }
            }
            case 6 -> {
                if (directory) {
                    deleteTree(path);
                    file(path);
                    log.add("replace directory " + name + " by a file");
                } else if (regular) {
                    Files.delete(path);
                    Files.createSymbolicLink(path, linkTarget(path));
                    log.add("replace file " + name + " by a link");
                }
            }
            case 7 -> {
                deleteTree(path);
                log.add("delete " + name);
            }
            case 8 -> {
                if (!link) {
                    setMode(path, directory ? pick(DIR_MODES) : pick(FILE_MODES));
                    log.add("chmod " + name);
                }
            }
            case 9 -> {
                // A device's mtime is not among what marks it changed (format spec 10.1): a touch alone goes unseen.
                if (!link && !device(path)) {
                    retime(path, "touch " + name);
                }
            }
            case 10 -> {
                Path to = fresh(random.nextBoolean() ? path.getParent() : someDirectory());
                if (!to.startsWith(path)) {
                    Files.move(path, to);
                    log.add("rename " + name + " to " + show(to));
                }
            }
            case 12 -> {
                if (asRoot && !link) {
                    Files.setAttribute(path, "unix:uid", pick(IDS), LinkOption.NOFOLLOW_LINKS);
                    log.add("chown " + name);
                }
            }
            case 11 -> {
                if (link) {
                    Files.delete(path);
                    Files.createSymbolicLink(path, linkTarget(path));
                    log.add("retarget link " + name);
                }
            }
            default -> {
                fill(someDirectory(), 3);
                log.add("add entries");
            }
        }
    }

    /** A new mtime in another second than the old one, and not both at or before 1970 (both count as 0). */
    private void retime(Path path, String what) throws IOException {
        // As backed up, not as now: writing set it to now, and a hard link's other name may have been changed already.
        Long old = backedUp.get(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey());
        Instant mtime = pickMtime();
        while (old != null && (mtime.getEpochSecond() == old || mtime.getEpochSecond() <= 0 && old <= 0)) {
            mtime = Instant.ofEpochSecond(1_500_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000_000));
        }
        setMtime(path, mtime);
        log.add(what);
    }

    private List<Path> paths() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).toList();
        }
    }

    private Path someDirectory() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> dirs = walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
            return dirs.get(random.nextInt(dirs.size()));
        }
    }

    private void fill(Path dir, int depth) throws IOException {
        int count = depth == 0 ? 6 + random.nextInt(8) : random.nextInt(depth >= 3 ? 3 : 6);
        for (int k = 0; k < count; k++) {
            Path path = fresh(dir);
            int dice = random.nextInt(100);
            if (dice < 22 && depth < 4) {
                Files.createDirectory(path);
                fill(path, depth + 1);
                finish(path, DIR_MODES);
            } else if (dice < 34) {
                Files.createSymbolicLink(path, linkTarget(path));
            } else if (dice < 40) {
                Path existing = someRegularFile();
                if (existing == null) {
                    file(path);
                } else {
                    Files.createLink(path, existing);
                }
            } else if (dice < 44 && isPlain(path)) {
                RandomTree.run("mkfifo", path.toString());
                finish(path, FILE_MODES);
            } else if (dice < 46 && asRoot && isPlain(path)) {
                RandomTree.run("mknod", path.toString(), "c", "1", Integer.toString(3 + random.nextInt(3)));
                finish(path, FILE_MODES);
            } else {
                file(path);
            }
        }
    }

    /** For writing at offsets: {@code RandomAccessFile} takes a path as a string, losing bytes that are not UTF-8. */
    private static FileChannel open(Path path) throws IOException {
        return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    private static boolean isPlain(Path path) {
        return path.toString().indexOf('\uFFFD') < 0;
    }

    private Path someRegularFile() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
            return files.isEmpty() ? null : files.get(random.nextInt(files.size()));
        }
    }

    /** A regular file of a random size and kind of content, mode, owner and mtime. */
    private void file(Path path) throws IOException {
        long size = pickSize();
        int kind = random.nextInt(6);
        if (kind == 0 && size > 0) {
            // Sparse: holes with a few written pieces.
            try (FileChannel file = open(path)) {
                // Writing the last byte sets the length and leaves a hole before it.
                file.write(ByteBuffer.wrap(new byte[1]), size - 1);
                for (int k = 0, n = random.nextInt(4); k < n; k++) {
                    file.write(ByteBuffer.wrap(data(1 + random.nextInt(5000))), random.nextLong(size));
                }
            }
        } else {
            try (var out = Files.newOutputStream(path)) {
                for (long left = size; left > 0; ) {
                    int n = (int) Math.min(left, 256 * 1024);
                    out.write(kind == 1 ? new byte[n] : data(n));
                    left -= n;
                }
            }
        }
        finish(path, FILE_MODES);
    }

    private void finish(Path path, int[] modes) throws IOException {
        if (asRoot && random.nextInt(8) == 0) {
            Files.setAttribute(path, "unix:uid", pick(IDS), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", pick(IDS), LinkOption.NOFOLLOW_LINKS);
        }
        // After the owner: a chown clears the set-id bits.
        setMode(path, random.nextInt(3) == 0 ? pick(modes) : modes[0]);
        setMtime(path, pickMtime());
    }

    private static void setMode(Path path, int mode) throws IOException {
        if (special(path) && !isPlain(path)) {
            return;
        }
        if (special(path)) {
            RandomTree.run("chmod", Integer.toOctalString(mode), path.toString());
        } else {
            Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static boolean device(Path path) throws IOException {
        int type = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
        return type == 0020000 || type == 0060000;
    }

    /** A fifo or device, which the JDK opens to change its mode or times (blocking on a fifo): {@code chmod} and {@code touch} do not. */
    private static boolean special(Path path) {
        return !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                && !Files.isSymbolicLink(path);
    }

    private long pickSize() {
        return switch (random.nextInt(16)) {
            case 0, 1 -> 0;
            case 2, 3 -> 1 + random.nextInt(511);
            case 4 -> 512L * (1 + random.nextInt(8));
            case 5 -> 65_536 + random.nextInt(3) - 1;
            case 6 -> 131_072;
            case 7 -> 1_024_000;
            case 8 -> {
                if (bigBytes > 4 * MIB) {
                    yield 70_000;
                }
                long big = MIB + random.nextLong(2 * MIB);
                bigBytes += big;
                yield big;
            }
            default -> 1 + random.nextInt(random.nextBoolean() ? 4000 : 200_000);
        };
    }

    /** Random bytes, text or runs of zeros, so deltas find matches and compression has something to do. */
    private byte[] data(int size) {
        byte[] out = new byte[size];
        switch (random.nextInt(4)) {
            case 0 -> random.nextBytes(out);
            case 1 -> {
                for (int i = 0; i < size; i++) {
                    out[i] = (byte) ("the quick brown fox " + i / 97 + "\n").charAt(i % 21);
                }
            }
            case 2 -> {
                for (int i = 0; i < size; i += 4096) {
                    if (random.nextBoolean()) {
                        byte[] run = new byte[Math.min(4096, size - i)];
                        random.nextBytes(run);
                        System.arraycopy(run, 0, out, i, run.length);
                    }
                }
            }
            default -> { }
        }
        return out;
    }

    private Instant pickMtime() {
        long base = 1_600_000_000L + random.nextInt(100_000_000);
        return switch (random.nextInt(12)) {
            case 0 -> Instant.ofEpochSecond(-1 - random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
            case 1 -> Instant.ofEpochSecond(0);
            case 2 -> Instant.ofEpochSecond(List.of(4_102_444_800L, 8_589_934_591L, 8_589_934_592L, 9_500_000_000L)
                    .get(random.nextInt(4)));
            case 3, 4, 5 -> Instant.ofEpochSecond(base, random.nextInt(1_000_000_000));
            default -> Instant.ofEpochSecond(base);
        };
    }

    /**
     * The JDK clamps mtimes before 1970 to 0 and after 2262 to 2262 (nanoseconds in a long): {@code touch} sets those.
     */
    private static void setMtime(Path path, Instant mtime) throws IOException {
        if (mtime.getEpochSecond() > 0 && mtime.getEpochSecond() < 9_000_000_000L && !special(path)) {
            Files.setLastModifiedTime(path, FileTime.from(mtime));
            return;
        }
        String time = "@" + mtime.getEpochSecond() + "." + String.format("%09d", mtime.getNano());
        if (isPlain(path)) {
            RandomTree.run("touch", "-h", "-d", time, path.toString());
        } else if (!special(path)) {
            // A command line cannot carry a name that is not UTF-8: touch follows a link with a plain name to it.
            Path link = Files.createTempFile("chain-tree-", ".link");
            try {
                Files.delete(link);
                Files.createSymbolicLink(link, path.toAbsolutePath());
                RandomTree.run("touch", "-d", time, link.toString());
            } finally {
                Files.deleteIfExists(link);
            }
        }
    }
    private Path linkTarget(Path link) {
        return switch (random.nextInt(6)) {
            case 0 -> Path.of("..");
            case 1 -> Path.of("missing/" + "x".repeat(random.nextInt(3) == 0 ? 150 : 5));
            case 2 -> root.resolve("deep/" + "long-target-".repeat(12));
            case 3 -> Path.of(".");
            default -> {
                try (Stream<Path> walk = Files.walk(root)) {
                    List<Path> all = walk.toList();
                    Path to = all.get(random.nextInt(all.size()));
                    Path relative = link.getParent().relativize(to);
                    yield relative.toString().isEmpty() ? Path.of(".") : relative;
                } catch (IOException e) {
                    yield Path.of("gone");
                }
            }
        };
    }

    /** A name not yet taken in {@code dir}: an odd one from the selection tests, a long one or a plain one. */
    private Path fresh(Path dir) {
        while (true) {
            int dice = random.nextInt(10);
            String odd = RandomTree.NAMES.get(random.nextInt(RandomTree.NAMES.size()));
            String name = dice < 4 ? odd
                    : dice == 4 ? longName(101 + random.nextInt(150))
                    : dice == 5 ? longName(90 + random.nextInt(60)) + odd : "n" + counter++;
            Path path = dir.resolve(PathBytes.path(RandomTree.bytes(name)));
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !name.equals(RandomTree.MARKER)) {
                return path;
            }
        }
    }

    private String longName(int bytes) {
        StringBuilder name = new StringBuilder("long-" + counter++ + "-");
        while (name.length() < bytes) {
            name.append((char) ('a' + random.nextInt(26)));
        }
        return name.toString();
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    private String show(Path path) {
        return camelback.archive.Escapes.java(root.relativize(path).toString());
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        } else {
            Files.delete(path);
        }
    }
}
