package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restores whose volumes are fetched and decoded in the background: failures surface where the volume is read, nothing is left behind. */
class VolumePrefetchTest {
    private static final long MIB = 1 << 20;

    @TempDir
    static Path shared;
    static Path source;
    static BackupRun run;

    @TempDir
    Path temp;

    @BeforeAll
    static void backUpSourceV1() throws Exception {
        source = VectorFiles.extractSourceV1(shared);
        run = new BackupRun(shared).full(new BackupOptions(source, null, null, MIB, shared.resolve("work")),
                VectorFiles.T_FULL, FileOpener.DEFAULT);
    }

    /** The folder source with a hook on fetch and decode, per file name. */
    private static class FaultySource implements ArchiveSource {
        private final ArchiveSource inner;
        private final String failFetch;
        private final String failDecodeAfter;
        private final long failAt;

        FaultySource(ArchiveSource inner, String failFetch, String failDecodeAfter, long failAt) {
            this.inner = inner;
            this.failFetch = failFetch;
            this.failDecodeAfter = failDecodeAfter;
            this.failAt = failAt;
        }

        @Override
        public List<String> names() throws IOException {
            return inner.names();
        }

        @Override
        public Path fetch(String name) throws IOException {
            if (name.equals(failFetch)) {
                throw new IOException("the store lost " + name);
            }
            return inner.fetch(name);
        }

        @Override
        public InputStream decode(String name, InputStream stored) throws IOException {
            InputStream plain = inner.decode(name, stored);
            if (!name.equals(failDecodeAfter)) {
                return plain;
            }
            return new FilterInputStream(plain) {
                private long read;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (read >= failAt) {
                        throw new IOException("decoder broke at " + read);
                    }
                    int n = super.read(b, off, (int) Math.min(len, failAt - read));
                    read += Math.max(n, 0);
                    return n;
                }
            };
        }
    }

    private Path fetchDir() throws IOException {
        return Files.createDirectories(temp.resolve("fetched"));
    }

    private static List<String> restoreThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("camelback-restore-")).toList();
    }

    private static long filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void restoresAllVolumesAndLeavesNoTempFilesOrThreads() throws IOException {
        Path dest = temp.resolve("out");
        RestoreResult result = new Restorer(new FolderArchiveSource(run.target, fetchDir()))
                .restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false, false));
        assertThat(run.volumes).hasSizeGreaterThan(1);
        assertThat(result.errors()).isEmpty();
        assertThat(TreeSnapshot.of(dest)).isEqualTo(TreeSnapshot.of(source));
        assertThat(filesIn(fetchDir())).isZero();
        assertThat(restoreThreads()).isEmpty();
    }

    @Test
    void readsVolumesOfALocalTargetInPlaceAndLeavesThemThere() throws IOException {
        Path dest = temp.resolve("out");
        Path scratch = fetchDir();
        ArchiveSource folder = new FolderArchiveSource(run.target, scratch);
        ArchiveSource local = new FaultySource(folder, null, null, 0) {
            @Override
            public java.util.Optional<Path> inPlace(String name) {
                return java.util.Optional.of(run.target.resolve(name));
            }

            @Override
            public Path scratch() {
                return scratch;
            }

            @Override
            public Path fetch(String name) throws IOException {
                if (name.contains(".difftar")) {
                    throw new IOException("fetched " + name + " although it could be read in place");
                }
                return super.fetch(name);
            }
        };
        long storedBefore = filesIn(run.target);

        RestoreResult result = new Restorer(local).restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false, false));

        assertThat(result.errors()).isEmpty();
        assertThat(TreeSnapshot.of(dest)).isEqualTo(TreeSnapshot.of(source));
        assertThat(filesIn(run.target)).isEqualTo(storedBefore);
        assertThat(filesIn(scratch)).isZero();
    }

    @Test
    void anInPlaceVolumeSwappedForAnotherValidOneIsRefusedByItsHash() throws IOException {
        // vol2 replaced by a copy of vol1: it decodes cleanly, only the manifest's SHA-1 tells it is not vol2
        Path swapped = Files.createDirectories(temp.resolve("swapped"));
        for (String name : new FolderArchiveSource(run.target, fetchDir()).names()) {
            Files.copy(run.target.resolve(name), swapped.resolve(name));
        }
        String vol2 = run.setName.volume(2, ".gz");
        Files.copy(run.target.resolve(run.setName.volume(1, ".gz")), swapped.resolve(vol2),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ArchiveSource local = new FaultySource(new FolderArchiveSource(swapped, fetchDir()), null, null, 0) {
            @Override
            public java.util.Optional<Path> inPlace(String name) {
                return java.util.Optional.of(swapped.resolve(name));
            }
        };

        assertThatThrownBy(() -> new Restorer(local)
                .restore(new RestoreOptions(temp.resolve("out"), Long.MAX_VALUE, null, false, false)))
                .isInstanceOf(VolumeHashMismatchException.class).hasMessageContaining(vol2);
        assertThat(Files.readAllBytes(swapped.resolve(vol2)))
                .isEqualTo(Files.readAllBytes(run.target.resolve(run.setName.volume(1, ".gz"))));
        assertThat(restoreThreads()).isEmpty();
    }

    @Test
    void fetchFailureOfALaterVolumeSurfacesWhenItIsReached() throws IOException {
        String vol2 = run.setName.volume(2, ".gz");
        Path dest = temp.resolve("out");
        ArchiveSource faulty = new FaultySource(new FolderArchiveSource(run.target, fetchDir()), vol2, null, 0);
        assertThatThrownBy(() -> new Restorer(faulty).restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false, false)))
                .isInstanceOf(IOException.class).hasMessageEndingWith("the store lost " + vol2);
        assertThat(Files.readString(dest.resolve("README.txt"))).as("volume 1 was restored first").startsWith("This is a tiny");
        assertThat(filesIn(fetchDir())).isZero();
        assertThat(restoreThreads()).isEmpty();
    }

    @Test
    void decodeFailureIsRaisedAtItsPlaceInTheVolume() throws IOException {
        String vol1 = run.setName.volume(1, ".gz");
        ArchiveSource faulty = new FaultySource(new FolderArchiveSource(run.target, fetchDir()), null, vol1, 4096);
        assertThatThrownBy(() -> new Restorer(faulty).restore(
                new RestoreOptions(temp.resolve("o1"), Long.MAX_VALUE, null, false, false)))
                .isInstanceOf(VolumeReadException.class).hasMessage("Cannot read " + vol1 + ": decoder broke at 4096");
        RestoreResult skipped = new Restorer(faulty).restore(
                new RestoreOptions(temp.resolve("o2"), Long.MAX_VALUE, null, false, true));
        assertThat(skipped.errors()).singleElement().asString()
                .startsWith("Cannot read " + vol1 + ": decoder broke at 4096; paths from");
        assertThat(Files.readString(temp.resolve("o2/ünïcödé-名前.txt"))).as("volume 2 still restored")
                .isEqualTo(Files.readString(source.resolve("ünïcödé-名前.txt")));
        assertThat(filesIn(fetchDir())).isZero();
        assertThat(restoreThreads()).isEmpty();
    }

    /** Counts the plaintext decoded of one volume; can hide the volumes' hashes in the manifest. */
    private static final class CountingSource extends FaultySource {
        private final String volume;
        private final boolean hideHashes;
        private final java.util.concurrent.atomic.AtomicLong decoded = new java.util.concurrent.atomic.AtomicLong();

        CountingSource(ArchiveSource inner, String volume, boolean hideHashes) {
            super(inner, null, null, 0);
            this.volume = volume;
            this.hideHashes = hideHashes;
        }

        @Override
        public InputStream decode(String name, InputStream stored) throws IOException {
            InputStream plain = super.decode(name, stored);
            if (hideHashes && name.contains(".manifest")) {
                String manifest = new String(plain.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                return new java.io.ByteArrayInputStream(manifest.replaceAll("(?m)^\\s*Hash .*\\n", "")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            if (!name.equals(volume)) {
                return plain;
            }
            return new FilterInputStream(plain) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    decoded.addAndGet(Math.max(n, 0));
                    return n;
                }
            };
        }
    }

    private long plaintextLength(String volume) throws IOException {
        try (InputStream in = new FolderArchiveSource(run.target, fetchDir()).openPlain(volume)) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void singleFileRestoreStopsDecodingAVolumeWhoseHashMatchedOnceTheFileIsWritten() throws IOException {
        String vol1 = run.setName.volume(1, ".gz");
        CountingSource counting = new CountingSource(new FolderArchiveSource(run.target, fetchDir()), vol1, false);

        new Restorer(counting, 2, 4096).restore(new RestoreOptions(temp.resolve("one"), Long.MAX_VALUE, PathIndex.of("README.txt"), false, false));

        assertThat(Files.readString(temp.resolve("one"))).isEqualTo(Files.readString(source.resolve("README.txt")));
        assertThat(counting.decoded.get()).isLessThan(plaintextLength(vol1) / 2);
        assertThat(restoreThreads()).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Timeout(60) // the reader stops reading while the decoder must go on: a deadlock fails here
    void singleFileRestoreDecodesAVolumeWithoutHashToItsEndForItsChecks() throws IOException {
        String vol1 = run.setName.volume(1, ".gz");
        CountingSource counting = new CountingSource(new FolderArchiveSource(run.target, fetchDir()), vol1, true);

        RestoreResult result = new Restorer(counting, 2, 4096)
                .restore(new RestoreOptions(temp.resolve("one"), Long.MAX_VALUE, PathIndex.of("README.txt"), false, false));

        assertThat(result.errors()).isEmpty();
        assertThat(Files.readString(temp.resolve("one"))).isEqualTo(Files.readString(source.resolve("README.txt")));
        assertThat(counting.decoded.get()).isEqualTo(plaintextLength(vol1));
        assertThat(filesIn(fetchDir())).isZero();
    }

    @Test
    void singlePathRestoreFetchesOnlyItsVolume() throws IOException {
        FolderArchiveSource counting = new FolderArchiveSource(run.target, fetchDir());
        new Restorer(counting).restore(new RestoreOptions(temp.resolve("one"), Long.MAX_VALUE, PathIndex.of("README.txt"), false, false));
        assertThat(counting.volumeFetches()).isEqualTo(1);
        assertThat(filesIn(fetchDir())).isZero();
    }
}
