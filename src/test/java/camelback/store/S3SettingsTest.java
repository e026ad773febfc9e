package camelback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3SettingsTest {

    @Test
    void toStringNeverShowsTheSecret() {
        S3Settings settings = new S3Settings("http://127.0.0.1:9000", "eu-west-1", "AKIAEXAMPLE", "s3cr3t-value", false);

        assertThat(settings.toString()).doesNotContain("s3cr3t-value").contains("AKIAEXAMPLE", "eu-west-1", "***");
    }

    @Test
    void regionDefaultsToUsEast1() {
        assertThat(new S3Settings(null, null, null, null, false).region()).isEqualTo("us-east-1");
        assertThat(new S3Settings(null, " ", null, null, false).region()).isEqualTo("us-east-1");
        assertThat(S3Settings.defaults().region()).isEqualTo(S3Settings.DEFAULT_REGION);
    }

    @Test
    void pathStyleIsWhatTheSettingsSayEvenWithAnEndpoint() {
        assertThat(new S3Settings("http://minio:9000", null, null, null, true).usesPathStyle()).isTrue();
        assertThat(new S3Settings("https://store.example", null, null, null, false).usesPathStyle()).isFalse();
        assertThat(S3Settings.defaults().usesPathStyle()).isFalse();
        assertThat(new S3Settings(null, null, null, null, true).usesPathStyle()).isTrue();
    }

    @Test
    void keyIdWithoutSecretIsRefused() {
        assertThatThrownBy(() -> new S3Settings(null, null, "AKIAEXAMPLE", null, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a secret");
        assertThatThrownBy(() -> new S3Settings(null, null, null, "secret", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret,");
    }

    @Test
    void endpointMustBeAnHttpUrl() {
        assertThatThrownBy(() -> S3Settings.forEndpoint("127.0.0.1:9000", "a", "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://");
        assertThatThrownBy(() -> S3Settings.forEndpoint("ftp://host", "a", "b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
