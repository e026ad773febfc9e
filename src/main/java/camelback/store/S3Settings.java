package camelback.store;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach S3 or an S3-compatible store. Without an access key the SDK's default chain is used
 * ({@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}, profiles, instance roles).
 *
 * @param endpoint        endpoint URL of an S3-compatible store, e.g. {@code http://127.0.0.1:9000}; null for AWS
 * @param region          signing region; null or blank means {@code us-east-1}
 * @param accessKeyId     static access key id, or null for the default chain
 * @param secretAccessKey static secret key, required with an access key id; never shown by {@link #toString()}
 * @param sessionToken    session token of temporary credentials (with the access key id), or null; never shown
 * @param pathStyle       address buckets as {@code endpoint/bucket}, else as {@code bucket.endpoint} (virtual-hosted)
 * @param readTimeout     how long a read waits for S3 to answer, or for the next bytes of a download; null means
 *                        {@link #DEFAULT_READ_TIMEOUT} (see {@link S3ClientFactory#readRequests})
 */
public record S3Settings(String endpoint, String region, String accessKeyId, String secretAccessKey,
                         String sessionToken, boolean pathStyle, Duration readTimeout) {

    public static final String DEFAULT_REGION = "us-east-1";
    /** S3 answers in well under a second; half a minute of silence is a hung server or a dead link. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    public S3Settings {
        readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("the S3 read timeout must be positive, not " + readTimeout);
        }
        endpoint = blankToNull(endpoint);
        region = blankToNull(region) == null ? DEFAULT_REGION : region.strip();
        accessKeyId = blankToNull(accessKeyId);
        secretAccessKey = blankToNull(secretAccessKey);
        sessionToken = blankToNull(sessionToken);
        if (endpoint != null) {
            URI uri;
            try {
                uri = URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("S3 endpoint '" + endpoint + "' is not a URL (" + e.getMessage()
                        + "); write it as http://host:port or https://host");
            }
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("S3 endpoint '" + endpoint
                        + "' must be an http:// or https:// URL with a host, e.g. http://127.0.0.1:9000");
            }
        }
        if (accessKeyId != null && secretAccessKey == null) {
            throw new IllegalArgumentException("S3 access key id " + accessKeyId
                    + " is given without a secret access key; give both or neither");
        }
        if (accessKeyId == null && secretAccessKey != null) {
            throw new IllegalArgumentException("an S3 secret access key is given without an access key id; "
                    + "give both or neither");
        }
        if (accessKeyId == null && sessionToken != null) {
            throw new IllegalArgumentException("an S3 session token is given without an access key id and secret key; "
                    + "give all three (temporary credentials) or none");
        }
    }

    /** The default read timeout. */
    public S3Settings(String endpoint, String region, String accessKeyId, String secretAccessKey,
                      String sessionToken, boolean pathStyle) {
        this(endpoint, region, accessKeyId, secretAccessKey, sessionToken, pathStyle, null);
    }

    /** Long-term credentials (or the default chain): no session token. */
    public S3Settings(String endpoint, String region, String accessKeyId, String secretAccessKey, boolean pathStyle) {
        this(endpoint, region, accessKeyId, secretAccessKey, null, pathStyle);
    }

    /** These settings with another read timeout. */
    public S3Settings withReadTimeout(Duration timeout) {
        return new S3Settings(endpoint, region, accessKeyId, secretAccessKey, sessionToken, pathStyle, timeout);
    }

    /** AWS itself, region us-east-1, credentials from the default chain. */
    public static S3Settings defaults() {
        return new S3Settings(null, null, null, null, false);
    }

    /** An S3-compatible store at {@code endpoint} with static credentials, path-style addressing. */
    public static S3Settings forEndpoint(String endpoint, String accessKeyId, String secretAccessKey) {
        return new S3Settings(endpoint, null, accessKeyId, secretAccessKey, true);
    }

    /** Whether requests address the bucket in the path rather than the host name. */
    public boolean usesPathStyle() {
        // Jobs default to path style (what S3Proxy, MinIO and most self-hosted stores answer); a store that answers
        // only virtual-hosted requests needs the operator's false to count, endpoint or not.
        return pathStyle;
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + (endpoint == null ? "AWS" : endpoint) + ", region=" + region
                + ", accessKeyId=" + (accessKeyId == null ? "(default chain)" : accessKeyId)
                + ", secretAccessKey=" + (secretAccessKey == null ? "(default chain)" : "***")
                + (sessionToken == null ? "" : ", sessionToken=***")
                + ", pathStyle=" + usesPathStyle() + ", readTimeout=" + readTimeout + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
