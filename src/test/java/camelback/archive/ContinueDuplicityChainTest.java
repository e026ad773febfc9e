package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.testing.Processes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our incremental on top of a chain stock duplicity wrote (full + incremental), restored and continued by duplicity. */
class ContinueDuplicityChainTest {
    private static final long M0 = 1_600_000_000L;

    @TempDir
    Path temp;
    private Path src;

    private void write(String rel, String content, long mtime) throws Exception {
        Path p = src.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(mtime)));
    }

    private void duplicity(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("duplicity"));
        cmd.addAll(List.of(args));
        Processes.ok(Map.of("HOME", temp.toString()), cmd.toArray(new String[0]));
    }

    private List<ArchiveFileName> names(Path target) throws Exception {
        try (Stream<Path> files = Files.list(target)) {
            return files.map(p -> ArchiveFileName.parse(p.getFileName().toString())).flatMap(Optional::stream).toList();
        }
    }

    /** The chain's signature files in chain order (full first, then by end time). */
    private List<Path> chainSignatures(Path target) throws Exception {
        return names(target).stream()
                .filter(n -> n.type() == ArchiveFileName.Type.FULL_SIGNATURES || n.type() == ArchiveFileName.Type.NEW_SIGNATURES)
                .sorted(Comparator.comparingLong(ArchiveFileName::endTime)).map(n -> target.resolve(n.name())).toList();
    }

    private long lastEnd(Path target) throws Exception {
        return names(target).stream().mapToLong(ArchiveFileName::endTime).max().orElseThrow();
    }

    private static void pauseASecond() throws InterruptedException {
        Thread.sleep(1100);
    }

    @Test
    void ourIncrementOnDuplicitysChainIsRestoredAndContinuedByDuplicity() throws Exception {
        src = Files.createDirectories(temp.resolve("src"));
        Path target = temp.resolve("target");
        String url = "file://" + target;
        String cache = temp.resolve("dup-cache").toString();
        Map<Long, Map<String, String>> states = new LinkedHashMap<>();

        write("keep.txt", "never changes\n", M0);
        write("change.txt", "version 1\n".repeat(500), M0);
        write("gone/a.txt", "deleted later\n", M0);
        write("d/b.txt", "b1\n", M0);
        duplicity("full", "--no-encryption", "--archive-dir", cache, "--name", "c", src.toString(), url);
        states.put(lastEnd(target), TreeSnapshot.of(src));

        pauseASecond();
        write("change.txt", "version 2\n".repeat(500), M0 + 1000);
        write("d/c.txt", "c by duplicity's incremental\n", M0 + 1000);
        duplicity("incremental", "--no-encryption", "--archive-dir", cache, "--name", "c", src.toString(), url);
        states.put(lastEnd(target), TreeSnapshot.of(src));

        pauseASecond();
        String body = Files.readString(src.resolve("change.txt"));
        write("change.txt", body.substring(0, 2000) + "edited by us\n" + body.substring(2000), M0 + 2000);
        Files.delete(src.resolve("gone/a.txt"));
        Files.delete(src.resolve("gone"));
        write("d/b.txt", "b3 by us\n", M0 + 2000);
        write("ours.txt", "new in our incremental\n", M0 + 2000);
        long start = lastEnd(target);
        long end = Math.max(System.currentTimeMillis() / 1000, start + 1);
        String hostname = Processes.ok(null, "hostname").trim();
        ChainRun ours = new ChainRun(target, temp.resolve("plain")).continuing(chainSignatures(target), start)
                .incremental(new BackupOptions(src, src.toString(), hostname, 1 << 20, temp.resolve("work")), end);
        states.put(end, TreeSnapshot.of(src));
        assertThat(ours.lastStats.changedFiles()).isEqualTo(2);
        assertThat(ours.lastStats.deletedFiles()).isEqualTo(2);
        assertThat(ours.lastStats.errors()).isZero();

        pauseASecond();
        write("d/c.txt", "c changed by duplicity after us\n", M0 + 3000);
        duplicity("incremental", "--no-encryption", "--archive-dir", cache, "--name", "c", src.toString(), url);
        long after = lastEnd(target);
        assertThat(after).as("duplicity appended to our set rather than starting a full").isGreaterThan(end);
        assertThat(names(target)).anyMatch(n -> n.type() == ArchiveFileName.Type.INC_MANIFEST && n.startTime() == end);
        states.put(after, TreeSnapshot.of(src));

        int i = 0;
        for (Map.Entry<Long, Map<String, String>> e : states.entrySet()) {
            Path out = temp.resolve("restore" + i);
            duplicity("restore", "--no-encryption", "--archive-dir", temp.resolve("restore-cache" + i++).toString(), "-t",
                    Long.toString(e.getKey()), url, out.toString());
            assertThat(TreeSnapshot.of(out)).as("restore at %d", e.getKey()).isEqualTo(e.getValue());
        }
    }
}
