package camelback.rsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Live comparison with librsync's own rdiff, using duplicity's signature parameters. */
class RdiffInteropTest {

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        byte[] base = random(20_000, 1);
        add(cases, "insertion", base, splice(base, 7000, 0, random(333, 2)));
        add(cases, "deletion", base, splice(base, 3000, 1200, new byte[0]));
        add(cases, "append", base, concat(base, random(1000, 3)));
        add(cases, "truncation", base, slice(base, 0, 12_345));
        add(cases, "prefix removed", base, slice(base, 100, base.length));
        add(cases, "edits everywhere", base, scatterEdits(base, 4));
        add(cases, "empty old", new byte[0], random(5000, 5));
        add(cases, "empty new", base, new byte[0]);
        add(cases, "both empty", new byte[0], new byte[0]);
        add(cases, "long literal run", base, splice(base, 5000, 0, random(100_000, 6)));
        add(cases, "repeated blocks", new byte[8192], splice(new byte[8192], 1000, 3, "xyz".getBytes(StandardCharsets.US_ASCII)));
        add(cases, "text", lines(400, false), lines(400, true));
        // Blocks of zeros get their sums without hashing: mixed with blocks that are zero but for one byte at the
        // start, the middle or the end, and a run of zeros moved to an offset that is no multiple of the block.
        byte[] zeros = new byte[24 * 1024];
        zeros[3 * 1024] = 1;
        zeros[6 * 1024 + 511] = 2;
        zeros[9 * 1024 + 1023] = 3;
        System.arraycopy(random(2048, 12), 0, zeros, 12 * 1024, 2048);
        add(cases, "blocks of zeros among nearly zero ones", zeros,
                concat(splice(zeros, 1000, 0, new byte[5000]), slice(zeros, 0, 7777)));
        byte[] colliding = concat(DeltaBuilderTest.collidingBlock(true), DeltaBuilderTest.collidingBlock(false));
        add(cases, "weak-sum collision", colliding, concat(slice(colliding, 512, 1024), slice(colliding, 0, 512)));
        for (int size : new int[] {1, 511, 512, 513, 1023, 1024, 1025, 1536}) {
            byte[] old = random(size, size);
            add(cases, "size " + size + " unchanged", old, old);
            add(cases, "size " + size + " plus one", old, concat(old, new byte[] {42}));
            add(cases, "size " + size + " minus one", old, slice(old, 0, size - 1));
            add(cases, "size " + size + " first byte changed", old, splice(old, 0, 1, new byte[] {(byte) ~old[0]}));
        }
        byte[] big = random(2_100_000, 7);
        add(cases, "2.1 MB with 1024-byte blocks", big, scatterEdits(splice(big, 1_000_000, 5000, random(777, 8)), 9));
        byte[] bigger = random(4_300_000, 10);
        add(cases, "4.3 MB with 2048-byte blocks", bigger, concat(slice(bigger, 50, 4_000_000), random(3000, 11)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithRdiff(String name, byte[] old, byte[] fresh) throws IOException, InterruptedException {
        Path oldFile = write("old", old);
        Path newFile = write("new", fresh);
        int blockLength = SignatureFormat.blockLength(old.length);

        Path rdiffSig = dir.resolve("rdiff.sig");
        rdiff("-H", "md4", "-R", "rollsum", "-S", "8", "-b", Integer.toString(blockLength), "signature",
                oldFile.toString(), rdiffSig.toString());
        byte[] ourSig = InMemoryRsync.signature(old, blockLength);
        assertThat(ourSig).as("signature").isEqualTo(Files.readAllBytes(rdiffSig));

        byte[] ourDelta = InMemoryRsync.delta(Files.readAllBytes(rdiffSig), fresh);
        Path rdiffDelta = dir.resolve("rdiff.delta");
        rdiff("delta", rdiffSig.toString(), newFile.toString(), rdiffDelta.toString());
        if (old.length > 0) {
            // Against an empty signature librsync cuts literals at its caller's buffer size, which rdiff sets to
            // the block length and duplicity to 64 KiB; we follow duplicity (see DuplicityLibrsyncTest).
            assertThat(ourDelta).as("delta bytes").isEqualTo(Files.readAllBytes(rdiffDelta));
        }

        Path ourDeltaFile = write("our.delta", ourDelta);
        Path rdiffPatched = dir.resolve("rdiff-patched");
        rdiff("patch", oldFile.toString(), ourDeltaFile.toString(), rdiffPatched.toString());
        assertThat(Files.readAllBytes(rdiffPatched)).as("rdiff patch of our delta").isEqualTo(fresh);

        assertThat(InMemoryRsync.patch(dir, old, Files.readAllBytes(rdiffDelta))).as("our patch of rdiff's delta")
                .isEqualTo(fresh);
    }

    @Test
    void usesRdiffSignaturesWithFullLengthSumsAndOddBlockLengths() throws IOException, InterruptedException {
        byte[] old = random(50_000, 20);
        byte[] fresh = scatterEdits(old, 21);
        Path oldFile = write("old", old);
        Path newFile = write("new", fresh);
        Path sig = dir.resolve("sig");
        rdiff("-H", "md4", "-R", "rollsum", "-S", "16", "-b", "700", "signature", oldFile.toString(), sig.toString());
        Path rdiffDelta = dir.resolve("rdiff.delta");
        rdiff("delta", sig.toString(), newFile.toString(), rdiffDelta.toString());

        Signature loaded = Signature.read(new ByteArrayInputStream(Files.readAllBytes(sig)));
        assertThat(loaded.strongLength()).isEqualTo(16);
        assertThat(loaded.blockCount()).isEqualTo((50_000 + 699) / 700);
        assertThat(InMemoryRsync.delta(Files.readAllBytes(sig), fresh)).isEqualTo(Files.readAllBytes(rdiffDelta));
    }

    @Test
    void namesTheMagicOfRdiffsDefaultSignature() throws IOException, InterruptedException {
        Path oldFile = write("old", random(10_000, 22));
        Path sig = dir.resolve("sig");
        rdiff("signature", oldFile.toString(), sig.toString());
        assertThatThrownBy(() -> Signature.read(new ByteArrayInputStream(Files.readAllBytes(sig))))
                .isInstanceOf(SignatureFormatException.class)
                .hasMessageContaining("0x72730147").hasMessageContaining("BLAKE2 + RabinKarp");
    }

    private void rdiff(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("rdiff");
        command.add("--force");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("rdiff finished").isTrue();
        assertThat(p.exitValue()).as("rdiff %s: %s", command, output).isZero();
    }

    private Path write(String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name), data);
    }

    private static void add(List<Arguments> cases, String name, byte[] old, byte[] fresh) {
        cases.add(Arguments.of(name, old, fresh));
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] slice(byte[] b, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(b, from, out, 0, out.length);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return splice(a, a.length, 0, b);
    }

    /** Replaces {@code removed} bytes at {@code at} by {@code inserted}. */
    private static byte[] splice(byte[] b, int at, int removed, byte[] inserted) {
        byte[] out = new byte[b.length - removed + inserted.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(b, at + removed, out, at + inserted.length, b.length - at - removed);
        return out;
    }

    private static byte[] scatterEdits(byte[] b, long seed) {
        Random r = new Random(seed);
        byte[] out = b;
        for (int i = 0; i < 12; i++) {
            int at = r.nextInt(out.length);
            int removed = Math.min(r.nextInt(40), out.length - at);
            out = splice(out, at, removed, random(r.nextInt(60), r.nextLong()));
        }
        return out;
    }

    private static byte[] lines(int count, boolean edited) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(edited && i % 97 == 5 ? "edited line\n" : "line " + i + " of some ordinary text\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
