package camelback.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real gpg binary with a private GNUPGHOME, in batch mode with loopback pinentry. */
public final class GpgHome implements AutoCloseable {
    public static final Path VECTOR_PUBLIC_KEY = Vectors.publicKey();
    public static final Path VECTOR_SECRET_KEY = Vectors.secretKey();
    public static final String VECTOR_PASSPHRASE = Vectors.PASSPHRASE;
    public static final String VECTOR_FINGERPRINT = "F2203B861F99E106A8CE760D19A7EB8A9475DFBE";
    public static final String VECTOR_SUBKEY_ID = "8D6CA3B12D260BBA";

    private final Path home;

    /** One gpg run: exit code, standard output as a file, standard error as text. */
    public record Result(int exitCode, Path stdout, String stderr) {
        public String stdoutText() {
            try {
                return Files.readString(stdout, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public byte[] stdoutBytes() {
            try {
                return Files.readAllBytes(stdout);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Result expectSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("gpg failed with exit code " + exitCode + ":\n" + stderr);
            }
            return this;
        }
    }

    public GpgHome(Path dir) throws IOException {
        this.home = Files.createDirectories(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    }

    /** A home holding the vectors' secret key (vector c's), which also decrypts the passphrase vectors. */
    public static GpgHome withVectorKey(Path dir) throws IOException, InterruptedException {
        GpgHome gpg = new GpgHome(dir);
        gpg.importKey(VECTOR_SECRET_KEY, VECTOR_PASSPHRASE);
        return gpg;
    }

    /** The GNUPGHOME directory, for other tools that run gpg (duplicity). */
    public Path home() {
        return home;
    }

    /** The environment for running duplicity or gpg on this home. */
    public Map<String, String> env() {
        return Map.of("GNUPGHOME", home.toString(), "LC_ALL", "C.UTF-8", "LANG", "C.UTF-8");
    }

    public Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "gpg", "--homedir", home.toString(), "--batch", "--no-tty", "--pinentry-mode", "loopback"));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(home, "stdout", ".bin");
        Path stderr = Files.createTempFile(home, "stderr", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("gpg timed out: " + command);
        }
        return new Result(process.exitValue(), stdout, Files.readString(stderr, StandardCharsets.UTF_8));
    }

    public Result decrypt(Path file, String passphrase) throws IOException, InterruptedException {
        return run("--passphrase", passphrase, "--decrypt", file.toString());
    }

    /** Decrypts a stream with the vectors' passphrase; the plaintext is a temp file, deleted when the stream closes. */
    public InputStream decrypt(InputStream cipher) throws IOException {
        Path in = Files.createTempFile(home, "cipher", ".gpg");
        try (cipher) {
            Files.copy(cipher, in, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Result result = decrypt(in, VECTOR_PASSPHRASE).expectSuccess();
            return Files.newInputStream(result.stdout(), java.nio.file.StandardOpenOption.DELETE_ON_CLOSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while gpg decrypted", e);
        } finally {
            Files.deleteIfExists(in);
        }
    }

    public void importKey(Path keyFile, String passphrase) throws IOException, InterruptedException {
        run("--passphrase", passphrase, "--import", keyFile.toString()).expectSuccess();
    }

    public String listPackets(Path file, String passphrase) throws IOException, InterruptedException {
        Result result = run("--passphrase", passphrase, "--list-packets", file.toString());
        return result.stdoutText() + result.stderr();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor(30, TimeUnit.SECONDS);
    }
}
