package camelback.camel;

import camelback.archive.RestoreOptions;
import camelback.archive.Restorer;
import camelback.crypto.KeyPairGenerator;
import camelback.crypto.SignatureException;
import camelback.job.Secrets;
import camelback.job.TargetAccess;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** .sign-key: every stored file is signed; restores check it and refuse a set signed by another key. */
class SignedBackupTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"passphrase", "public-key"})
    void signedSetsVerifyOnRestoreAndAForeignSignerIsRefused(String encryption) throws Exception {
        Path source = Vectors.extractSource(1, tmp.resolve("src"));
        Path target = tmp.resolve("target");
        Path config = TestApp.config(tmp, """
                camelback.job.s.source=%s
                camelback.job.s.target=file://%s
                camelback.job.s.encryption=%s
                camelback.job.s.public-key=%s
                camelback.job.s.secret-key=%s
                camelback.job.s.sign-key=%s
                camelback.job.s.archive-dir=%s
                """.formatted(source, target, encryption, Vectors.publicKey(), Vectors.secretKey(), Vectors.secretKey(),
                tmp.resolve("cache")));
        Map<String, String> env = Map.of("PASSPHRASE", Vectors.PASSPHRASE);
        try (TestApp t = new TestApp(config, env)) {
            Exchange result = t.app.backup("s", true);
            assertThat(CamelbackApp.outcome(result)).as("failure: %s", CamelbackApp.failure(result)).isEqualTo(Outcome.OK);

            GpgHome gpg = new GpgHome(tmp);
            gpg.importKey(Vectors.secretKey(), Vectors.PASSPHRASE);
            try (Stream<Path> files = Files.list(target)) {
                Path manifest = files.filter(p -> p.toString().endsWith(".manifest.gpg")).findFirst().orElseThrow();
                String out = Processes.ok(null, gpg.env(), List.of("gpg", "--batch", "--pinentry-mode", "loopback",
                        "--passphrase", Vectors.PASSPHRASE, "--status-fd", "1", "-o", "/dev/null", "--decrypt", manifest.toString()));
                assertThat(out).contains("GOODSIG 19A7EB8A9475DFBE");
            }

            Secrets secrets = Secrets.of(env, null);
            try (TargetAccess access = TargetAccess.open(t.jobs, "s", null, null, secrets)) {
                new Restorer(access.cached()).restore(new RestoreOptions(tmp.resolve("ok"), Long.MAX_VALUE, null, false, false));
                TreeAssertions.assertSameTree(source, tmp.resolve("ok"));
            }

            Path other = tmp.resolve("other.pub.asc");
            KeyPairGenerator.generate("other <other@example.org>", new char[0], other, tmp.resolve("other.sec.asc"));
            try (TargetAccess access = TargetAccess.open(t.jobs, "s", null, null, secrets,
                    new TargetAccess.Verification(other, false, false), null)) {
                assertThatThrownBy(() -> new Restorer(access.cached())
                        .restore(new RestoreOptions(tmp.resolve("refused"), Long.MAX_VALUE, null, false, false)))
                        .hasRootCauseInstanceOf(SignatureException.class)
                        .rootCause().hasMessageContaining("19A7EB8A9475DFBE".substring(8));
            }
            try (TargetAccess access = TargetAccess.open(t.jobs, "s", null, null, secrets,
                    new TargetAccess.Verification(other, true, false), null)) {
                new Restorer(access.cached()).restore(new RestoreOptions(tmp.resolve("skipped"), Long.MAX_VALUE, null, false, false));
                TreeAssertions.assertSameTree(source, tmp.resolve("skipped"));
            }
        }
    }
}
