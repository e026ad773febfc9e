package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.testing.Processes;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Order, chunking, special files and small volumes, restored by us and by stock duplicity. */
class EdgeCaseTreeTest {
    private static final long VOLSIZE = 200 * 1024;
    private static final String LONG_NAME = "l".repeat(120) + ".txt";

    @TempDir
    static Path shared;
    static Path source;
    static BackupRun run;
    static Map<String, String> expected;

    @TempDir
    Path temp;

    @BeforeAll
    static void backUpTree() throws Exception {
        source = Files.createDirectories(shared.resolve("src"));
        Files.createDirectories(source.resolve("a/deeper/deepest"));
        Files.writeString(source.resolve("a/b"), "in a\n");
        Files.writeString(source.resolve("a/deeper/deepest/leaf"), "leaf\n");
        Files.writeString(source.resolve("a.txt"), "beside a\n");
        Files.writeString(source.resolve("Upper.txt"), "upper\n");
        Files.writeString(source.resolve("lower.txt"), "lower\n");
        Files.writeString(source.resolve("new\nline"), "odd name\n");
        Files.writeString(source.resolve(LONG_NAME), "long name\n");
        byte[] random = new byte[500_000];
        new Random(42).nextBytes(random);
        Files.write(source.resolve("random.bin"), random);
        Files.write(source.resolve("exact64k.bin"), java.util.Arrays.copyOf(random, 65536));
        Files.write(source.resolve("under64k.bin"), java.util.Arrays.copyOf(random, 65535));
        Files.createLink(source.resolve("hardlink.bin"), source.resolve("under64k.bin"));
        Files.writeString(source.resolve("private.txt"), "secret\n");
        Files.setPosixFilePermissions(source.resolve("private.txt"), PosixFilePermissions.fromString("rw-------"));
        Files.createDirectories(source.resolve("locked"));
        Files.setPosixFilePermissions(source.resolve("locked"), PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(source.resolve("dangling"), Path.of("does/not/exist"));
        Processes.ok(null, "mkfifo", source.resolve("pipe").toString());
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(source.resolve("sock")));
            setTimes(source, 1_600_000_000L);
            run = new BackupRun(shared).full(new BackupOptions(source, null, null, VOLSIZE, shared.resolve("work")),
                    1_700_000_000L, FileOpener.DEFAULT);
        }
        Files.deleteIfExists(source.resolve("sock"));
        setTimes(source, 1_600_000_000L);
        expected = TreeSnapshot.of(source);
    }

    private static void setTimes(Path root, long seconds) throws IOException, InterruptedException {
        List<Path> all;
        try (var paths = Files.walk(root)) {
            all = new ArrayList<>(paths.toList());
        }
        java.util.Collections.reverse(all);
        long t = seconds;
        for (Path p : all) {
            if (Files.isSymbolicLink(p) || p.getFileName().toString().equals("sock")) {
                continue;
            }
            if (p.getFileName().toString().equals("pipe")) {
                Processes.ok(null, "touch", "-m", "-d", "@" + t++, p.toString());
            } else {
                Files.setLastModifiedTime(p, FileTime.fromMillis(1000 * t++));
            }
        }
    }

    private static List<String> allEntries() throws IOException {
        List<String> entries = new ArrayList<>();
        for (int n = 1; n <= run.volumes.size(); n++) {
            entries.addAll(TarFormatTest.entries(run.plainVolume(n)));
        }
        return entries;
    }

    @Test
    void entriesFollowIndexOrderAndChunkRules() throws IOException {
        List<String> names = allEntries().stream().map(e -> e.replaceAll(" (-> .*|\\d+)$", "")).distinct().toList();
        assertThat(names).startsWith("snapshot/./", "snapshot/Upper.txt", "snapshot/a/", "snapshot/a/b", "snapshot/a/deeper/",
                "snapshot/a/deeper/deepest/", "snapshot/a/deeper/deepest/leaf", "snapshot/a.txt", "snapshot/dangling");
        assertThat(names).doesNotContain("snapshot/sock");
        List<String> entries = allEntries();
        assertThat(entries).containsSubsequence("multivol_snapshot/exact64k.bin/1 65536", "multivol_snapshot/exact64k.bin/2 0")
                .contains("snapshot/under64k.bin 65535", "snapshot/hardlink.bin 65535", "snapshot/pipe 0",
                        "snapshot/" + LONG_NAME + " 10", "snapshot/new\nline 9", "multivol_snapshot/random.bin/8 41248");
        assertThat(TarFormatTest.entries(run.plainSignatures())).contains("snapshot/pipe 0", "signature/hardlink.bin 1548")
                .doesNotContain("snapshot/sock");
    }

    @Test
    void volumesAreCutNearVolsize() throws IOException {
        assertThat(run.volumes.size()).isGreaterThanOrEqualTo(3);
        for (int n = 1; n < run.volumes.size(); n++) {
            long size = run.plainVolume(n).length;
            assertThat(size).isBetween(VOLSIZE - 2 * 65536, VOLSIZE + 65536 + 10240);
        }
        String manifest = new String(run.manifest(), StandardCharsets.UTF_8);
        assertThat(manifest).contains("EndingPath     random.bin ").contains("\"new\\x0aline\"")
                .contains("Filelist 12\n");
    }

    @Test
    void ourRestorerRestoresTheTree() throws IOException {
        Path dest = temp.resolve("out");
        RestoreResult result = new Restorer(new FolderArchiveSource(run.target, temp))
                .restore(new RestoreOptions(dest, Long.MAX_VALUE, null, false, false));
        assertThat(result.errors()).isEmpty();
        assertThat(TreeSnapshot.of(dest)).isEqualTo(expected);
        assertThat(Files.isSameFile(dest.resolve("hardlink.bin"), dest.resolve("under64k.bin"))).isFalse();
    }

    @Test
    void stockDuplicityRestoresTheTree() throws Exception {
        Path dest = temp.resolve("dup-out");
        Processes.ok(Map.of("HOME", temp.toString()), "duplicity", "restore", "--no-encryption",
                "--archive-dir", temp.resolve("cache").toString(), "file://" + run.target, dest.toString());
        assertThat(TreeSnapshot.of(dest)).isEqualTo(expected);
    }

    @Test
    void listerListsTheSignatures() throws IOException {
        List<ListedPath> listed = new ArrayList<>();
        new Lister(new FolderArchiveSource(run.target, temp)).list(Long.MAX_VALUE, listed::add);
        assertThat(listed).extracting(ListedPath::path).startsWith(".", "Upper.txt", "a", "a/b").contains("pipe", "new\nline")
                .doesNotContain("sock");
        assertThat(listed).filteredOn(p -> p.path().equals("pipe")).singleElement()
                .extracting(ListedPath::type).isEqualTo(FileType.FIFO);
        assertThat(listed).hasSize(expected.size());
    }
}
