package camelback.job;

import camelback.store.S3ProxyServer;
import camelback.store.Store;
import camelback.store.UnfinishedUpload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which unfinished uploads cleanup may abort, through the store a job opens (retries, file prefixes, S3) against a
 * real S3 server. S3Proxy dates an upload when it is listed, which in these tests is within seconds of its start.
 */
class UnfinishedUploadsTest {
    private static final String VOLUME = "duplicity-full.20261127T100000Z.vol1.difftar.gpg";

    @RegisterExtension
    static S3ProxyServer s3 = new S3ProxyServer();

    private final String bucket = "uploads-" + UUID.randomUUID();

    private Store store(FilePrefixes prefixes) {
        s3.createBucket(bucket);
        return Targets.open("s3://" + bucket + "/host1", new JobConfig.S3Options(s3.endpoint().toString(), "us-east-1", null, true),
                Secrets.of(Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey()), null), prefixes);
    }

    /** One part stored and never completed, as a run killed while uploading a volume leaves it. */
    private String beginUpload(S3Client client, String key) {
        String id = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(id).partNumber(1), RequestBody.fromBytes(new byte[5 << 20]));
        return id;
    }

    private List<String> uploadIds(S3Client client) {
        return client.listMultipartUploads(b -> b.bucket(bucket)).uploads().stream().map(MultipartUpload::uploadId).toList();
    }

    @Test
    void anUploadBegunMoreThanADayAgoIsAbandonedAndAbortingItFreesIt() throws Exception {
        try (Store store = store(FilePrefixes.NONE); S3Client client = s3.newClient()) {
            String id = beginUpload(client, "host1/" + VOLUME);

            UnfinishedUploads aDayLater = UnfinishedUploads.on(store, Instant.now().plus(Duration.ofHours(25)));
            assertThat(aDayLater.recent()).isEmpty();
            assertThat(aDayLater.abandoned()).extracting(UnfinishedUpload::name, UnfinishedUpload::uploadId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(VOLUME, id));

            store.abort(aDayLater.abandoned().get(0));
            assertThat(uploadIds(client)).doesNotContain(id);
            assertThat(UnfinishedUploads.on(store, Instant.now().plus(Duration.ofHours(25))).abandoned()).isEmpty();
            // aborted meanwhile, say by a lifecycle rule or a second prune: nothing left to do, not an error
            store.abort(aDayLater.abandoned().get(0));
        }
    }

    @Test
    void anUploadBegunWithinTheDayIsLeftToTheBackupThatMayOwnIt() throws Exception {
        try (Store store = store(FilePrefixes.NONE); S3Client client = s3.newClient()) {
            String id = beginUpload(client, "host1/" + VOLUME);

            UnfinishedUploads anHourLater = UnfinishedUploads.on(store, Instant.now().plus(Duration.ofHours(1)));
            assertThat(anHourLater.abandoned()).isEmpty();
            assertThat(anHourLater.recent()).extracting(UnfinishedUpload::uploadId).containsExactly(id);
            assertThat(anHourLater.recent().get(0).initiated()).isBefore(Instant.now().plusSeconds(1));
        }
    }

    /** An operator who knows no backup is running can abort sooner ({@code prune --uploads-older-than}). */
    @Test
    void anUploadOlderThanAShorterAgeGivenIsAbandonedAtThatAge() throws Exception {
        try (Store store = store(FilePrefixes.NONE); S3Client client = s3.newClient()) {
            String id = beginUpload(client, "host1/" + VOLUME);

            Instant twoHoursLater = Instant.now().plus(Duration.ofHours(2));
            assertThat(UnfinishedUploads.on(store, twoHoursLater).abandoned()).isEmpty();
            UnfinishedUploads afterAnHour = UnfinishedUploads.on(store, twoHoursLater, Duration.ofHours(1));
            assertThat(afterAnHour.abandoned()).extracting(UnfinishedUpload::uploadId).containsExactly(id);
            assertThat(afterAnHour.recent()).isEmpty();
            assertThat(afterAnHour.age()).isEqualTo("1 h");
            assertThat(UnfinishedUploads.on(store, twoHoursLater, Duration.ofMinutes(150)).age()).isEqualTo("150 min");
        }
    }

    @Test
    void onlyTheJobsOwnBackupFilesCountNotOtherPrefixesFoldersOrTools() throws Exception {
        try (Store store = store(new FilePrefixes("db_", "", "", "")); S3Client client = s3.newClient()) {
            String mine = beginUpload(client, "host1/db_" + VOLUME);
            beginUpload(client, "host1/web_" + VOLUME);
            beginUpload(client, "host1/" + VOLUME);
            beginUpload(client, "host1/db_notes.txt");
            beginUpload(client, "host1/sub/db_" + VOLUME);
            beginUpload(client, "host1-neighbour/db_" + VOLUME);

            UnfinishedUploads found = UnfinishedUploads.on(store, Instant.now().plus(Duration.ofHours(25)));
            assertThat(found.abandoned()).extracting(UnfinishedUpload::name, UnfinishedUpload::uploadId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(VOLUME, mine));

            store.abort(found.abandoned().get(0));
            assertThat(uploadIds(client)).doesNotContain(mine).hasSize(5);
        }
    }
}
