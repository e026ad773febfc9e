package camelback.camel;

import camelback.archive.DiskFull;
import camelback.job.JobConfig;
import camelback.store.S3Failures;
import camelback.store.StoreException;
import camelback.store.TargetUrl;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Uploads go through camel-file and camel-aws2-s3, whose errors speak of their own internals;
 * this turns them into the store's typed errors, naming the file, the target and what to check.
 */
final class UploadFailures {
    private UploadFailures() {
    }

    /** {@code error} as a store error if an upload failed; the file is the exchange's, when it names one. */
    static Throwable translate(Throwable error, JobConfig job, Exchange exchange) {
        String target = job.target();
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
            if (t instanceof SdkException sdk) {
                String endpoint = job.s3().endpoint() != null ? job.s3().endpoint() : "AWS (" + job.s3().region() + ")";
                return S3Failures.of("upload", file, TargetUrl.parse(target), endpoint, sdk);
            }
        }
        return error;
    }
}
