package camelback.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MatchedBlocksTest {
    private static final int BLOCK = 512;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"overwrite", "insert", "append", "truncate", "same"})
    void signatureFromMatchedBlocksIsByteIdenticalToAFreshOne(String change) throws IOException {
        Random random = new Random(change.hashCode());
        byte[] old = new byte[600_000];
        random.nextBytes(old);
        byte[] now = mutate(old, change, random);
        Signature basis = Signature.read(new ByteArrayInputStream(InMemoryRsync.signature(old, BLOCK)));

        MatchedBlocks matches = MatchedBlocks.forSignature(basis, BLOCK);
        ByteArrayOutputStream delta = new ByteArrayOutputStream();
        ByteArrayOutputStream signature = new ByteArrayOutputStream();
        DeltaBuilder deltaBuilder = new DeltaBuilder(basis, delta, matches);
        SignatureBuilder signatureBuilder = new SignatureBuilder(BLOCK, signature, matches);
        // Uneven pieces, delta first: block boundaries fall anywhere within them.
        for (int off = 0; off < now.length; ) {
            int n = Math.min(now.length - off, 1 + random.nextInt(70_000));
            deltaBuilder.update(now, off, n);
            signatureBuilder.update(now, off, n);
            off += n;
        }
        deltaBuilder.finish();
        signatureBuilder.finish();

        assertThat(signature.toByteArray()).isEqualTo(InMemoryRsync.signature(now, BLOCK));
        assertThat(InMemoryRsync.patch(tmp, old, delta.toByteArray())).isEqualTo(now);
        long wholeBlocksUnchanged = change.equals("insert") ? 100_000 / BLOCK : old.length / BLOCK - 40;
        assertThat(matches.taken()).isGreaterThan(wholeBlocksUnchanged - 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overwrite", "insert", "append", "truncate", "same"})
    void twoHalvesMadeApartJoinIntoOneDeltaAndTheWholeFilesSignature(String change) throws IOException {
        Random random = new Random(change.hashCode() + 1);
        byte[] old = new byte[600_000];
        random.nextBytes(old);
        byte[] now = mutate(old, change, random);
        Signature basis = Signature.read(new ByteArrayInputStream(InMemoryRsync.signature(old, BLOCK)));
        // At a block boundary of the new signature, as archive.DeltaTail splits a file.
        int split = now.length / 2 - now.length / 2 % BLOCK;

        MatchedBlocks headMatches = MatchedBlocks.forSignature(basis, BLOCK);
        MatchedBlocks tailMatches = MatchedBlocks.forSignature(basis, BLOCK);
        ByteArrayOutputStream delta = new ByteArrayOutputStream();
        ByteArrayOutputStream signature = new ByteArrayOutputStream();
        ByteArrayOutputStream tailDelta = new ByteArrayOutputStream();
        ByteArrayOutputStream tailSignature = new ByteArrayOutputStream();
        DeltaBuilder head = new DeltaBuilder(basis, delta, headMatches);
        SignatureBuilder headSignature = new SignatureBuilder(BLOCK, signature, headMatches);
        DeltaBuilder tail = DeltaBuilder.continuing(basis, tailDelta, tailMatches, split);
        SignatureBuilder tailSignatureBuilder = SignatureBuilder.continuing(BLOCK, tailSignature, tailMatches, split);
        for (int off = 0; off < split; ) {
            int n = Math.min(split - off, 1 + random.nextInt(70_000));
            head.update(now, off, n);
            headSignature.update(now, off, n);
            off += n;
        }
        for (int off = split; off < now.length; ) {
            int n = Math.min(now.length - off, 1 + random.nextInt(70_000));
            tail.update(now, off, n);
            tailSignatureBuilder.update(now, off, n);
            off += n;
        }
        head.finishPart();
        headSignature.finish();
        tail.finish();
        tailSignatureBuilder.finish();
        tailDelta.writeTo(delta);
        tailSignature.writeTo(signature);

        assertThat(signature.toByteArray()).isEqualTo(InMemoryRsync.signature(now, BLOCK));
        assertThat(InMemoryRsync.patch(tmp, old, delta.toByteArray())).isEqualTo(now);
        assertThat(headMatches.taken() + tailMatches.taken()).isGreaterThan(change.equals("insert") ? 0 : 500);
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 2048})
    void isNotOfferedWhenTheBlockLengthsDiffer(int newBlockLength) throws IOException {
        Signature basis = Signature.read(new ByteArrayInputStream(InMemoryRsync.signature(new byte[5000], BLOCK)));
        assertThat(MatchedBlocks.forSignature(basis, newBlockLength)).isNull();
        assertThat(MatchedBlocks.forSignature(basis, BLOCK)).isNotNull();
    }

    private static byte[] mutate(byte[] old, String change, Random random) {
        byte[] now;
        switch (change) {
            case "overwrite" -> {
                now = old.clone();
                byte[] patch = new byte[20_000];
                random.nextBytes(patch);
                System.arraycopy(patch, 0, now, 300_000, patch.length);
            }
            case "insert" -> {
                now = new byte[old.length + 777];
                System.arraycopy(old, 0, now, 0, 100_000);
                System.arraycopy(old, 100_000, now, 100_777, old.length - 100_000);
            }
            case "append" -> now = Arrays.copyOf(old, old.length + 3000);
            case "truncate" -> now = Arrays.copyOf(old, old.length - 12_345);
            default -> now = old.clone();
        }
        return now;
    }
}
