package camelback.archive;

import java.io.IOException;

/** The restore destination exists and is not empty. */
public final class DestinationNotEmptyException extends IOException {
    private static final long serialVersionUID = 1L;

    public DestinationNotEmptyException(String message) {
        super(message);
    }
}
