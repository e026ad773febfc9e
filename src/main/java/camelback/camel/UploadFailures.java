package camelback.camel;

import camelback.archive.DiskFull;
import camelback.store.StoreException;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Uploads go through camel-file and camel-aws2-s3, whose errors speak of their own internals;
 * this turns them into the store's typed errors, naming the file, the target and what to check.
 */
final class UploadFailures {
    private UploadFailures() {
    }

    /** {@code error} as a store error if an upload failed; the file is the exchange's, when it names one. */
    static Throwable translate(Throwable error, String target, Exchange exchange) {
        String file = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        String what = "cannot upload " + (file == null ? "to " + target : file + " to " + target);
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreException) {
                // translated already, where the file was known
                return error;
            }
            if (t instanceof GenericFileOperationFailedException) {
                String hint = DiskFull.isCause(error) ? "the target's disk is full: free space there or move the job's target to a bigger disk"
                        : "check that the folder exists or can be created and is writable";
                return new StoreException(StoreException.Reason.NOT_WRITABLE, what + ": "
                        + ErrorMessages.describe(ErrorMessages.rootCause(error)) + "; " + hint, error);
            }
            if (t instanceof S3Exception s3) {
                StoreException.Reason reason = s3.statusCode() == 403 ? StoreException.Reason.DENIED
                        : s3.statusCode() == 404 ? StoreException.Reason.NOT_FOUND : StoreException.Reason.FAILED;
                String hint = switch (reason) {
                    case DENIED -> "check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and that the bucket policy allows uploads";
                    case NOT_FOUND -> "check that the bucket exists";
                    default -> "S3 kept failing after the retries; run the backup again later";
                };
                String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
                return new StoreException(reason, what + ": S3 answered HTTP " + s3.statusCode()
                        + (code == null ? "" : " " + code) + " (" + s3.awsErrorDetails().errorMessage() + "); " + hint,
                        error);
            }
            if (t instanceof SdkClientException) {
                return new StoreException(StoreException.Reason.UNREACHABLE, what + ": "
                        + ErrorMessages.describe(ErrorMessages.rootCause(error)) + "; check the endpoint, the network "
                        + "and that the service is running, then run the backup again", error);
            }
        }
        return error;
    }
}
