package camelback.job;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.crypto.CryptoException;
import camelback.testing.Vectors;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetAccessTest {
    @TempDir
    Path tmp;

    private void decodeWithoutPassphrase(String vector) throws Exception {
        Secrets noPassphrase = Secrets.of(Map.of(), null);
        JobConfigs none = JobConfigs.load(new Properties(), tmp, noPassphrase);
        Path target = Vectors.target(vector);
        String manifest = "duplicity-full." + Vectors.FULL_TIME + ".manifest.gpg";
        try (TargetAccess access = TargetAccess.open(none, "file://" + target, Vectors.secretKey(), null, noPassphrase);
                InputStream in = access.source().decode(manifest, Files.newInputStream(target.resolve(manifest)))) {
            in.readAllBytes();
        }
    }

    @Test
    void protectedSecretKeyWithoutPassphraseSaysThePassphraseIsMissingNotWrong() {
        assertThatThrownBy(() -> decodeWithoutPassphrase("c-pubkey"))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("no passphrase is configured")
                .hasMessageNotContaining("wrong passphrase");
    }

    @Test
    void passphraseSetWithOnlyASecretKeyConfiguredSaysThePassphraseIsMissingNotWrong() {
        assertThatThrownBy(() -> decodeWithoutPassphrase("b-symmetric"))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("no passphrase is configured")
                .hasMessageNotContaining("wrong passphrase");
    }
}
