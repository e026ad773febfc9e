package camelback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.store.StoreException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads of S3Proxy through a proxy that keeps silent or sends slowly, with the read timeout at half a second: silence
 * fails the read as the target's, naming the endpoint, after a bounded number of tries; a download whose bytes keep
 * coming completes however long it takes. The JUnit timeouts only keep a regression from hanging the build (before
 * the bound, a silent server held a read for about 20 minutes).
 */
class S3ReadTimeoutTest {
    private static final Duration READ_TIMEOUT = Duration.ofMillis(500);

    @RegisterExtension
    static S3ProxyServer s3 = new S3ProxyServer();

    @TempDir
    Path tmp;

    private static Store storeThrough(FaultyS3Proxy proxy, String bucket) {
        S3Settings settings = S3Settings.forEndpoint(proxy.endpoint().toString(), s3.accessKey(), s3.secretKey())
                .withReadTimeout(READ_TIMEOUT);
        return Stores.open(TargetUrl.s3(bucket, "host"), settings);
    }

    /** A random file of {@code bytes} stored as {@code host/NAME} straight on the server; returns its content. */
    private static byte[] stored(String bucket, String name, int bytes) {
        s3.createBucket(bucket);
        byte[] content = new byte[bytes];
        new Random(bytes).nextBytes(content);
        try (S3Client client = s3.newClient()) {
            client.putObject(b -> b.bucket(bucket).key("host/" + name), RequestBody.fromBytes(content));
        }
        return content;
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aListingTheServerNeverAnswersFailsAsUnreachableNamingTheEndpoint() throws Exception {
        s3.createBucket("silent-list");
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.endpoint()).inject("GET", ".", FaultyS3Proxy.Fault.NO_ANSWER, 1000);
             Store store = storeThrough(proxy, "silent-list")) {
            assertThatThrownBy(store::list)
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
                    .hasMessageContaining("cannot list s3://silent-list/host")
                    .hasMessageContaining(proxy.endpoint().toString())
                    .hasMessageContaining("did not answer")
                    .hasMessageContaining("check the endpoint URL, the network");
            assertThat(proxy.faulted()).as("requests the silent server took: tried again, but not without end")
                    .isNotEmpty().hasSizeLessThanOrEqualTo(S3ClientFactory.READ_ATTEMPTS * Stores.S3_ATTEMPTS);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aDownloadThatStopsHalfwayWithTheConnectionOpenFailsNamingTheFileAndTheEndpoint() throws Exception {
        stored("stalled", "vol1", 1 << 20);
        Path destination = tmp.resolve("vol1.part");
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.endpoint())
                .inject("GET", "/vol1", FaultyS3Proxy.Fault.STALL_RESPONSE_BODY, 1000);
             Store store = storeThrough(proxy, "stalled")) {
            assertThatThrownBy(() -> store.get("vol1", destination))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("cannot download vol1 from s3://stalled/host")
                    .hasMessageContaining(proxy.endpoint().toString())
                    .hasMessageContaining("check the network");
            assertThat(proxy.faulted()).as("downloads the stalled server began").isNotEmpty()
                    .hasSizeLessThanOrEqualTo(S3ClientFactory.READ_ATTEMPTS * Stores.S3_ATTEMPTS);
        }
        assertThat(destination).as("no partial download presented as complete").doesNotExist();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aDownloadWhoseBytesKeepComingCompletesThoughItTakesLongerThanTheTimeouts() throws Exception {
        byte[] content = stored("slow-link", "vol1", 1 << 20);
        Path destination = tmp.resolve("vol1.part");
        try (FaultyS3Proxy proxy = new FaultyS3Proxy(s3.endpoint())
                .inject("GET", "/vol1", FaultyS3Proxy.Fault.TRICKLE_RESPONSE_BODY, 1000);
             Store store = storeThrough(proxy, "slow-link")) {
            store.get("vol1", destination);

            assertThat(proxy.faulted()).as("the body came slowly, and once").hasSize(1);
        }
        assertThat(Duration.ofMillis(FaultyS3Proxy.TRICKLE_PIECES * FaultyS3Proxy.TRICKLE_PAUSE_MILLIS))
                .as("the slow body takes longer than a request may wait for its answer, retries included")
                .isGreaterThan(S3ClientFactory.callTimeout(READ_TIMEOUT));
        assertThat(Files.readAllBytes(destination)).isEqualTo(content);
    }
}
