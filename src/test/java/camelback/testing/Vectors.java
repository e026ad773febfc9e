package camelback.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The duplicity-made vectors in ../shared/testdata/duplicity (read-only in CI). */
public final class Vectors {
    public static final String PASSPHRASE = "test-passphrase";
    public static final String FULL_TIME = "20210101T120000Z";

    private Vectors() {
    }

    public static Path dir() {
        Path dir = Path.of("..", "shared", "testdata", "duplicity").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("test vectors not found at " + dir);
        }
        return dir;
    }

    public static Path target(String vector) {
        return dir().resolve(vector).resolve("target");
    }

    public static Path publicKey() {
        return dir().resolve("c-pubkey").resolve("pubkey.asc");
    }

    public static Path secretKey() {
        return dir().resolve("c-pubkey").resolve("seckey.asc");
    }

    /** Extracts source-vN.tar with modes and mtimes into {@code into}. */
    public static Path extractSource(int version, Path into) throws IOException, InterruptedException {
        Files.createDirectories(into);
        Processes.ok(null, Map.of(), List.of("tar", "-xpf", dir().resolve("source-v" + version + ".tar").toString(),
                "-C", into.toString()));
        return into;
    }
}
