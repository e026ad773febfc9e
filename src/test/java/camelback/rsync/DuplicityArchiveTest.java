package camelback.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signatures and deltas that duplicity itself stored in the a-noenc vector. */
class DuplicityArchiveTest {

    private static final byte[] HELLO_V1 = "Hello, world!\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HELLO_V2 = "Hello, world!\nAppended in v2.\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path scratch;

    @Test
    void signaturesEqualThoseInTheFullSigtar() throws IOException {
        Map<String, byte[]> sigtar = entries("duplicity-full-signatures.*.sigtar.gz");
        assertThat(InMemoryRsync.signature(HELLO_V1, 512)).isEqualTo(sigtar.get("signature/hello.txt"));
        assertThat(InMemoryRsync.signature(medium(false), 512)).isEqualTo(sigtar.get("signature/dir/medium.txt"));
        byte[] big = Sha256Stream.first("duplicity-test-big", 1_100_000);
        assertThat(InMemoryRsync.signature(big, SignatureFormat.blockLength(big.length)))
                .isEqualTo(sigtar.get("signature/big.bin"));
    }

    @Test
    void deltasEqualThoseInTheIncrementalVolumeAndPatchToVersionTwo() throws IOException {
        Map<String, byte[]> sigtar = entries("duplicity-full-signatures.*.sigtar.gz");
        Map<String, byte[]> volume = entries("duplicity-inc.*.vol1.difftar.gz");

        assertThat(InMemoryRsync.delta(sigtar.get("signature/hello.txt"), HELLO_V2)).isEqualTo(volume.get("diff/hello.txt"));
        assertThat(InMemoryRsync.patch(scratch, HELLO_V1, volume.get("diff/hello.txt"))).isEqualTo(HELLO_V2);

        byte[] delta = volume.get("diff/dir/medium.txt");
        assertThat(InMemoryRsync.delta(sigtar.get("signature/dir/medium.txt"), medium(true))).isEqualTo(delta);
        byte[] patched = InMemoryRsync.patch(scratch, medium(false), delta);
        assertThat(Sha256Stream.hex(patched)).isEqualTo("626efb4dafeabe7844921ec6069ce9b1c083ac4e8156fe496d86cdb6717297fb");
    }

    private static byte[] medium(boolean version2) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 1250; i++) {
            sb.append(version2 && i == 625 ? "line 00625: THIS LINE WAS CHANGED IN VERSION 2\n"
                    : String.format("line %05d: the quick brown fox jumps over the lazy dog\n", i));
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static Map<String, byte[]> entries(String glob) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(Vectors.A_NOENC, glob)) {
            Path archive = matches.iterator().next();
            try (InputStream raw = Files.newInputStream(archive);
                    TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    if (entry.isFile()) {
                        files.put(entry.getName(), tar.readAllBytes());
                    }
                }
            }
        }
        return files;
    }
}
