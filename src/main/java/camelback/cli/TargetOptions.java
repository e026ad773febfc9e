package camelback.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every read command shares (restore, list, status, verify). */
final class TargetOptions {
    @Option(names = "--secret-key", paramLabel = "FILE", description = "armored secret key for public-key sets (its passphrase from PASSPHRASE)")
    Path secretKey;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "endpoint of an S3-compatible store")
    String s3Endpoint;
}
