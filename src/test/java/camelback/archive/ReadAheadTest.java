package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The source walk read ahead on other threads: same entries, same content, bounded, and errors still reported. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadAheadTest {
    private static final int HEAD = ReadAhead.HEAD;

    @TempDir
    Path source;
    @TempDir
    Path spill;

    @BeforeEach
    void makeTree() throws IOException {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, 100, HEAD - 1, HEAD, HEAD + 1, 3 * HEAD + 17}) {
            Files.write(source.resolve("size-" + size), bytes(random, size));
        }
        Path dir = Files.createDirectories(source.resolve("dir/sub"));
        for (int i = 0; i < 300; i++) {
            Files.write(dir.resolve("f" + i), bytes(random, random.nextInt(5000)));
        }
        Files.createSymbolicLink(source.resolve("link"), Path.of("size-100"));
    }

    @Test
    void givesTheWalkersEntriesInOrderWithEachFilesContent() throws Exception {
        List<PathIndex> expected = indexes(walker());
        List<PathIndex> seen = new ArrayList<>();
        ReadAhead ahead = new ReadAhead(walker(), FileOpener.DEFAULT, true, 3);
        while (ahead.hasNext()) {
            FileMetadata meta = ahead.next();
            seen.add(meta.index());
            if (meta.type() == FileType.REGULAR) {
                try (InputStream in = ahead.open(meta.path())) {
                    assertThat(readInSmallPieces(in)).as(meta.path().toString()).isEqualTo(Files.readAllBytes(meta.path()));
                }
            }
        }
        awaitStopped(ahead);
        assertThat(ahead.buffersHeld()).isZero();
        assertThat(seen).hasSize(expected.size()).containsExactlyElementsOf(expected);
    }

    @Test
    void givesBackTheBuffersOfFilesTheCutterSkips() throws Exception {
        int regular = 0;
        ReadAhead ahead = new ReadAhead(walker(), FileOpener.DEFAULT, true, 1);
        while (ahead.hasNext()) {
            if (ahead.next().type() == FileType.REGULAR) {
                regular++;
            }
        }
        awaitStopped(ahead);
        assertThat(ahead.buffersHeld()).isZero();
        // With one buffer, the walk gets past a file only once the cutter moved on from the one before.
        assertThat(regular).isEqualTo(307);
    }

    @Test
    void readsAFileToItsEndWhateverItsLstatSizeSaid() throws IOException {
        Path grown = Files.write(source.resolve("grown"), bytes(new Random(1), 2 * HEAD + 5));
        Path shrunk = Files.write(source.resolve("shrunk"), bytes(new Random(2), 10));
        MetadataReader reader = new MetadataReader();
        FileMetadata grownMeta = withSize(reader.read(grown, PathIndex.of("grown")).orElseThrow(), 10);
        FileMetadata shrunkMeta = withSize(reader.read(shrunk, PathIndex.of("shrunk")).orElseThrow(), 5 * HEAD);
        try (ReadAhead ahead = new ReadAhead(List.of(grownMeta, shrunkMeta).iterator(), FileOpener.DEFAULT, true, 2)) {
            assertThat(ahead.next()).isSameAs(grownMeta);
            try (InputStream in = ahead.open(grown)) {
                assertThat(readInSmallPieces(in)).isEqualTo(Files.readAllBytes(grown));
            }
            assertThat(ahead.next()).isSameAs(shrunkMeta);
            try (InputStream in = ahead.open(shrunk)) {
                assertThat(readInSmallPieces(in)).isEqualTo(Files.readAllBytes(shrunk));
            }
            assertThat(ahead.hasNext()).isFalse();
        }
    }

    @Test
    void opensAgainOnTheCuttersThreadAFileWhoseReadAheadFailed() throws IOException {
        Path flaky = source.resolve("size-100");
        FileOpener failsOnReaderThreads = path -> {
            if (path.equals(flaky) && Thread.currentThread().getName().startsWith("camelback-read-")) {
                throw new IOException("disk hiccup");
            }
            return FileOpener.DEFAULT.open(path);
        };
        try (ReadAhead ahead = new ReadAhead(walker(), failsOnReaderThreads, true, 4)) {
            FileMetadata meta = advanceTo(ahead, flaky);
            try (InputStream in = ahead.open(meta.path())) {
                assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(flaky));
            }
        }
    }

    @Test
    void reportsAnUnreadableFileOnTheCuttersThread() throws IOException {
        Path locked = source.resolve("size-1");
        FileOpener denies = path -> {
            if (path.equals(locked)) {
                throw new AccessDeniedException(path.toString());
            }
            return FileOpener.DEFAULT.open(path);
        };
        try (ReadAhead ahead = new ReadAhead(walker(), denies, true, 4)) {
            FileMetadata meta = advanceTo(ahead, locked);
            assertThatThrownBy(() -> ahead.open(meta.path())).isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("size-1");
            assertThat(ahead.hasNext()).isTrue();
        }
    }

    @Test
    void passesAWalkFailureToTheCutterAfterTheEntriesBeforeIt() throws IOException {
        Iterator<FileMetadata> real = walker();
        List<FileMetadata> firstThree = List.of(real.next(), real.next(), real.next());
        Iterator<FileMetadata> failing = new Iterator<>() {
            int given;

            @Override
            public boolean hasNext() {
                if (given == 3) {
                    throw new UncheckedIOException(new IOException("directory went away"));
                }
                return true;
            }

            @Override
            public FileMetadata next() {
                return firstThree.get(given++);
            }
        };
        try (ReadAhead ahead = new ReadAhead(failing, FileOpener.DEFAULT, false)) {
            for (FileMetadata expected : firstThree) {
                assertThat(ahead.next()).isSameAs(expected);
            }
            assertThatThrownBy(ahead::hasNext).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("directory went away");
        }
    }

    @Test
    void closingEarlyStopsTheWalkAndClosesEveryFileItOpened() throws Exception {
        AtomicInteger open = new AtomicInteger();
        FileOpener counting = path -> {
            InputStream in = FileOpener.DEFAULT.open(path);
            open.incrementAndGet();
            return new FilterInputStream(in) {
                private boolean closed;

                @Override
                public void close() throws IOException {
                    if (!closed) {
                        closed = true;
                        open.decrementAndGet();
                    }
                    super.close();
                }
            };
        };
        ReadAhead ahead = new ReadAhead(walker(), counting, true, 8);
        FileMetadata big = advanceTo(ahead, source.resolve("size-" + (3 * HEAD + 17)));
        InputStream in = ahead.open(big.path());
        in.read(new byte[100]);
        ahead.next();
        ahead.close();
        in.close();
        awaitStopped(ahead);
        assertThat(open).hasValue(0);
        assertThat(ahead.buffersHeld()).isZero();
    }

    @Test
    void givesBackTheBuffersOfABatchWalkedAfterTheReadersStopped() throws Exception {
        FileMetadata big;
        try (ReadAhead walk = new ReadAhead(walker(), FileOpener.DEFAULT, false)) {
            big = advanceTo(walk, source.resolve("size-" + (3 * HEAD + 17)));
        }
        CountDownLatch walkWaiting = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // Four heads of HEAD bytes fill the first batch; the walk then stalls (as on a slow disk) until close() ran.
        Iterator<FileMetadata> stalling = new Iterator<>() {
            int given;

            @Override
            public boolean hasNext() {
                if (given == 4) {
                    walkWaiting.countDown();
                    awaitUninterruptibly(closed);
                }
                return given < 5;
            }

            @Override
            public FileMetadata next() {
                given++;
                return big;
            }
        };
        ReadAhead ahead = new ReadAhead(stalling, FileOpener.DEFAULT, true, 8);
        assertThat(ahead.hasNext()).isTrue();
        walkWaiting.await();
        ahead.close();
        closed.countDown();
        awaitStopped(ahead);
        assertThat(ahead.buffersHeld()).isZero();
    }

    /** Waits as a walker stuck in a system call would: an interrupt does not end it, but stays set afterwards. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes and waits for the threads, which give back what they still hold as they end; bounded by the timeout. */
    private static void awaitStopped(ReadAhead ahead) throws InterruptedException {
        ahead.close();
        while (!ahead.stopped()) {
            Thread.sleep(10);
        }
    }

    private Iterator<FileMetadata> walker() {
        return new TreeWalker(source, new MetadataReader(), new BackupStatistics(), spill, Selection.everything());
    }

    private static FileMetadata advanceTo(ReadAhead ahead, Path path) {
        while (ahead.hasNext()) {
            FileMetadata meta = ahead.next();
            if (meta.path().equals(path)) {
                return meta;
            }
        }
        throw new AssertionError(path + " was not walked");
    }

    private static List<PathIndex> indexes(Iterator<FileMetadata> walker) {
        List<PathIndex> result = new ArrayList<>();
        walker.forEachRemaining(meta -> result.add(meta.index()));
        return result;
    }

    /** Reads as the cutter does, but in odd-sized pieces, so the head and the rest meet mid-read. */
    private static byte[] readInSmallPieces(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] piece = new byte[7001];
        for (int n; (n = in.read(piece, 0, piece.length)) >= 0; ) {
            out.write(piece, 0, n);
        }
        return out.toByteArray();
    }

    private static FileMetadata withSize(FileMetadata m, long size) {
        return new FileMetadata(m.index(), m.path(), m.type(), m.mode(), m.uid(), m.gid(), m.uname(), m.gname(),
                m.mtime(), size, m.linkTarget(), m.devMajor(), m.devMinor());
    }

    private static byte[] bytes(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }
}
