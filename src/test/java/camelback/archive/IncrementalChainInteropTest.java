package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain of ours (full + four incrementals with every kind of change) restored by stock duplicity
 * at each time point, then continued by stock duplicity and restored again.
 */
class IncrementalChainInteropTest {
    private static final long MIB = 1 << 20;
    private static final long M0 = 1_600_000_000L;

    @TempDir
    Path temp;
    private Path src;
    private final Random random = new Random(42);

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private void write(String rel, byte[] data, long mtime) throws IOException {
        Path p = src.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, data);
        Files.setLastModifiedTime(p, FileTime.from(java.time.Instant.ofEpochSecond(mtime)));
    }

    private void append(String rel, byte[] data, long mtime) throws IOException {
        Path p = src.resolve(rel);
        Files.write(p, data, StandardOpenOption.APPEND);
        Files.setLastModifiedTime(p, FileTime.from(java.time.Instant.ofEpochSecond(mtime)));
    }

    private void deleteTree(String rel) throws IOException {
        try (Stream<Path> paths = Files.walk(src.resolve(rel))) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] lines(String prefix, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(prefix).append(' ').append(i).append(": some text that repeats with a number\n");
        }
        return text(s.toString());
    }

    private Map<String, String> restoreWithDuplicity(Path target, String time, String name) throws Exception {
        Path out = temp.resolve("restore-" + name);
        List<String> cmd = new ArrayList<>(List.of("duplicity", "restore", "--no-encryption", "--archive-dir",
                temp.resolve("cache-" + name).toString()));
        if (time != null) {
            cmd.addAll(List.of("-t", time));
        }
        cmd.addAll(List.of("file://" + target, out.toString()));
        Processes.ok(Map.of("HOME", temp.toString()), cmd.toArray(new String[0]));
        return TreeSnapshot.of(out);
    }

    @Test
    void stockDuplicityRestoresEveryTimePointOfOurChainAndContinuesIt() throws Exception {
        src = Files.createDirectories(temp.resolve("src"));
        String hostname = Processes.ok(null, "hostname").trim();
        BackupOptions options = new BackupOptions(src, src.toString(), hostname, MIB, temp.resolve("work"));
        ChainRun chain = new ChainRun(temp.resolve("target"), temp.resolve("plain"));
        Map<Long, Map<String, String>> states = new LinkedHashMap<>();
        long t0 = System.currentTimeMillis() / 1000 - 10_000;

        write("a.txt", lines("a", 100), M0);
        write("grow.bin", randomBytes(900_000), M0);
        // 2048-byte blocks; changed in place, then shifted, so both its delta and its new signature are checked by duplicity
        write("big.bin", randomBytes(8_500_000), M0);
        write("docs/x.txt", lines("x", 50), M0);
        write("docs/y.txt", lines("y", 5), M0);
        write("old/f1.txt", text("old one\n"), M0);
        write("old/sub/f2.txt", text("old two\n"), M0);
        write("mode.txt", text("mode changes only\n"), M0);
        write("mtime.txt", lines("m", 30), M0);
        write("rename-me.txt", lines("r", 20), M0);
        Files.createDirectories(src.resolve("empty-dir"));
        Files.createSymbolicLink(src.resolve("link"), Path.of("a.txt"));
        chain.full(options, t0);
        states.put(t0, TreeSnapshot.of(src));

        long m1 = M0 + 1000;
        append("a.txt", text("appended in inc 1\n"), m1);
        append("grow.bin", randomBytes(1_200_000), m1);
        deleteTree("old");
        Files.move(src.resolve("rename-me.txt"), src.resolve("renamed.txt"));
        write("newdir/n1.txt", text("new one\n"), m1);
        write("newdir/deep/n2.txt", lines("n", 10), m1);
        Files.setPosixFilePermissions(src.resolve("mode.txt"), PosixFilePermissions.fromString("rw-------"));
        Files.setLastModifiedTime(src.resolve("mtime.txt"), FileTime.from(java.time.Instant.ofEpochSecond(m1)));
        Files.delete(src.resolve("link"));
        Files.createSymbolicLink(src.resolve("link"), Path.of("docs/x.txt"));
        chain.incremental(options, t0 + 100);
        states.put(t0 + 100, TreeSnapshot.of(src));
        assertThat(chain.lastVolumes).as("grow.bin's delta crosses a volume boundary").hasSizeGreaterThan(1);
        assertThat(chain.lastStats.changedFiles()).isEqualTo(4);
        assertThat(chain.lastStats.deletedFiles()).isEqualTo(5);

        long m2 = M0 + 2000;
        byte[] x = Files.readAllBytes(src.resolve("docs/x.txt"));
        x[100] = '#';
        write("docs/x.txt", x, m2);
        Files.delete(src.resolve("renamed.txt"));
        write("renamed.txt/inside.txt", text("a file became a directory\n"), m2);
        deleteTree("newdir/deep");
        write("new-big.bin", randomBytes(200_000), m2);
        byte[] grow = Files.readAllBytes(src.resolve("grow.bin"));
        System.arraycopy(randomBytes(5000), 0, grow, 800_000, 5000);
        write("grow.bin", grow, m2);
        byte[] big = Files.readAllBytes(src.resolve("big.bin"));
        System.arraycopy(randomBytes(5000), 0, big, 4_000_000, 5000);
        write("big.bin", big, m2);
        chain.incremental(options, t0 + 200);
        states.put(t0 + 200, TreeSnapshot.of(src));
        assertThat(chain.lastStats.rawDeltaSize()).as("big.bin's delta copies all but the changed blocks")
                .isLessThan(500_000);

        chain.incremental(options, t0 + 300);
        states.put(t0 + 300, TreeSnapshot.of(src));
        assertThat(chain.lastStats.deltaEntries()).as("nothing changed").isZero();

        long m3 = M0 + 3000;
        write("a.txt", text("truncated\n"), m3);
        // 777 bytes in front: the delta finds the blocks off the boundaries, so the new signature hashes every block
        // itself instead of taking the basis's sums
        big = Files.readAllBytes(src.resolve("big.bin"));
        byte[] shifted = new byte[big.length + 777];
        System.arraycopy(big, 0, shifted, 777, big.length);
        write("big.bin", shifted, m3);
        Processes.ok(null, "mkfifo", src.resolve("docs/fifo").toString());
        Files.setPosixFilePermissions(src.resolve("docs"), PosixFilePermissions.fromString("rwx------"));
        chain.incremental(options, t0 + 400);
        states.put(t0 + 400, TreeSnapshot.of(src));

        for (Map.Entry<Long, Map<String, String>> e : states.entrySet()) {
            assertThat(restoreWithDuplicity(chain.target, Long.toString(e.getKey()), "t" + e.getKey()))
                    .as("restore at %d", e.getKey()).isEqualTo(e.getValue());
        }

        append("a.txt", text("duplicity was here\n"), M0 + 4000);
        append("big.bin", text("duplicity's delta of this needs our signature of it\n"), M0 + 4000);
        write("by-duplicity.txt", text("added before duplicity's increment\n"), M0 + 4000);
        Processes.ok(Map.of("HOME", temp.toString()), "duplicity", "incremental", "--no-encryption", "--archive-dir",
                temp.resolve("dup-cache").toString(), src.toString(), "file://" + chain.target);
        String prefix = "duplicity-inc." + BackupTime.format(t0 + 400) + ".to.";
        try (Stream<Path> files = Files.list(chain.target)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("duplicity appended an incremental to our chain").anyMatch(n -> n.startsWith(prefix) && n.endsWith(".manifest"));
        }
        long duplicityVolumes;
        try (Stream<Path> files = Files.list(chain.target)) {
            duplicityVolumes = files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().contains(".difftar")).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(duplicityVolumes).as("duplicity's delta of big.bin matched our signature's blocks").isLessThan(500_000);
        assertThat(restoreWithDuplicity(chain.target, null, "now")).isEqualTo(TreeSnapshot.of(src));
        assertThat(restoreWithDuplicity(chain.target, Long.toString(t0 + 200), "again200")).isEqualTo(states.get(t0 + 200));
    }
}
