package camelback.camel;

import camelback.testing.GpgHome;
import camelback.testing.Processes;
import camelback.testing.TreeAssertions;
import camelback.testing.Vectors;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Interop, live: stock duplicity restores full backups our routes wrote, and gpg opens every file. */
class DuplicityRestoresOurBackupsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"none", "passphrase", "public-key", "public-key+crypto-pgp", "public-key+level-1"})
    void stockDuplicityRestoresOurFullBackup(String mode) throws Exception {
        String encryption = mode.replaceAll("\\+.*", "");
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        Files.write(source.resolve("big-compressible.txt"), "line of text that compresses well\n".repeat(60_000).getBytes());
        Path target = tmp.resolve("target");
        Path config = TestApp.config(tmp, """
                camelback.job.t.source=%s
                camelback.job.t.target=file://%s
                camelback.job.t.encryption=%s
                camelback.job.t.public-key=%s
                camelback.job.t.volsize=1
                camelback.job.t.archive-dir=%s
                camelback.job.t.crypto-pgp=%s
                camelback.job.t.compression=%d
                """.formatted(source, target, encryption, Vectors.publicKey(), tmp.resolve("cache"), mode.endsWith("+crypto-pgp"),
                mode.endsWith("+level-1") ? 1 : 5));
        try (TestApp t = new TestApp(config, Map.of("PASSPHRASE", Vectors.PASSPHRASE))) {
            Exchange result = t.app.backup("t", true);
            assertThat(CamelbackApp.outcome(result)).as("failure: %s", CamelbackApp.failure(result)).isEqualTo(Outcome.OK);
        }

        GpgHome gpg = new GpgHome(tmp);
        if (encryption.equals("public-key")) {
            gpg.importKey(Vectors.secretKey(), Vectors.PASSPHRASE);
        }
        if (!encryption.equals("none")) {
            try (Stream<Path> files = Files.list(target)) {
                for (Path f : files.toList()) {
                    assertThat(gpg.decrypt(f, Vectors.PASSPHRASE).expectSuccess().stdoutBytes()).as("gpg --decrypt %s", f.getFileName()).isNotEmpty();
                }
            }
        }
        Map<String, String> env = new HashMap<>(gpg.env());
        env.put("PASSPHRASE", Vectors.PASSPHRASE);
        Path restored = tmp.resolve("restored");
        List<String> cmd = new ArrayList<>(List.of("duplicity", "restore", "--archive-dir", tmp.resolve("dupcache").toString()));
        if (encryption.equals("none")) {
            cmd.add("--no-encryption");
        }
        cmd.addAll(List.of("file://" + target, restored.toString()));
        Processes.ok(null, env, cmd);
        TreeAssertions.assertSameTree(source, restored);
    }
}
