package camelback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetUrlTest {

    @Test
    void parsesAbsoluteFileUrl() {
        TargetUrl url = TargetUrl.parse("file:///var/backups/data");

        assertThat(url.scheme()).isEqualTo("file");
        assertThat(url.directory()).isEqualTo(Path.of("/var/backups/data"));
        assertThat(url.bucket()).isNull();
        assertThat(url.prefix()).isEmpty();
        assertThat(url).hasToString("file:///var/backups/data");
    }

    @Test
    void fileUrlDecodesEscapesAndKeepsSpaces() {
        assertThat(TargetUrl.parse("file:///srv/my%20backups/ünï").directory())
                .isEqualTo(Path.of("/srv/my backups/ünï"));
        assertThat(TargetUrl.parse("file:///srv/my backups").directory()).isEqualTo(Path.of("/srv/my backups"));
    }

    @Test
    void fileUrlIsNormalized() {
        assertThat(TargetUrl.parse("file:///srv/./a/../b/").directory()).isEqualTo(Path.of("/srv/b"));
        assertThat(TargetUrl.parse("file:/srv/b")).hasToString("file:///srv/b");
    }

    @ParameterizedTest
    @CsvSource({
        "s3://bucket/prefix,            bucket, prefix",
        "s3://bucket,                   bucket, ''",
        "s3://bucket/,                  bucket, ''",
        "s3://bucket/a/b/c/,            bucket, a/b/c",
        "s3+http://my.bucket/backups,   my.bucket, backups",
        "boto3+s3://my-bucket/x,        my-bucket, x",
        "S3://bucket/Mixed Case,        bucket, Mixed Case",
        "s3://bucket/with%2Fslash%25,   bucket, with/slash%",
    })
    void parsesS3Urls(String text, String bucket, String prefix) {
        TargetUrl url = TargetUrl.parse(text);

        assertThat(url.scheme()).isEqualTo("s3");
        assertThat(url.bucket()).isEqualTo(bucket);
        assertThat(url.prefix()).isEqualTo(prefix);
        assertThat(url.directory()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://bucket", "s3://bucket/a/b", "file:///tmp/x y", "file:///tmp/100%", "s3://b-1/50%off"})
    void canonicalFormParsesBackToTheSameTarget(String text) {
        TargetUrl url = TargetUrl.parse(text.replace("%", "%25"));

        assertThat(TargetUrl.parse(url.toString())).isEqualTo(url);
    }

    @Test
    void duplicityStyleUrlHasCanonicalS3Form() {
        assertThat(TargetUrl.parse("s3+http://bucket/prefix/")).hasToString("s3://bucket/prefix");
    }

    @Test
    void keyJoinsPrefixAndName() {
        assertThat(TargetUrl.parse("s3://b-1/backups/host").keyFor("duplicity-full.manifest.gpg"))
                .isEqualTo("backups/host/duplicity-full.manifest.gpg");
        assertThat(TargetUrl.parse("s3://b-1").keyFor("f")).isEqualTo("f");
    }

    @Test
    void keyRefusesPaths() {
        assertThatThrownBy(() -> TargetUrl.parse("s3://b-1/p").keyFor("../x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                              | empty",
        "/var/backups                    | no scheme",
        "ftp://host/path                 | unsupported scheme 'ftp'",
        "file://relative/path            | absolute",
        "file:relative                   | absolute",
        "s3://                           | no bucket",
        "s3:bucket/prefix                | s3://bucket/prefix",
        "s3://bucket//prefix             | empty segment",
        "s3://bu/prefix                  | not a valid S3 bucket name",
        "s3://bad_bucket!/prefix         | not a valid S3 bucket name",
        "s3://s3.amazonaws.com/bucket    | names a host",
        "s3://minio:9000/bucket          | names a host",
        "s3://bucket/bad%zzescape        | two hex digits",
        "s3://bucket/bad%2               | two hex digits",
    })
    void rejectsBadUrlsSayingWhy(String text, String message) {
        assertThatThrownBy(() -> TargetUrl.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void credentialsInUrlAreRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> TargetUrl.parse("s3://AKIAKEY:topsecret@bucket/prefix"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_ACCESS_KEY_ID")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void nullUrlIsRejected() {
        assertThatThrownBy(() -> TargetUrl.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void factoriesValidateLikeTheParser() {
        assertThatThrownBy(() -> TargetUrl.file(Path.of("relative"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetUrl.s3("bucket", "/lead")).isInstanceOf(IllegalArgumentException.class);
        assertThat(TargetUrl.s3("bucket", "a/b")).isEqualTo(TargetUrl.parse("s3://bucket/a/b/"));
    }
}
