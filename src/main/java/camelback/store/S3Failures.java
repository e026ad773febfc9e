package camelback.store;

import camelback.store.StoreException.Reason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A failed S3 request as the store's typed error, in words an operator can act on: what failed (the file, the target),
 * what S3 answered (its error code and HTTP status) or that it did not, and what to check or do. One wording for a
 * backup's uploads, which go through camel-aws2-s3, and for the store's own reads and deletes.
 */
public final class S3Failures {
    private static final Set<String> DENIED_CODES = Set.of("AccessDenied", "InvalidAccessKeyId",
            "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "RequestTimeTooSkewed", "AllAccessDisabled");

    private S3Failures() {
    }

    /**
     * @param action   what was asked, as a verb: {@code upload}, {@code download}, {@code list}, {@code delete}
     * @param name     the file, or null when the request was about the whole target (a listing)
     * @param target   the target URL, e.g. {@code s3://bucket/prefix}
     * @param endpoint where S3 was asked: the endpoint URL, or {@code AWS (region)}
     */
    public static StoreException of(String action, String name, TargetUrl target, String endpoint, SdkException e) {
        String what = what(action, name, target);
        if (e instanceof AwsServiceException service) {
            return answered(action, name, target, endpoint, what, service);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || cause(e, SocketTimeoutException.class) != null) {
            return new StoreException(Reason.UNREACHABLE, what + ": S3 at " + endpoint + " did not answer (" + e.getMessage()
                    + "); check the endpoint URL, the network and that the service is running, then try again", e);
        }
        Throwable network = networkCause(e);
        if (network != null) {
            return new StoreException(Reason.UNREACHABLE, what + ": cannot reach S3 at " + endpoint + " (" + network
                    + "); check the endpoint URL, the network and that the service is running", e);
        }
        if (String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
            return new StoreException(Reason.DENIED, what + ": no S3 credentials found; set AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY (or the job's S3 keys)", e);
        }
        Throwable broken = cause(e, IOException.class);
        if (broken != null) {
            return new StoreException(Reason.FAILED, what + ": the connection to S3 at " + endpoint + " broke (" + broken
                    + ") and did not hold when tried again; check the network and that the service is running, then "
                    + "try again", e);
        }
        if (e instanceof SdkClientException) {
            return new StoreException(Reason.FAILED, what + ": the request to S3 at " + endpoint + " failed ("
                    + e.getMessage() + "); check the endpoint URL, the network and that the service is running, then "
                    + "try again", e);
        }
        return new StoreException(Reason.FAILED, what + " at " + endpoint + ": " + e.getMessage(), e);
    }

    /**
     * A download whose body broke off or stopped coming (after the headers, so outside the SDK's retries): the
     * network's or the server's failure, which may pass.
     */
    public static StoreException brokenOff(String name, TargetUrl target, String endpoint, IOException e) {
        String how = e instanceof SocketTimeoutException ? "stopped coming" : "broke off";
        return new StoreException(Reason.FAILED, what("download", name, target) + ": the download from S3 at "
                + endpoint + " " + how + " (" + e + "); check the network and that the service is running, then try "
                + "again", e);
    }

    private static StoreException answered(String action, String name, TargetUrl target, String endpoint, String what,
                                           AwsServiceException e) {
        int status = e.statusCode();
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String answer = (code == null ? "" : code + ", ") + "HTTP " + status
                + (e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? "" : ": " + e.awsErrorDetails().errorMessage());
        if ("NoSuchBucket".equals(code)) {
            return new StoreException(Reason.NOT_FOUND, what + ": bucket '" + target.bucket()
                    + "' does not exist at " + endpoint + "; create it or correct the target URL", e);
        }
        if (status == 404 || "NoSuchKey".equals(code) || "NotFound".equals(code)) {
            return new StoreException(Reason.NOT_FOUND, what + ": " + (name == null ? "it" : name)
                    + " does not exist (" + answer + "); list the target to see which files it has", e);
        }
        if ("RequestTimeTooSkewed".equals(code)) {
            return new StoreException(Reason.DENIED, what + ": S3 at " + endpoint + " refused the request (" + answer
                    + "); set this machine's clock right (NTP)", e);
        }
        if (status == 401 || status == 403 || (code != null && DENIED_CODES.contains(code))) {
            return new StoreException(Reason.DENIED, what + ": S3 at " + endpoint + " denied access (" + answer
                    + "); check the access key id and secret key (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the "
                    + "job's S3 keys) and that the bucket policy of '" + target.bucket() + "' lets them " + action, e);
        }
        if (status >= 500) {
            return new StoreException(Reason.FAILED, what + ": S3 at " + endpoint + " answered " + answer
                    + "; S3 kept failing after the retries, try again later", e);
        }
        return new StoreException(Reason.FAILED, what + ": S3 at " + endpoint + " answered " + answer, e);
    }

    private static String what(String action, String name, TargetUrl target) {
        if (name == null) {
            return "cannot " + action + " " + target;
        }
        String preposition = switch (action) {
            case "upload" -> " to ";
            case "download", "delete" -> " from ";
            default -> " in ";
        };
        return "cannot " + action + " " + name + preposition + target;
    }

    private static Throwable networkCause(Throwable e) {
        return cause(e, c -> c instanceof ConnectException || c instanceof UnknownHostException
                || c instanceof NoRouteToHostException || c instanceof InterruptedIOException);
    }

    private static Throwable cause(Throwable e, Class<? extends Throwable> type) {
        return cause(e, type::isInstance);
    }

    private static Throwable cause(Throwable e, java.util.function.Predicate<Throwable> test) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (test.test(cause)) {
                return cause;
            }
        }
        return null;
    }
}
