package camelback.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.testing.GpgHome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real duplicity with {@code --sign-key}: we verify every file it stores. */
class DuplicitySignedBackupTest {
    private static final String PASSPHRASE = GpgHome.VECTOR_PASSPHRASE;
    private static final String VECTOR_KEY_ID = GpgHome.VECTOR_FINGERPRINT.substring(24);

    @TempDir
    static Path dir;

    static GpgHome gpg;

    @BeforeAll
    static void setUp() throws Exception {
        gpg = new GpgHome(dir);
        gpg.importKey(GpgHome.VECTOR_SECRET_KEY, PASSPHRASE);
    }

    @AfterAll
    static void stopGpg() throws Exception {
        gpg.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void verifiesEveryFileDuplicityWritesWithSignKey(boolean publicKey) throws Exception {
        String name = publicKey ? "pk" : "sym";
        Path source = Files.createDirectories(dir.resolve(name + "-src"));
        Files.write(source.resolve("data.bin"), TestData.bytes(300_000, 99));
        Path target = dir.resolve(name + "-target");
        List<String> command = new ArrayList<>(List.of("duplicity", "full", "--sign-key", VECTOR_KEY_ID,
                "--archive-dir", dir.resolve(name + "-archive").toString(), "--name", name,
                "--gpg-options", "--trust-model always"));
        if (publicKey) {
            command.addAll(List.of("--encrypt-key", GpgHome.VECTOR_FINGERPRINT));
        }
        command.addAll(List.of(source.toString(), "file://" + target));
        duplicity(command);

        Decryptor verifying = new Decryptor(PASSPHRASE.toCharArray(), KeyFiles.secretKeys(GpgHome.VECTOR_SECRET_KEY),
                KeyFiles.verificationKeys(GpgHome.VECTOR_PUBLIC_KEY), true);
        List<Path> files;
        try (Stream<Path> list = Files.list(target)) {
            files = list.sorted().toList();
        }
        assertThat(files).hasSize(3); // manifest, volume, signatures
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file); PlaintextStream plain = verifying.open(in)) {
                assertThat(plain.transferTo(java.io.OutputStream.nullOutputStream())).isPositive();
                assertThat(plain.signerKeyId()).as(file.toString()).contains(VECTOR_KEY_ID);
            }
        }
    }

    private static void duplicity(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GNUPGHOME", gpg.home().toString());
        builder.environment().put("PASSPHRASE", PASSPHRASE);
        builder.environment().put("SIGN_PASSPHRASE", PASSPHRASE);
        Path log = dir.resolve("duplicity.log");
        Process process = builder.redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("duplicity timed out");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("duplicity failed:\n" + Files.readString(log));
        }
    }
}
