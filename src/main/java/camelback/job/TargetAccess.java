package camelback.job;

import camelback.archive.ArchiveDir;
import camelback.archive.ArchiveSource;
import camelback.archive.CachingArchiveSource;
import camelback.crypto.Decryptor;
import camelback.crypto.IntegrityException;
import camelback.crypto.KeyFiles;
import camelback.store.Store;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What a read command needs for {@code JOB|URL}: the store, a decryptor made on first use from
 * PASSPHRASE and the secret key, and a temp dir. A URL works without any job configured.
 */
public final class TargetAccess implements AutoCloseable {
    private final Store store;
    private final StoreArchiveSource source;
    private final ArchiveDir cache;
    private final Path tempDir;
    private final Supplier<Decryptor> decryptor;
    private CachingArchiveSource cached;

    private TargetAccess(Store store, StoreArchiveSource source, ArchiveDir cache, Path tempDir,
            Supplier<Decryptor> decryptor) {
        this.store = store;
        this.source = source;
        this.cache = cache;
        this.tempDir = tempDir;
        this.decryptor = decryptor;
    }

    /**
     * What a read checks: signatures against {@code verifyKey} (else the job's), unless skipped; the integrity
     * protection (MDC) of every encrypted file, unless {@code acceptMissingMdc} lets files written without one be read.
     */
    public record Verification(Path verifyKey, boolean skip, boolean acceptMissingMdc) {
        public static final Verification DEFAULT = new Verification(null, false, false);
    }

    public static TargetAccess open(JobConfigs jobs, String jobOrUrl, Path secretKeyOverride, String s3Endpoint,
                                    Secrets secrets) throws IOException {
        return open(jobs, jobOrUrl, secretKeyOverride, new S3Override(s3Endpoint, null), secrets, Verification.DEFAULT, null);
    }

    /**
     * A read command's S3 options in place of the job's (or of the defaults, for a URL); null for the job's.
     *
     * @param endpoint    {@code --s3-endpoint}
     * @param readTimeout {@code --s3-read-timeout}
     */
    public record S3Override(String endpoint, java.time.Duration readTimeout) {
        public static final S3Override NONE = new S3Override(null, null);

        JobConfig.S3Options applyTo(JobConfig.S3Options options) {
            return new JobConfig.S3Options(endpoint == null ? options.endpoint() : endpoint, options.region(),
                    options.accessKeyId(), options.pathStyle(), readTimeout == null ? options.readTimeout() : readTimeout);
        }
    }

    /**
     * {@code s3Override}: S3 options in place of the job's, null for none; {@code prefixes}: the file prefixes on the
     * target; null for the job's (none for a URL).
     */
    public static TargetAccess open(JobConfigs jobs, String jobOrUrl, Path secretKeyOverride, S3Override s3Override,
                                    Secrets secrets, Verification verification, FilePrefixes prefixes) throws IOException {
        boolean url = jobOrUrl.contains("://");
        JobConfig configured = url ? null : jobs.get(jobOrUrl);
        JobConfig job = configured == null || prefixes == null ? configured : configured.withPrefixes(prefixes);
        FilePrefixes onTarget = job != null ? job.prefixes() : prefixes != null ? prefixes : FilePrefixes.NONE;
        String name = url ? "url" : job.name();
        JobConfig.S3Options s3 = (s3Override == null ? S3Override.NONE : s3Override).applyTo(url ? new JobConfig.S3Options(null, "us-east-1", null, true) : job.s3());
        Store store = url ? Targets.open(jobOrUrl, s3, secrets, onTarget) : Targets.open(job.withS3(s3), secrets);
        // a configured secret key that is not on this host is normal for passphrase jobs; an explicit one must exist
        Path secretKey = secretKeyOverride != null ? secretKeyOverride
                : job == null || job.secretKey() == null || !Files.exists(job.secretKey()) ? null : job.secretKey();
        char[] passphrase = secrets.passphrase(name).orElse(null);
        Path tempDir = Files.createTempDirectory("camelback-restore-");
        Path verifyKey = verification.skip() ? null
                : verification.verifyKey() != null ? verification.verifyKey() : job == null ? null : job.signing().verificationKeyFile();
        // one decryptor for the whole command: loading the key and unlocking it once, not per file
        Supplier<Decryptor> decryptor = new Supplier<>() {
            private Decryptor made;
            private boolean done;

            @Override
            public synchronized Decryptor get() {
                if (!done) {
                    made = decryptor(passphrase, secretKey, verifyKey, verification.acceptMissingMdc());
                    done = true;
                }
                return made;
            }
        };
        StoreArchiveSource source = new StoreArchiveSource(store, decryptor, tempDir);
        Path cacheDir = job != null ? job.archiveDir() : JobConfigs.defaultArchiveDir(jobOrUrl, onTarget);
        return new TargetAccess(store, source, new ArchiveDir(cacheDir), tempDir, decryptor);
    }

    private static Decryptor decryptor(char[] passphrase, Path secretKey, Path verifyKey, boolean acceptMissingMdc) {
        try {
            PGPSecretKeyRingCollection keys = secretKey == null ? null : KeyFiles.secretKeys(secretKey);
            if (passphrase == null && keys == null) {
                return null;
            }
            // signed sets must verify; an unsigned or foreign-signed set is refused (skip with --skip-signature-check).
            // No PASSPHRASE stays null, so a protected key or a passphrase set says the passphrase is missing, not wrong.
            return new Decryptor(passphrase, keys,
                    verifyKey == null ? null : VerificationKeys.load(verifyKey), verifyKey != null, acceptMissingMdc);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The target itself: names and files, decoded on request. */
    public StoreArchiveSource source() {
        return source;
    }

    /**
     * The target through its archive dir, synced first (as duplicity does at the start of restore,
     * list and verify): manifests and signatures come from the cache, volumes from the target.
     */
    public ArchiveSource cached() throws IOException {
        if (cached == null) {
            prepareDecryption();
            cache.sync(source, e -> e instanceof IntegrityException);
            cached = new CachingArchiveSource(source, cache);
        }
        return cached;
    }

    /**
     * Loads and unlocks the secret key on a spare thread while the caller syncs and fetches, so the first volume
     * decoded does not wait for it (about 0.2 s with gpg's default S2K count). A failure here is ignored:
     * the decode that needs the key makes it again and reports it.
     */
    private void prepareDecryption() {
        Thread t = new Thread(() -> {
            try {
                Decryptor d = decryptor.get();
                if (d != null) {
                    d.prepare();
                }
            } catch (RuntimeException e) {
                // reported where a volume needs the key
            }
        }, "camelback-key-unlock");
        t.setDaemon(true);
        t.start();
    }

    /** What the archive dir holds now (not synced: status and prune need no decryption). */
    public java.util.List<String> cacheNames() throws IOException {
        return java.nio.file.Files.isDirectory(cache.dir()) ? cache.names() : java.util.List.of();
    }

    public Store store() {
        return store;
    }

    /** The archive dir this command uses (the job's, or the default one of the URL): where its lock lives. */
    public Path archiveDir() {
        return cache.dir();
    }

    @Override
    public void close() throws IOException {
        store.close();
        ScratchDir.deleteTree(tempDir);
    }
}
