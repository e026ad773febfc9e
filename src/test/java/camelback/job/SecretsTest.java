package camelback.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsTest {
    @TempDir
    Path tmp;

    @Test
    void readsASecretsFileLikeDuplicitysAndTheEnvironmentWins() throws Exception {
        Path file = tmp.resolve("secrets");
        Files.writeString(file, "# duply-style\nexport PASSPHRASE='from file'\nAWS_SECRET_ACCESS_KEY=\"abc\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Secrets secrets = Secrets.of(Map.of("AWS_SECRET_ACCESS_KEY", "env"), file);
        assertThat(secrets.passphrase("any")).hasValueSatisfying(p -> assertThat(new String(p)).isEqualTo("from file"));
        assertThat(secrets.get("AWS_SECRET_ACCESS_KEY")).hasValue("env");
        assertThat(secrets.toString()).doesNotContain("from file", "env");
    }

    @Test
    void jobSpecificSecretsComeFirst() {
        Secrets secrets = Secrets.of(Map.of("PASSPHRASE", "global", "PASSPHRASE_MONGO_DB", "mongo"), null);
        assertThat(new String(secrets.passphrase("mongo-db").orElseThrow())).isEqualTo("mongo");
        assertThat(new String(secrets.passphrase("data").orElseThrow())).isEqualTo("global");
    }

    @Test
    void namesEverySecretAndItsJobVariantsButNotOtherVariables() {
        assertThat(List.of("PASSPHRASE", "PASSPHRASE_MONGODB", "SIGN_PASSPHRASE", "AWS_SECRET_ACCESS_KEY_DATA",
                "AWS_SESSION_TOKEN", "SMTP_PASSWORD", "MONGO_GUARD_URI")).allMatch(Secrets::isSecretName);
        assertThat(List.of("PATH", "HOME", "PASSPHRASE_", "CAMELBACK_JOB", "AWS_REGION")).noneMatch(Secrets::isSecretName);
    }

    @Test
    void refusesASecretsFileReadableByOthers() throws Exception {
        Path file = tmp.resolve("secrets");
        Files.writeString(file, "PASSPHRASE=x\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> Secrets.of(Map.of(), file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("chmod 600").hasMessageNotContaining("PASSPHRASE=x");
    }
}
