package camelback.store;

import java.time.Duration;

/** Opens the store for a target URL: a folder as it is, S3 with retries. */
public final class Stores {

    /**
     * Tries per S3 operation before giving up. Each request also has the SDK's tries ({@link S3ClientFactory}); these
     * mostly serve downloads broken off after their headers, which the SDK does not try again. With a silent server the
     * two multiply: two here keep a read's failure within about four read timeouts (two minutes by default).
     */
    public static final int S3_ATTEMPTS = 2;
    /** Wait before the second try of an S3 operation; doubled each time after. */
    public static final Duration S3_FIRST_BACKOFF = Duration.ofSeconds(1);

    private Stores() {
    }

    /** The store for {@code url}; {@code s3} may be null for file targets or to use AWS defaults. */
    public static Store open(TargetUrl url, S3Settings s3) {
        if ("file".equals(url.scheme())) {
            return new FileStore(url.directory());
        }
        S3Settings settings = s3 == null ? S3Settings.defaults() : s3;
        return new RetryingStore(new S3Store(S3ClientFactory.create(settings), url.bucket(), url.prefix(),
                S3ClientFactory.readRequests(settings)), S3_ATTEMPTS, S3_FIRST_BACKOFF);
    }

    /** Parses {@code url} (see {@link TargetUrl#parse}) and opens its store. */
    public static Store open(String url, S3Settings s3) {
        return open(TargetUrl.parse(url), s3);
    }
}
