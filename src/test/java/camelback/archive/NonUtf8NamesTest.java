package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names that are not UTF-8 (a Latin-1 file, a directory of invalid bytes, a symlink to such a name, fifos, which are
 * made by a tool that takes names as text) keep their exact bytes through our backup and restore, stock duplicity's
 * restore of ours, and our restore of duplicity's. Two files' mtimes lie past 2262, where the JDK's
 * nanoseconds end, one of them with a name that is not UTF-8.
 */
class NonUtf8NamesTest {
    // The tree is made by the shell, so nothing of ours decides its names' bytes.
    private static final String MAKE_TREE = """
            mkdir -p "$1" && cd "$1" &&
            printf 'latin-1 name\\n' > "$(printf 'caf\\351.txt')" &&
            mkdir "$(printf 'dir-\\377\\376')" &&
            printf 'inner\\n' > "$(printf 'dir-\\377\\376/inner.txt')" &&
            ln -s "$(printf '../dir-\\377\\376/inner.txt')" "$(printf 'dir-\\377\\376/up-link')" &&
            ln -s "$(printf '/nowhere/\\351')" abs-link &&
            printf 'plain\\n' > plain.txt &&
            mkfifo "$(printf 'fifo-\\377')" "$(printf 'dir-\\377\\376/fifo')" &&
            find . -exec touch -h -d @1600000000 {} + &&
            touch -d @9999999999 plain.txt &&
            printf 'late\\n' > "$(printf 'late-\\351')" && touch -d @9999999999 "$(printf 'late-\\351')"
            """;

    @TempDir
    Path temp;
    private Path src;
    private Map<String, String> expected;

    @BeforeEach
    void makeTree() throws Exception {
        src = temp.resolve("src");
        Processes.ok(null, "bash", "-c", MAKE_TREE, "make-tree", src.toString());
        expected = TreeSnapshot.of(src);
        assertThat(expected).containsKeys("caf%E9.txt", "dir-%FF%FE/inner.txt")
                .containsEntry("dir-%FF%FE/up-link", "link -> ../dir-%FF%FE/inner.txt")
                .containsEntry("abs-link", "link -> /nowhere/%E9");
    }

    private ChainRun ourFull() throws Exception {
        return new ChainRun(temp.resolve("target"), temp.resolve("plain"))
                .full(new BackupOptions(src, null, null, 1 << 20, temp.resolve("work")), 1_700_000_000L);
    }

    private void duplicity(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "duplicity";
        System.arraycopy(args, 0, command, 1, args.length);
        Processes.ok(Map.of("HOME", temp.toString()), command);
    }

    @Test
    void ourRestoreWritesTheNamesBytes() throws Exception {
        ChainRun run = ourFull();
        Path dest = temp.resolve("out");
        RestoreResult result = new Restorer(new FolderArchiveSource(run.target, temp))
                .restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false, false));
        assertThat(result.errors()).isEmpty();
        assertThat(TreeSnapshot.of(dest)).isEqualTo(expected);
    }

    @Test
    void ourRestoreGivesANameThatIsNotUtf8ItsMtimePast2262() throws Exception {
        ChainRun run = ourFull();
        Path dest = temp.resolve("out");
        new Restorer(new FolderArchiveSource(run.target, temp)).restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false,
                false));
        assertThat(TreeSnapshot.of(dest).get("late-%E9")).isEqualTo(expected.get("late-%E9")).contains(" 9999999999 ");
    }

    @Test
    void listingGivesTheNamesBytes() throws Exception {
        ChainRun run = ourFull();
        List<byte[]> names = new ArrayList<>();
        new Lister(new FolderArchiveSource(run.target, temp)).list(Long.MAX_VALUE, p -> names.add(p.index().bytes()));
        assertThat(names).anySatisfy(n -> assertThat(n).isEqualTo(new byte[] {'c', 'a', 'f', (byte) 0xe9, '.', 't', 'x', 't'}));
    }

    @Test
    void stockDuplicityRestoresOurNamesExactly() throws Exception {
        ChainRun run = ourFull();
        Path dest = temp.resolve("dup-out");
        duplicity("restore", "--no-encryption", "--archive-dir", temp.resolve("cache").toString(), "file://" + run.target,
                dest.toString());
        assertThat(TreeSnapshot.of(dest)).isEqualTo(expected);
    }

    @Test
    void incrementalOfTheUnchangedTreeFindsNothingChanged() throws Exception {
        ChainRun run = ourFull().incremental(new BackupOptions(src, null, null, 1 << 20, temp.resolve("work2")),
                1_700_000_100L);
        assertThat(run.lastStats.changedFiles()).isZero();
        assertThat(run.lastStats.deletedFiles()).isZero();
        assertThat(run.lastStats.newFiles()).isZero();
        assertThat(run.lastStats.errors()).isZero();
    }

    @Test
    void ourRestoreOfDuplicitysBackupWritesTheNamesBytes() throws Exception {
        Path target = temp.resolve("dup-target");
        duplicity("full", "--no-encryption", "--archive-dir", temp.resolve("cache").toString(), src.toString(),
                "file://" + target);
        Path dest = temp.resolve("out");
        RestoreResult result = new Restorer(new FolderArchiveSource(target, temp))
                .restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false, false));
        assertThat(result.errors()).isEmpty();
        assertThat(TreeSnapshot.of(dest)).isEqualTo(expected);
    }
}
