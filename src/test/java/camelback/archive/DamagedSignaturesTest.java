package camelback.archive;

import camelback.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An incremental reads the chain's signature files to learn what the last set holds. If one of them is damaged, the
 * entries after the damage are unknown: the files there would be stored again as new, and a file deleted since would
 * never be marked deleted, so every restore of the new set would bring it back. The incremental must refuse instead.
 */
class DamagedSignaturesTest {
    private static final long T1 = 1_700_000_000L;

    @TempDir
    Path tmp;

    @Test
    void anIncrementalRefusesASignatureFileWithADamagedTarHeaderNamingIt() throws Exception {
        ChainRun chain = fullOfVectorOne();
        Path sigtar = chain.chainSignatures.get(0);
        byte[] tar = gunzip(sigtar);
        int header = headerOf(tar, "signature/hello.txt");
        tar[header + 12] ^= 1; // one bit of the name: the header's checksum no longer matches
        gzip(tar, sigtar);
        Files.delete(tmp.resolve("src/file with space.txt")); // a path the damaged part describes

        assertThatThrownBy(() -> chain.incremental(options(), T1 + 60))
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(causeOf(e)).isNotNull()
                        .hasMessageContaining(sigtar.toString()).hasMessageContaining("damaged tar header"));
    }

    @Test
    void anIncrementalRefusesASignatureFileWhoseGzipChecksumIsWrong() throws Exception {
        ChainRun chain = fullOfVectorOne();
        Path sigtar = chain.chainSignatures.get(0);
        byte[] gz = Files.readAllBytes(sigtar);
        gz[gz.length - 6] ^= 1; // the CRC-32 in the gzip trailer
        Files.write(sigtar, gz);

        assertThatThrownBy(() -> chain.incremental(options(), T1 + 60))
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(causeOf(e)).isNotNull()
                        .hasMessageContaining(sigtar.toString()));
    }

    private ChainRun fullOfVectorOne() throws Exception {
        Vectors.extractSource(1, tmp.resolve("src"));
        return new ChainRun(tmp.resolve("target"), tmp.resolve("plain")).full(options(), T1);
    }

    private BackupOptions options() {
        return new BackupOptions(tmp.resolve("src"), tmp.resolve("src").toString(), "host", 1 << 20, tmp.resolve("work"));
    }

    /** The DamagedSignaturesException somewhere in the chain of causes, or null. */
    private static Throwable causeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DamagedSignaturesException) {
                return t;
            }
        }
        return null;
    }

    private static int headerOf(byte[] tar, String name) {
        for (int off = 0; off + 512 <= tar.length; ) {
            String n = new String(tar, off, 100, StandardCharsets.UTF_8).replace("\0", "");
            if (n.isEmpty()) {
                break;
            }
            if (n.equals(name)) {
                return off;
            }
            long size = Long.parseLong(new String(tar, off + 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim(), 8);
            off += 512 + (int) ((size + 511) / 512 * 512);
        }
        throw new AssertionError(name + " not in the signature tar");
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            return in.readAllBytes();
        }
    }

    private static void gzip(byte[] data, Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        Files.write(file, bytes.toByteArray());
    }
}
