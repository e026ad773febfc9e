package camelback.archive;

import java.io.IOException;

/** A volume could not be read (truncated, corrupt, undecryptable); the restore cannot go on past it. */
public final class VolumeReadException extends IOException {
    private static final long serialVersionUID = 1L;

    public VolumeReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
