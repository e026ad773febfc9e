package camelback.cli;

import camelback.job.TargetAccess;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** Options every read command shares (restore, list, status, verify). */
final class TargetOptions {
    @Option(names = "--secret-key", paramLabel = "FILE", description = "armored secret key for public-key sets (its passphrase from PASSPHRASE)")
    Path secretKey;

    @Option(names = "--verify-key", paramLabel = "FILE", description = "armored public key the sets must be signed with (default: the job's)")
    Path verifyKey;

    @Option(names = "--skip-signature-check", description = "read sets without checking their signatures")
    boolean skipSignatureCheck;

    @Option(names = "--ignore-mdc-error", description = "read files encrypted without integrity protection (MDC), "
            + "as gpg 1.x wrote them with 64-bit ciphers; tampering with them goes unnoticed (duplicity always reads them)")
    boolean ignoreMdcError;

    private TargetAccess.Verification verification() {
        return new TargetAccess.Verification(verifyKey, skipSignatureCheck, ignoreMdcError);
    }

    /** The job's target, or the URL given in its place, read with these options. */
    TargetAccess open(CamelbackCommand.Loaded loaded, String jobOrUrl) throws IOException {
        return TargetAccess.open(loaded.jobs(), jobOrUrl, secretKey, new TargetAccess.S3Override(s3Endpoint, readTimeout()),
                loaded.secrets(), verification(), prefixes());
    }

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "endpoint of an S3-compatible store")
    String s3Endpoint;

    @Option(names = "--s3-read-timeout", paramLabel = "T", description = "how long a read waits for S3 to answer or to "
            + "send more bytes (default: the job's s3-read-timeout, else 30s; e.g. 2m)")
    String s3ReadTimeout;

    private java.time.Duration readTimeout() {
        if (s3ReadTimeout == null) {
            return null;
        }
        java.time.Duration timeout = java.time.Duration.ofSeconds(camelback.job.TimeSpec.intervalSeconds(s3ReadTimeout));
        if (timeout.isZero()) {
            throw new IllegalArgumentException("--s3-read-timeout must be at least 1s, e.g. 30s or 2m");
        }
        return timeout;
    }

    @Option(names = "--file-prefix", paramLabel = "P", description = "only files named P... on the target (duplicity's --file-prefix); default: the job's")
    String filePrefix;

    @Option(names = "--file-prefix-archive", paramLabel = "A", description = "volumes are named PA... (duplicity's option of that name)")
    String archivePrefix;

    @Option(names = "--file-prefix-manifest", paramLabel = "M", description = "manifests are named PM...")
    String manifestPrefix;

    @Option(names = "--file-prefix-signature", paramLabel = "S", description = "signature files are named PS...")
    String signaturePrefix;

    /** The prefixes given on the command line, all of them replacing the job's; null when none was given. */
    private camelback.job.FilePrefixes prefixes() {
        if (filePrefix == null && archivePrefix == null && manifestPrefix == null && signaturePrefix == null) {
            return null;
        }
        return new camelback.job.FilePrefixes(filePrefix, archivePrefix, manifestPrefix, signaturePrefix);
    }
}
