package camelback.archive;

import java.io.IOException;

/**
 * A volume could not be fetched from the target (a download broken off, access denied): the target's failure, not a
 * damage of the backup, so it stops the restore whatever the options, and is not taken for the volume being read
 * when it happens inside a file that continues in the volume that failed. The message is the target's own.
 */
public final class VolumeFetchException extends IOException {
    private static final long serialVersionUID = 1L;

    public VolumeFetchException(IOException cause) {
        super(cause.getMessage(), cause);
    }
}
