package camelback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.store.FaultyS3Proxy;
import camelback.store.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --s3-read-timeout} on a command given a URL, where no job's {@code s3-read-timeout} applies: against S3Proxy
 * behind a proxy that never answers, a listing fails as the target's fault within a few of its seconds. The JUnit
 * timeout is what fails without the option: the default of 30 s, tried again, takes minutes.
 */
class S3ReadTimeoutOptionTest {
    @RegisterExtension
    static S3ProxyServer s3 = new S3ProxyServer();

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aCommandOnAURLWaitsForASilentS3OnlyAsLongAsItsOption() throws Exception {
        s3.createBucket("silent-url");
        Path secrets = Files.writeString(tmp.resolve("secrets"), "AWS_ACCESS_KEY_ID=" + s3.accessKey()
                + "\nAWS_SECRET_ACCESS_KEY=" + s3.secretKey() + "\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        Path config = Files.writeString(tmp.resolve("camelback.properties"), "camelback.secrets-file=" + secrets + "\n");
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.endpoint()).inject("GET", ".", FaultyS3Proxy.Fault.NO_ANSWER, 1000)) {
            int code = CamelbackCommand.execute("--config", config.toString(), "list", "s3://silent-url/host",
                    "--s3-endpoint", proxy.endpoint().toString(), "--s3-read-timeout", "1s");
            assertThat(code).isEqualTo(ExitCode.TARGET.code());
            assertThat(proxy.faulted()).as("requests the silent server took").isNotEmpty();
        }
    }

    @Test
    void aReadTimeoutOfNothingIsABadCommandLine() throws Exception {
        assertThat(CamelbackCommand.execute("list", "s3://silent-url/host", "--s3-read-timeout", "0s"))
                .isEqualTo(ExitCode.USAGE.code());
    }
}
