package camelback.job;

import camelback.store.FaultyS3Proxy;
import camelback.store.S3ProxyServer;
import camelback.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Credentials from the secrets as they reach a real S3 server (S3Proxy, behind a proxy that shows the headers). */
class TargetsTest {
    @RegisterExtension
    static S3ProxyServer s3 = new S3ProxyServer();

    private static Store open(FaultyS3Proxy proxy, Map<String, String> environment, String configuredKeyId) {
        JobConfig.S3Options options = new JobConfig.S3Options(proxy.endpoint().toString(), null, configuredKeyId, true);
        return Targets.open("s3://credentials/host", options, Secrets.of(environment, null), FilePrefixes.NONE);
    }

    @Test
    void temporaryCredentialsFromTheEnvironmentSendTheirSessionToken() throws Exception {
        s3.createBucket("credentials");
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.endpoint());
             Store store = open(proxy, Map.of(Secrets.AWS_ACCESS_KEY_ID, s3.accessKey(),
                     Secrets.AWS_SECRET_ACCESS_KEY, s3.secretKey(), "AWS_SESSION_TOKEN", "session-token-of-an-sso-login"),
                     null)) {
            assertThat(store.list()).isEmpty();
            assertThat(proxy.requestHeads()).isNotEmpty()
                    .allSatisfy(head -> assertThat(head.toLowerCase()).contains("x-amz-security-token: session-token-of-an-sso-login"));
        }
    }

    @Test
    void aSessionTokenBesideTheJobsOwnKeyIdIsNotSent() throws Exception {
        s3.createBucket("credentials");
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.endpoint());
             Store store = open(proxy, Map.of(Secrets.AWS_SECRET_ACCESS_KEY, s3.secretKey(),
                     "AWS_SESSION_TOKEN", "token-of-another-identity"), s3.accessKey())) {
            assertThat(store.list()).isEmpty();
            assertThat(proxy.requestHeads()).isNotEmpty()
                    .noneSatisfy(head -> assertThat(head.toLowerCase()).contains("x-amz-security-token"));
        }
    }
}
