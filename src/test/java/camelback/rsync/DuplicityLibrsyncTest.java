package camelback.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deltas compared with those of duplicity's own librsync binding, driven through its Python module. */
class DuplicityLibrsyncTest {

    private static final String SCRIPT = String.join("\n",
            "import sys",
            "from duplicity import librsync",
            "old, new, out, block = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])",
            "with open(old, 'rb') as f:",
            "    sig = librsync.SigFile(f, block).read()",
            "with open(new, 'rb') as f:",
            "    delta = librsync.DeltaFile(sig, f).read()",
            "with open(out, 'wb') as f:",
            "    f.write(delta)",
            "");

    @TempDir
    Path dir;

    @Test
    void emptyOldFileGivesTheSameLiteralCutsAsDuplicity() throws Exception {
        assertSameDeltaAsDuplicity(new byte[0], RollsumTest.randomBytes(200_000, 1));
    }

    @Test
    void editedFileGivesTheSameDeltaAsDuplicity() throws Exception {
        byte[] old = RollsumTest.randomBytes(300_000, 2);
        byte[] fresh = old.clone();
        System.arraycopy(RollsumTest.randomBytes(70_000, 3), 0, fresh, 100_000, 70_000);
        assertSameDeltaAsDuplicity(old, fresh);
    }

    @Test
    void largeFileWithLargerBlocksGivesTheSameDeltaAsDuplicity() throws Exception {
        byte[] old = RollsumTest.randomBytes(2_200_000, 4);
        byte[] fresh = new byte[old.length - 1234];
        System.arraycopy(old, 1234, fresh, 0, fresh.length);
        fresh[1_000_000] ^= 1;
        assertSameDeltaAsDuplicity(old, fresh);
    }

    private void assertSameDeltaAsDuplicity(byte[] old, byte[] fresh) throws IOException, InterruptedException {
        int blockLength = SignatureFormat.blockLength(old.length);
        Path script = Files.writeString(dir.resolve("delta.py"), SCRIPT);
        Path oldFile = Files.write(dir.resolve("old"), old);
        Path newFile = Files.write(dir.resolve("new"), fresh);
        Path out = dir.resolve("delta");
        Process p = new ProcessBuilder(duplicityPython(), script.toString(), oldFile.toString(), newFile.toString(),
                out.toString(), Integer.toString(blockLength)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();

        byte[] ours = InMemoryRsync.delta(InMemoryRsync.signature(old, blockLength), fresh);
        assertThat(ours).isEqualTo(Files.readAllBytes(out));
    }

    /** The interpreter named on the duplicity launcher's #! line, which is the one that has its modules. */
    private static String duplicityPython() throws IOException {
        for (String dirName : System.getenv("PATH").split(":")) {
            Path launcher = Path.of(dirName, "duplicity");
            if (Files.isRegularFile(launcher)) {
                try (BufferedReader r = Files.newBufferedReader(launcher, StandardCharsets.UTF_8)) {
                    String first = r.readLine();
                    if (first != null && first.startsWith("#!")) {
                        List<String> words = List.of(first.substring(2).trim().split("\\s+"));
                        return words.get(words.size() - 1).contains("python") ? words.get(words.size() - 1) : words.get(0);
                    }
                }
            }
        }
        throw new IllegalStateException("duplicity is not on PATH; it is needed to compare deltas with its own");
    }
}
