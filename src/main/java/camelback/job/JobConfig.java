package camelback.job;

import camelback.archive.Selection;

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
        MailSettings mail,
        Steps steps,
        Retention retention,
        Signing signing,
        boolean camelCryptoPgp,
        FilePrefixes prefixes,
        SourceSelection select) {

    /**
     * Optional signing ({@code .sign-key}, an armored secret key; its passphrase from SIGN_PASSPHRASE,
     * else PASSPHRASE) and the public key restores verify against ({@code .verify-key}; defaults to
     * the public part of the sign key).
     */
    public record Signing(Path signKey, Path verifyKey) {
        public static final Signing NONE = new Signing(null, null);

        public Path verificationKeyFile() {
            return verifyKey != null ? verifyKey : signKey;
        }
    }

    /** Commands around the backup and the guard that decides whether it runs; each may be null. */
    public record Steps(StepSpec pre, StepSpec post, GuardSpec guard) {
        public static final Steps NONE = new Steps(null, null, null);
    }

    /** A built-in guard: {@code mongo-secondary} asks the MongoDB node at {@code uri}. */
    public record GuardSpec(String type, String uri, java.time.Duration timeout) {
        @Override
        public String toString() {
            return "GuardSpec[" + type + "]";
        }
    }

    /** Automatic retention after a successful run; null fields mean keep everything. */
    public record Retention(Integer keepFull, Integer keepIncOfFull) {
        public static final Retention NONE = new Retention(null, null);
    }

    /**
     * S3 connection options without the secret key (that comes from {@link Secrets}); {@code readTimeout}, how long a
     * read waits for S3's answer or a download's next bytes, null for the default.
     */
    public record S3Options(String endpoint, String region, String accessKeyId, boolean pathStyle,
                            java.time.Duration readTimeout) {
        /** The default read timeout. */
        public S3Options(String endpoint, String region, String accessKeyId, boolean pathStyle) {
            this(endpoint, region, accessKeyId, pathStyle, null);
        }

    }

    public JobConfig withS3(S3Options options) {
        return new JobConfig(name, enabled, source, localdir, target, encryption, publicKey, secretKey, generateKey,
                volsizeBytes, fullIfOlderThan, archiveDir, cron, compressionLevel, options, mail, steps, retention, signing, camelCryptoPgp,
                prefixes, select);
    }

    /** The same job with other file prefixes on the target (a read command's {@code --file-prefix} options). */
    public JobConfig withPrefixes(FilePrefixes other) {
        return new JobConfig(name, enabled, source, localdir, target, encryption, publicKey, secretKey, generateKey,
                volsizeBytes, fullIfOlderThan, archiveDir, cron, compressionLevel, s3, mail, steps, retention, signing, camelCryptoPgp,
                other, select);
    }

    /** The name a file of the archive has on the target: with the job's file prefixes. */
    public String storedName(String name) {
        return prefixes.stored(name);
    }

    /**
     * The paths of the source a backup takes, its filelist read now.
     *
     * @throws ConfigException for a selection that cannot be used (see {@link SourceSelection#build})
     */
    public Selection selection() {
        return select.build(source, ConfigKeys.JOB_PREFIX + name + ".");
    }

    public Optional<Path> secretKeyFile() {
        return Optional.ofNullable(secretKey);
    }
}
