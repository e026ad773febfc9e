package camelback.store;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds synchronous S3 clients on the Apache HTTP client that also work with S3-compatible stores: one for a backup's
 * uploads, which ride out minutes of trouble, and one for a store's reads (restore, verify, list, status, the archive
 * dir's sync) and deletes, which give up within about two minutes when S3 keeps silent.
 */
public final class S3ClientFactory {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** An upload waits this long for the answer to a part it sent. */
    private static final Duration UPLOAD_SOCKET_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Tries of one read request. Error answers (503 SlowDown, 500) come fast and get all of them, with the backoff
     * below; silence is cut short by {@link #callTimeout}.
     */
    static final int READ_ATTEMPTS = 3;
    private static final Duration READ_FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration READ_MAX_BACKOFF = Duration.ofSeconds(5);
    /** Tries of one upload request; with the backoff below they wait 1 to 2 minutes in all before giving up. */
    static final int UPLOAD_ATTEMPTS = 10;
    private static final Duration UPLOAD_FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration UPLOAD_MAX_BACKOFF = Duration.ofSeconds(30);

    private S3ClientFactory() {
    }

    /**
     * A new client for a store's requests; the caller closes it. A connection that sends nothing for the settings'
     * read timeout fails the attempt, also in the middle of a download's body, which is otherwise never cut off for
     * taking long. Give read requests {@link #readRequests} so that a server that takes them and never answers fails
     * them too: the SDK's defaults waited a minute per attempt, four attempts a request, and the store tried each
     * request five times, so a hung server held a restore for 20 minutes before it said anything.
     */
    public static S3Client create(S3Settings settings) {
        return builder(settings, settings.readTimeout())
                .overrideConfiguration(c -> c.retryStrategy(retries(READ_ATTEMPTS, READ_FIRST_BACKOFF, READ_MAX_BACKOFF)))
                .build();
    }

    /**
     * What a read request (a listing, a download until its body starts) may wait for S3's answer: the read timeout
     * per attempt, {@link #callTimeout} for all of its attempts together. Per request, not on the client: these bound
     * a request's whole time, which an upload's body also counts in, and a big upload on a slow link takes long.
     */
    public static AwsRequestOverrideConfiguration readRequests(S3Settings settings) {
        return AwsRequestOverrideConfiguration.builder()
                .apiCallAttemptTimeout(settings.readTimeout())
                .apiCallTimeout(callTimeout(settings.readTimeout()))
                .build();
    }

    /** A silent server gets a second try, not a third: {@link Stores} tries the whole operation again as well. */
    static Duration callTimeout(Duration readTimeout) {
        return readTimeout.multipliedBy(2);
    }

    /**
     * A new client for a backup's uploads, whose requests (a PUT, or one part of a multipart upload) are retried for
     * one to two minutes of throttling (503 SlowDown), server errors or broken connections. Uploads go through
     * camel-aws2-s3, not through {@link RetryingStore}, so the SDK's default of three quick retries, over in a few
     * seconds, was all they had: a short hiccup of S3 failed a long backup and removed every volume it had stored.
     */
    public static S3Client createForUploads(S3Settings settings) {
        return builder(settings, UPLOAD_SOCKET_TIMEOUT)
                .overrideConfiguration(c -> c.retryStrategy(retries(UPLOAD_ATTEMPTS, UPLOAD_FIRST_BACKOFF, UPLOAD_MAX_BACKOFF)))
                .build();
    }

    private static RetryStrategy retries(int attempts, Duration firstBackoff, Duration maxBackoff) {
        BackoffStrategy backoff = BackoffStrategy.exponentialDelayHalfJitter(firstBackoff, maxBackoff);
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(attempts)
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                // The daemon keeps its clients for every run: an outage must not use up retries for the runs after it.
                .circuitBreakerEnabled(false)
                .build();
    }

    private static S3ClientBuilder builder(S3Settings settings, Duration socketTimeout) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(socketTimeout))
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
