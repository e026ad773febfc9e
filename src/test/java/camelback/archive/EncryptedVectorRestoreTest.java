package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.testing.GpgHome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restores vector (b)'s gpg full set (cut differently, tar end + junk after it) through a gpg decode hook. */
class EncryptedVectorRestoreTest {

    @TempDir
    Path temp;

    @Test
    void restoresVectorBFullSetThroughGpg() throws Exception {
        Path source = VectorFiles.extractSourceV1(temp);
        try (GpgHome home = GpgHome.withVectorKey(temp)) {
            Path dest = temp.resolve("out");
            RestoreResult result = new Restorer(new FolderArchiveSource(VectorFiles.B_TARGET, temp, home))
                    .restore(new RestoreOptions(dest, VectorFiles.T_FULL, null, false, false));
            assertThat(result.errors()).isEmpty();
            assertThat(TreeSnapshot.of(dest)).isEqualTo(TreeSnapshot.of(source));
        }
    }
}
