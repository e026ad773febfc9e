package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore as root gives every file its archived owner and group: files of root as created, others changed to
 * the named or numeric ids, in a directory where both kinds follow each other.
 */
class OwnershipRestoreTest {
    @TempDir
    Path temp;

    @Test
    void restoresRootsFilesAndOthersFilesSideBySide() throws IOException {
        assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")),
                "only root can give files away");
        Path source = Files.createDirectories(temp.resolve("src"));
        file(source, "a-root.txt", 0, 0);
        file(source, "b-nobody.txt", 65534, 65534);
        file(source, "c-root.txt", 0, 0);
        file(source, "d-unnamed.txt", 4242, 4343);
        file(source, "e-mixed.txt", 0, 4343);
        ChainRun run = new ChainRun(temp.resolve("target"), temp.resolve("plain"))
                .full(new BackupOptions(source, null, null, 1 << 20, temp.resolve("work")), 1700000000L);

        Path dest = temp.resolve("dest");
        assertThat(new Restorer(new FolderArchiveSource(run.target, temp))
                .restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false, false)).errors()).isEmpty();

        assertThat(ids(dest.resolve("a-root.txt"))).isEqualTo("0:0");
        assertThat(ids(dest.resolve("b-nobody.txt"))).isEqualTo("65534:65534");
        assertThat(ids(dest.resolve("c-root.txt"))).isEqualTo("0:0");
        assertThat(ids(dest.resolve("d-unnamed.txt"))).isEqualTo("4242:4343");
        assertThat(ids(dest.resolve("e-mixed.txt"))).isEqualTo("0:4343");
    }

    private static void file(Path dir, String name, int uid, int gid) throws IOException {
        Path file = Files.writeString(dir.resolve(name), name);
        Files.setAttribute(file, "unix:uid", uid);
        Files.setAttribute(file, "unix:gid", gid);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1690000000000L));
    }

    private static String ids(Path file) throws IOException {
        return Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS) + ":"
                + Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    }
}
