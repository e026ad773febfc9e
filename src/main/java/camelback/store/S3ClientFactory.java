package camelback.store;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds synchronous S3 clients on the Apache HTTP client that also work with S3-compatible stores. */
public final class S3ClientFactory {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
    /** Tries of one upload request; with the backoff below they wait 1 to 2 minutes in all before giving up. */
    static final int UPLOAD_ATTEMPTS = 10;
    private static final Duration UPLOAD_FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration UPLOAD_MAX_BACKOFF = Duration.ofSeconds(30);

    private S3ClientFactory() {
    }

    /** A new client for {@code settings}; the caller closes it. */
    public static S3Client create(S3Settings settings) {
        return builder(settings).build();
    }

    /**
     * A new client for a backup's uploads, whose requests (a PUT, or one part of a multipart upload) are retried for
     * one to two minutes of throttling (503 SlowDown), server errors or broken connections. Uploads go through
     * camel-aws2-s3, not through {@link RetryingStore}, so the SDK's default of three quick retries, over in a few
     * seconds, was all they had: a short hiccup of S3 failed a long backup and removed every volume it had stored.
     */
    public static S3Client createForUploads(S3Settings settings) {
        return builder(settings).overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
                .toBuilder()
                .maxAttempts(UPLOAD_ATTEMPTS)
                .backoffStrategy(BackoffStrategy.exponentialDelayHalfJitter(UPLOAD_FIRST_BACKOFF, UPLOAD_MAX_BACKOFF))
                .throttlingBackoffStrategy(
                        BackoffStrategy.exponentialDelayHalfJitter(UPLOAD_FIRST_BACKOFF, UPLOAD_MAX_BACKOFF))
                // The daemon keeps its client for every run: an outage must not use up retries for the runs after it.
                .circuitBreakerEnabled(false)
                .build())).build();
    }

    private static S3ClientBuilder builder(S3Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                // The SDK's default (flexible) checksums are rejected by S3Proxy and other S3-compatible
                // stores; set here so it holds without the aws.* system properties.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .forcePathStyle(settings.usesPathStyle());
        if (settings.endpoint() != null) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        } else {
            // On AWS a bucket may live in another region than the configured one; follow it there.
            builder.crossRegionAccessEnabled(true);
        }
        return builder;
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.sessionToken() != null) {
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(settings.accessKeyId(),
                    settings.secretAccessKey(), settings.sessionToken()));
        }
        if (settings.accessKeyId() != null) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
