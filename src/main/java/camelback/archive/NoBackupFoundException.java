package camelback.archive;

import java.io.IOException;

/** The target holds no complete backup set. */
public final class NoBackupFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    public NoBackupFoundException(String message) {
        super(message);
    }
}
