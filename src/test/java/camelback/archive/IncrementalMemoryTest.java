package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An incremental over 20,000 files runs in a 64 MiB heap: the signature state is streamed, never loaded. */
class IncrementalMemoryTest {
    private static final int DIRS = 20;
    private static final int FILES_PER_DIR = 1000;

    @TempDir
    Path temp;

    @Test
    void incrementalOverTwentyThousandFilesRunsInSixtyFourMegabytes() throws Exception {
        Path src = Files.createDirectories(temp.resolve("src"));
        long m0 = 1_600_000_000L;
        for (int d = 0; d < DIRS; d++) {
            Path dir = Files.createDirectories(src.resolve("directory-with-a-longish-name-" + d));
            for (int f = 0; f < FILES_PER_DIR; f++) {
                Path p = dir.resolve("file-" + f + "-with-a-name-long-enough-to-cost-some-memory.txt");
                Files.writeString(p, "content of " + d + "/" + f + "\n");
                Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(m0)));
            }
        }
        ChainRun chain = new ChainRun(temp.resolve("target"), temp.resolve("plain"))
                .full(new BackupOptions(src, null, null, 1 << 20, temp.resolve("work")), 1_700_000_000L);
        int changed = 0;
        for (int d = 0; d < DIRS; d++) {
            for (int f = 0; f < FILES_PER_DIR; f += 100) {
                Path p = src.resolve("directory-with-a-longish-name-" + d)
                        .resolve("file-" + f + "-with-a-name-long-enough-to-cost-some-memory.txt");
                Files.writeString(p, "changed content of " + d + "/" + f + "\n");
                Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(m0 + 1)));
                changed++;
            }
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                SmallHeapIncrement.class.getName(), src.toString(), temp.resolve("child-work").toString(),
                "1700000000", "1700000100"));
        chain.chainSignatures.forEach(p -> cmd.add(p.toString()));
        String output = Processes.ok(null, cmd.toArray(new String[0]));
        assertThat(output).contains("volumes=1 sourceFiles=" + (DIRS * FILES_PER_DIR + DIRS + 1) + " changed=" + changed
                + " new=0 deleted=0 errors=0");
    }
}
