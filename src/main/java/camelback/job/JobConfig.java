package camelback.job;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One backup job as configured under {@code camelback.job.NAME.*}. Paths are absolute (resolved
 * against the app home); secrets are not held here but looked up through {@link Secrets}.
 */
public record JobConfig(
        String name,
        boolean enabled,
        Path source,
        String localdir,
        String target,
        Encryption encryption,
        Path publicKey,
        Path secretKey,
        boolean generateKey,
        long volsizeBytes,
        String fullIfOlderThan,
        Path archiveDir,
        String cron,
        int compressionLevel,
        S3Options s3,
        MailSettings mail) {

    /** S3 connection options without the secret key (that comes from {@link Secrets}). */
    public record S3Options(String endpoint, String region, String accessKeyId, boolean pathStyle) {
    }

    public JobConfig withS3(S3Options options) {
        return new JobConfig(name, enabled, source, localdir, target, encryption, publicKey, secretKey, generateKey,
                volsizeBytes, fullIfOlderThan, archiveDir, cron, compressionLevel, options, mail);
    }

    public Optional<Path> secretKeyFile() {
        return Optional.ofNullable(secretKey);
    }
}
