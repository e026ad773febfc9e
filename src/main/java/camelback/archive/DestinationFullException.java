package camelback.archive;

import java.io.IOException;

/** The restore destination ran out of space: every later file would fail the same way, so the restore stops. */
public final class DestinationFullException extends IOException {
    private static final long serialVersionUID = 1L;

    public DestinationFullException(String message, IOException cause) {
        super(message, cause);
    }
}
