package camelback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.store.StoreException.Reason;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class S3StoreTest extends StoreContract {

    private static final String BUCKET = "camelback-test";
    private static final long MIB = 1024L * 1024L;

    @RegisterExtension
    static final S3ProxyServer SERVER = new S3ProxyServer();

    private String prefix;

    @Override
    protected Store newStore() {
        SERVER.createBucket(BUCKET);
        prefix = "backups/" + UUID.randomUUID();
        // Small parts and list pages so the contract's larger files go up in parts and listings take pages.
        return new S3Store(SERVER.newClient(), BUCKET, prefix, 8 * MIB, 5 * MIB, 5);
    }

    @Override
    protected void putInSubFolder(String folder, String name, Path file) {
        try (S3Client client = SERVER.newClient()) {
            client.putObject(b -> b.bucket(BUCKET).key(prefix + "/" + folder + "/" + name), RequestBody.fromFile(file));
        }
    }

    @Test
    void describesItselfAsS3Url() {
        assertThat(store.describe()).isEqualTo("s3://" + BUCKET + "/" + prefix);
    }

    @Test
    void listIgnoresNeighbouringPrefixesAndFolderMarkers() throws Exception {
        try (S3Client client = SERVER.newClient()) {
            client.putObject(b -> b.bucket(BUCKET).key(prefix + "-neighbour/f"), RequestBody.fromString("n"));
            client.putObject(b -> b.bucket(BUCKET).key(prefix + "/"), RequestBody.empty());
        }
        store.put("mine", text("m"));

        assertThat(store.list()).containsExactly("mine");
    }

    @Test
    void storeWithoutPrefixUsesBucketRoot() throws Exception {
        String bucket = "root-" + UUID.randomUUID();
        SERVER.createBucket(bucket);
        try (Store root = new S3Store(SERVER.newClient(), bucket, "");
             S3Client client = SERVER.newClient()) {
            root.put("top", text("t"));
            client.putObject(b -> b.bucket(bucket).key("dir/nested"), RequestBody.fromString("n"));

            assertThat(root.describe()).isEqualTo("s3://" + bucket);
            assertThat(root.list()).containsExactly("top");
            assertThat(client.headObject(b -> b.bucket(bucket).key("top")).contentLength()).isEqualTo(1);
        }
    }

    @Test
    void largeFileGoesUpInPartsAndLeavesNoUnfinishedUpload() throws Exception {
        Path source = tmp.resolve("twelve");
        String written = writeRandom(source, 12 * MIB);
        List<String> calls = new CopyOnWriteArrayList<>();

        try (Store recorded = new S3Store(RecordingS3Client.wrap(SERVER.newClient(), calls), BUCKET, prefix,
                8 * MIB, 5 * MIB)) {
            recorded.put("twelve.difftar.gpg", source);
        }

        assertThat(calls).containsExactly("createMultipartUpload", "uploadPart", "uploadPart", "uploadPart",
                "completeMultipartUpload", "close");
        try (S3Client client = SERVER.newClient()) {
            assertThat(client.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
        }
        assertThat(sha256(store.open("twelve.difftar.gpg"))).isEqualTo(written);
    }

    @Test
    void fileUpToTheThresholdGoesUpInOneRequest() throws Exception {
        Path source = tmp.resolve("eight");
        String written = writeRandom(source, 8 * MIB);
        List<String> calls = new CopyOnWriteArrayList<>();

        try (Store recorded = new S3Store(RecordingS3Client.wrap(SERVER.newClient(), calls), BUCKET, prefix,
                8 * MIB, 5 * MIB)) {
            recorded.put("eight", source);
        }

        assertThat(calls).containsExactly("putObject", "close");
        assertThat(sha256(store.open("eight"))).isEqualTo(written);
    }

    @Test
    void rejectedMultipartUploadIsAborted() throws Exception {
        Path source = tmp.resolve("three");
        writeRandom(source, 3 * MIB);
        List<String> calls = new CopyOnWriteArrayList<>();
        // Parts below S3's 5 MiB minimum: the server refuses to complete the upload.
        try (Store tooSmallParts = new S3Store(RecordingS3Client.wrap(SERVER.newClient(), calls), BUCKET, prefix,
                MIB, MIB, 1000);
             S3Client client = SERVER.newClient()) {
            assertThatThrownBy(() -> tooSmallParts.put("three", source))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("three")
                    .hasMessageContaining("EntityTooSmall");

            assertThat(calls).containsSubsequence("uploadPart", "completeMultipartUpload", "abortMultipartUpload");
            assertThat(client.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).isEmpty();
            assertThat(tooSmallParts.list()).doesNotContain("three");
        }
    }

    @Test
    void partSizeBelowS3MinimumIsRefused() {
        try (S3Client client = SERVER.newClient()) {
            assertThatThrownBy(() -> new S3Store(client, BUCKET, "p", MIB, MIB))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("5 MiB");
        }
    }

    @Test
    void missingBucketIsNotFoundNamingIt() throws Exception {
        try (Store missing = new S3Store(SERVER.newClient(), "no-such-bucket", "p")) {
            assertThatThrownBy(missing::list)
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                    .hasMessageContaining("no-such-bucket")
                    .hasMessageContaining("create it");
        }
    }

    @Test
    void serverDownIsUnreachableNamingTheEndpoint() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + closedPort;
        S3Settings settings = S3Settings.forEndpoint(endpoint, SERVER.accessKey(), SERVER.secretKey());

        try (Store down = new S3Store(S3ClientFactory.create(settings), BUCKET, "p")) {
            assertThatThrownBy(down::list)
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
                    .hasMessageContaining(endpoint)
                    .hasMessageContaining("check the endpoint");
        }
    }

    @Test
    void wrongSecretKeyIsDenied() throws Exception {
        S3Settings wrong = S3Settings.forEndpoint(SERVER.endpoint().toString(), SERVER.accessKey(), "wrong-secret");

        try (Store denied = new S3Store(S3ClientFactory.create(wrong), BUCKET, prefix)) {
            assertThatThrownBy(() -> denied.put("f", text("x")))
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DENIED))
                    .hasMessageContaining("secret key")
                    .hasMessageNotContaining("wrong-secret");
            assertThatThrownBy(denied::list)
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DENIED));
        }
    }

    @Test
    void unknownAccessKeyIsDenied() throws Exception {
        S3Settings unknown = S3Settings.forEndpoint(SERVER.endpoint().toString(), "nobody", SERVER.secretKey());

        try (Store denied = new S3Store(S3ClientFactory.create(unknown), BUCKET, prefix)) {
            assertThatThrownBy(denied::list)
                    .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DENIED));
        }
    }

    @Test
    void storesOpensDuplicityStyleUrlWithRetries() throws Exception {
        try (Store opened = Stores.open("s3+http://" + BUCKET + "/" + prefix + "/", SERVER.settings())) {
            opened.put("via-stores", text("v"));

            assertThat(opened).isInstanceOf(RetryingStore.class);
            assertThat(opened.describe()).isEqualTo("s3://" + BUCKET + "/" + prefix);
            assertThat(store.list()).containsExactly("via-stores");
        }
    }

    @Test
    void factorySkipsOptionalChecksumsOnTheClientItself() {
        try (S3Client client = SERVER.newClient()) {
            assertThat(client.serviceClientConfiguration().requestChecksumCalculation())
                    .isEqualTo(RequestChecksumCalculation.WHEN_REQUIRED);
            assertThat(client.serviceClientConfiguration().responseChecksumValidation())
                    .isEqualTo(ResponseChecksumValidation.WHEN_REQUIRED);
            assertThat(client.serviceClientConfiguration().endpointOverride()).contains(SERVER.endpoint());
        }
    }
}
