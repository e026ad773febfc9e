package camelback.store;

import java.time.Instant;

/**
 * An upload begun on a target and neither completed nor aborted, such as the S3 multipart upload of a volume whose
 * run was killed: {@link Store#list()} does not show it, yet S3 bills its parts until it is aborted.
 *
 * @param name      the file it was to become, as {@link Store#list()} would name it
 * @param uploadId  the target's id of the upload
 * @param initiated when the target says it was begun
 */
public record UnfinishedUpload(String name, String uploadId, Instant initiated) {
}
