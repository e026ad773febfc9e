package camelback.cli;

import camelback.store.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code status} shows, and {@code prune --cleanup} finds, the multipart upload a killed run left on S3 (listings do
 * not show it, S3 bills its parts), against a real S3 server (S3Proxy). One begun just now may be a running backup's:
 * even --force keeps it.
 */
class UnfinishedUploadsCommandsTest {
    private static final String BUCKET = "prune-uploads";
    private static final String VOLUME = "duplicity-full.20261127T100000Z.vol1.difftar.gpg";

    @RegisterExtension
    static S3ProxyServer s3 = new S3ProxyServer();

    @TempDir
    Path tmp;

    private Path config() throws Exception {
        s3.createBucket(BUCKET);
        Path secrets = Files.writeString(tmp.resolve("secrets"), "AWS_ACCESS_KEY_ID=" + s3.accessKey()
                + "\nAWS_SECRET_ACCESS_KEY=" + s3.secretKey() + "\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        return Files.writeString(tmp.resolve("camelback.properties"), """
                camelback.secrets-file=%s
                camelback.job.docs.source=%s
                camelback.job.docs.target=s3://%s/host1
                camelback.job.docs.encryption=none
                camelback.job.docs.archive-dir=%s
                camelback.job.docs.s3-endpoint=%s
                """.formatted(secrets, Files.createDirectories(tmp.resolve("src")), BUCKET, tmp.resolve("cache"), s3.endpoint()));
    }

    /** A volume's multipart upload with one part stored, never completed: what a run killed mid-upload leaves. */
    private static String beginUpload(S3Client client, String key) {
        String id = client.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        client.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(1), RequestBody.fromBytes(new byte[5 << 20]));
        return id;
    }

    private static List<String> uploadIds(S3Client client) {
        return client.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().stream().map(MultipartUpload::uploadId).toList();
    }

    @Test
    void cleanupNamesTheUnfinishedUploadAndWhenItBegan() throws Exception {
        Path config = config();
        try (S3Client client = s3.newClient()) {
            String id = beginUpload(client, "host1/" + VOLUME);
            LocalDate before = LocalDate.now(ZoneOffset.UTC);
            Printed prune = run("--config", config.toString(), "prune", "docs", "--cleanup");
            LocalDate after = LocalDate.now(ZoneOffset.UTC);
            assertThat(prune.code()).as(prune.out()).isZero();
            assertThat(prune.out()).contains(VOLUME).containsAnyOf("begun " + before, "begun " + after);
            assertThat(uploadIds(client)).contains(id);
            client.abortMultipartUpload(b -> b.bucket(BUCKET).key("host1/" + VOLUME).uploadId(id));
        }
    }

    @Test
    void statusShowsTheUnfinishedUploadOfAKilledRunAndHowToAbortIt() throws Exception {
        Path config = config();
        try (S3Client client = s3.newClient()) {
            Printed clean = run("--config", config.toString(), "status", "docs");
            assertThat(clean.code()).as(clean.out()).isZero();
            assertThat(clean.out()).doesNotContain("Unfinished uploads");

            String id = beginUpload(client, "host1/" + VOLUME);
            // another tool's upload beside ours is not camelback's to report
            String other = beginUpload(client, "host1/notes.txt");
            LocalDate before = LocalDate.now(ZoneOffset.UTC);
            Printed status = run("--config", config.toString(), "status", "docs");
            LocalDate after = LocalDate.now(ZoneOffset.UTC);
            assertThat(status.code()).as(status.out()).isZero();
            assertThat(status.out()).contains("Unfinished uploads: 1 ", "prune docs --cleanup --force", VOLUME)
                    .containsAnyOf("begun " + before, "begun " + after)
                    .doesNotContain("notes.txt");
            client.abortMultipartUpload(b -> b.bucket(BUCKET).key("host1/" + VOLUME).uploadId(id));
            client.abortMultipartUpload(b -> b.bucket(BUCKET).key("host1/notes.txt").uploadId(other));
        }
    }

    @Test
    void cleanupForceLeavesAnUploadBegunLessThanADayAgoAndSaysWhy() throws Exception {
        Path config = config();
        try (S3Client client = s3.newClient()) {
            String id = beginUpload(client, "host1/" + VOLUME);
            Printed prune = run("--config", config.toString(), "prune", "docs", "--cleanup", "--force");
            assertThat(prune.code()).as(prune.out()).isZero();
            assertThat(prune.out()).contains(VOLUME, "less than 24 h ago");
            assertThat(uploadIds(client)).as("a backup running elsewhere may still be writing it").contains(id);
            client.abortMultipartUpload(b -> b.bucket(BUCKET).key("host1/" + VOLUME).uploadId(id));
        }
    }

    /** S3Proxy dates an upload when it is listed, so here the option shows in where cleanup splits them. */
    @Test
    void cleanupSplitsTheUploadsAtTheAgeItIsGiven() throws Exception {
        Path config = config();
        try (S3Client client = s3.newClient()) {
            String id = beginUpload(client, "host1/" + VOLUME);
            Printed prune = run("--config", config.toString(), "prune", "docs", "--cleanup", "--force",
                    "--uploads-older-than", "90m");
            assertThat(prune.code()).as(prune.out()).isZero();
            assertThat(prune.out()).contains("Leaving 1 unfinished upload begun less than 90 min ago", VOLUME);
            assertThat(uploadIds(client)).contains(id);
            client.abortMultipartUpload(b -> b.bucket(BUCKET).key("host1/" + VOLUME).uploadId(id));
        }
    }

    @Test
    void anUploadAgeWithoutCleanupOrOfNothingIsABadCommandLine() throws Exception {
        Path config = config();
        assertThat(run("--config", config.toString(), "prune", "docs", "--uploads-older-than", "2h").code())
                .isEqualTo(ExitCode.USAGE.code());
        assertThat(run("--config", config.toString(), "prune", "docs", "--cleanup", "--uploads-older-than", "0s").code())
                .isEqualTo(ExitCode.USAGE.code());
        assertThat(run("--config", config.toString(), "prune", "docs", "--cleanup", "--uploads-older-than", "soon").code())
                .isEqualTo(ExitCode.USAGE.code());
    }

    private record Printed(int code, String out) {
    }

    /** The command in this JVM, with what it prints to stdout. */
    private static Printed run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = CamelbackCommand.execute(args);
            return new Printed(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
            System.out.print(out.toString(StandardCharsets.UTF_8));
        }
    }
}
