package camelback.archive;

import java.io.IOException;

/**
 * The folder a read keeps its temp files in ({@link ArchiveSource#scratch()}: fetched volumes) ran out of space: this
 * machine's disk is at fault, not the target, which delivered, nor the backup, so it stops the command as the full
 * restore destination does, and sends the operator to free space there rather than to look at S3.
 */
public final class ScratchFullException extends IOException {
    private static final long serialVersionUID = 1L;

    public ScratchFullException(String message, IOException cause) {
        super(message, cause);
    }
}
