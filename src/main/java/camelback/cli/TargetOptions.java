package camelback.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every read command shares (restore, list, status, verify). */
final class TargetOptions {
    @Option(names = "--secret-key", paramLabel = "FILE", description = "armored secret key for public-key sets (its passphrase from PASSPHRASE)")
    Path secretKey;

    @Option(names = "--verify-key", paramLabel = "FILE", description = "armored public key the sets must be signed with (default: the job's)")
    Path verifyKey;

    @Option(names = "--skip-signature-check", description = "read sets without checking their signatures")
    boolean skipSignatureCheck;

    camelback.job.TargetAccess.Verification verification() {
        return new camelback.job.TargetAccess.Verification(verifyKey, skipSignatureCheck);
    }

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "endpoint of an S3-compatible store")
    String s3Endpoint;
}
