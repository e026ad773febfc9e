package camelback.archive;

import java.io.IOException;

/** A path asked for is not in the backup. */
public final class PathNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    public PathNotFoundException(String message) {
        super(message);
    }
}
