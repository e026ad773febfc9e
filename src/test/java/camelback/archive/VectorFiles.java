package camelback.archive;

import camelback.testing.Processes;
import camelback.testing.Vectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The shared duplicity test vectors and small file helpers for them. */
final class VectorFiles {
    static final Path ROOT = Vectors.dir();
    static final Path A_TARGET = ROOT.resolve("a-noenc/target");
    static final Path B_TARGET = ROOT.resolve("b-symmetric/target");
    static final Path C_TARGET = ROOT.resolve("c-pubkey/target");
    static final Path SOURCE_V1 = ROOT.resolve("source-v1.tar");
    static final long T_FULL = 1609502400L;
    static final long T_INC = 1609588800L;
    static final String FULL = "duplicity-full.20210101T120000Z";
    static final String FULL_SIGS = "duplicity-full-signatures.20210101T120000Z.sigtar";

    private VectorFiles() {
    }

    static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    static Path gzip(Path plain, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(plain); OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            in.transferTo(out);
        }
        return target;
    }

    /** Extracts source-v1.tar into a new directory under {@code parent} with modes and mtimes (GNU tar). */
    static Path extractSourceV1(Path parent) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(parent.resolve("src"));
        Processes.ok(null, "tar", "-C", dir.toString(), "-xpf", SOURCE_V1.toString());
        return dir;
    }
}
