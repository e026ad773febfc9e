package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.testing.GpgHome;
import camelback.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restores duplicity's vectors (a) and (b), full + incremental chains, at both backup times. */
class VectorRestoreTest {
    @TempDir
    static Path shared;
    static Map<String, String> v1;
    static Map<String, String> v2;
    static GpgHome gpg;

    @TempDir
    Path temp;

    @BeforeAll
    static void extractSources() throws Exception {
        v1 = TreeSnapshot.of(extract("source-v1.tar", shared.resolve("v1")));
        v2 = TreeSnapshot.of(extract("source-v2.tar", shared.resolve("v2")));
        gpg = new GpgHome(shared);
    }

    static Path extract(String tar, Path dir) throws Exception {
        Files.createDirectories(dir);
        Processes.ok(null, "tar", "-C", dir.toString(), "-xpf", VectorFiles.ROOT.resolve(tar).toString());
        return dir;
    }

    private RestoreResult restore(ArchiveSource source, Path dest, long time, String path) throws IOException {
        return new Restorer(source).restore(new RestoreOptions(dest, time, path == null ? null : PathIndex.of(path), false, false));
    }

    @Test
    void restoresVectorAAtTheFullBackupTime() throws IOException {
        Path dest = temp.resolve("out");
        RestoreResult result = restore(new FolderArchiveSource(VectorFiles.A_TARGET, temp), dest, VectorFiles.T_FULL, null);
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(TreeSnapshot.of(dest)).isEqualTo(v1);
    }

    @Test
    void restoresVectorALatestThroughTheIncrement() throws IOException {
        Path dest = temp.resolve("out");
        RestoreResult result = restore(new FolderArchiveSource(VectorFiles.A_TARGET, temp), dest, Long.MAX_VALUE, null);
        assertThat(result.errors()).isEmpty();
        assertThat(TreeSnapshot.of(dest)).isEqualTo(v2);
        assertThat(Files.exists(dest.resolve("big.bin"))).isFalse();
    }

    @Test
    void restoresEncryptedVectorBAtBothTimes() throws IOException {
        FolderArchiveSource source = new FolderArchiveSource(VectorFiles.B_TARGET, temp, gpg);
        restore(source, temp.resolve("t1"), VectorFiles.T_FULL, null);
        assertThat(TreeSnapshot.of(temp.resolve("t1"))).isEqualTo(v1);
        restore(source, temp.resolve("t2"), Long.MAX_VALUE, null);
        assertThat(TreeSnapshot.of(temp.resolve("t2"))).isEqualTo(v2);
    }

    @Test
    void restoresAPatchedFileAloneFromTheIncrement() throws IOException {
        FolderArchiveSource source = new FolderArchiveSource(VectorFiles.A_TARGET, temp);
        Path dest = temp.resolve("medium.txt");
        restore(source, dest, Long.MAX_VALUE, "dir/medium.txt");
        assertThat(TreeSnapshot.describe(dest)).isEqualTo(v2.get("dir/medium.txt"));
        assertThat(source.volumeFetches()).as("full vol2 and the inc volume").isEqualTo(2);
        assertThat(source.fetchCount(VectorFiles.FULL + ".vol1.difftar.gz")).isZero();
        try (var files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".camelback-restore-"));
        }
    }

    @Test
    void timeBeforeTheFirstBackupRestoresTheFullSetWithAWarning() throws IOException {
        Path dest = temp.resolve("early");
        RestoreResult result = restore(new FolderArchiveSource(VectorFiles.A_TARGET, temp), dest, 1000, null);
        assertThat(TreeSnapshot.of(dest)).isEqualTo(v1);
        assertThat(result.warnings()).singleElement().asString().contains("before the first backup", "20210101T120000Z");
    }

    @Test
    void pathDeletedAtTheTimeIsNotFound() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> restore(new FolderArchiveSource(VectorFiles.A_TARGET, temp),
                temp.resolve("x"), Long.MAX_VALUE, "big.bin"))
                .isInstanceOf(PathNotFoundException.class).hasMessageContaining("big.bin").hasMessageContaining("20210102T120000Z");
    }

    static Set<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return Set.copyOf(files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
