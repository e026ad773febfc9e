package camelback.camel;

import camelback.archive.DiskFull;
import camelback.store.StoreException;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Uploads go through camel-file and camel-aws2-s3, whose errors speak of their own internals;
 * this turns them into the store's typed errors, naming the target and what to check.
 */
final class UploadFailures {
    private UploadFailures() {
    }

    static Throwable translate(Throwable error, String target) {
        Throwable root = ErrorMessages.rootCause(error);
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GenericFileOperationFailedException) {
                String hint = DiskFull.isCause(error) ? "the target's disk is full: free space there or move the job's target to a bigger disk"
                        : "check that the folder exists or can be created and is writable";
                return new StoreException(StoreException.Reason.NOT_WRITABLE, "cannot write to " + target + ": "
                        + ErrorMessages.describe(root) + "; " + hint, error);
            }
            if (t instanceof S3Exception s3) {
                StoreException.Reason reason = s3.statusCode() == 403 ? StoreException.Reason.DENIED
                        : s3.statusCode() == 404 ? StoreException.Reason.NOT_FOUND : StoreException.Reason.FAILED;
                String hint = switch (reason) {
                    case DENIED -> "check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and the bucket policy";
                    case NOT_FOUND -> "check that the bucket exists";
                    default -> "the store answered with an error";
                };
                return new StoreException(reason, "upload to " + target + " failed (HTTP " + s3.statusCode() + "): "
                        + s3.awsErrorDetails().errorMessage() + "; " + hint, error);
            }
            if (t instanceof SdkClientException) {
                return new StoreException(StoreException.Reason.UNREACHABLE, "cannot reach " + target + ": "
                        + ErrorMessages.describe(root) + "; check the endpoint, the network and that the service is running", error);
            }
        }
        return error;
    }
}
