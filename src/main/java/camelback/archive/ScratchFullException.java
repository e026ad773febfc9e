package camelback.archive;

import java.io.IOException;

/**
 * The folder a read keeps its temp files in ({@link ArchiveSource#scratch()}: fetched volumes) ran out of space: this
 * machine's disk is at fault, not the target, which delivered, nor the backup, so it stops the command as the full
 * restore destination does, and sends the operator to free space there rather than to look at S3.
 */
public final class ScratchFullException extends IOException {
    private static final long serialVersionUID = 1L;

    private ScratchFullException(String message, IOException cause) {
        super(message, cause);
    }

    /**
     * @param what which folder is full while doing what, e.g. "the temp folder /tmp is full: cannot download X into it"
     * @param cause the full disk, in the system's words (see {@link DiskFull})
     */
    public static ScratchFullException of(String what, IOException cause) {
        return new ScratchFullException(what + " (" + DiskFull.reason(cause) + "); free space on its disk, or point the"
                + " temp folder at a bigger one (CAMELBACK_OPTS=-Djava.io.tmpdir=DIR)", cause);
    }
}
