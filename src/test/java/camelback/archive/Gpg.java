package camelback.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Decrypts with the real gpg in a private home (vectors b and c; passphrase "test-passphrase"). */
final class Gpg {
    static final String PASSPHRASE = "test-passphrase";

    private Gpg() {
    }

    /** A fresh GNUPGHOME holding vector c's secret key. */
    static Path home(Path parent) throws IOException, InterruptedException {
        Path home = Files.createDirectories(parent.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Processes.run(Map.of("GNUPGHOME", home.toString()), "gpg", "--batch", "--pinentry-mode", "loopback",
                "--passphrase", PASSPHRASE, "--import", VectorFiles.ROOT.resolve("c-pubkey/seckey.asc").toString());
        return home;
    }

    static void stopAgent(Path home) throws IOException, InterruptedException {
        Processes.run(Map.of("GNUPGHOME", home.toString()), "gpgconf", "--kill", "gpg-agent");
    }

    static InputStream decrypt(Path home, InputStream cipher, Path temp) throws IOException {
        Path in = Files.createTempFile(temp, "gpg-in-", ".gpg");
        Path out = Files.createTempFile(temp, "gpg-out-", ".bin");
        try (OutputStream o = Files.newOutputStream(in)) {
            cipher.transferTo(o);
        }
        cipher.close();
        try {
            Processes.run(Map.of("GNUPGHOME", home.toString()), "gpg", "--batch", "--yes", "--pinentry-mode", "loopback",
                    "--passphrase", PASSPHRASE, "--output", out.toString(), "-d", in.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(in);
        }
        return Files.newInputStream(out, java.nio.file.StandardOpenOption.DELETE_ON_CLOSE);
    }
}
