package camelback.archive;

import java.io.IOException;

/** The local archive dir lacks a metadata file that should be there after a sync. */
public final class CacheMissingException extends IOException {
    private static final long serialVersionUID = 1L;

    public CacheMissingException(String message) {
        super(message);
    }
}
