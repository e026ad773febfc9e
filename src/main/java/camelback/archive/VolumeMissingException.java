package camelback.archive;

import java.io.IOException;

/** A volume listed in a manifest is not on the target. */
public final class VolumeMissingException extends IOException {
    private static final long serialVersionUID = 1L;

    public VolumeMissingException(String message) {
        super(message);
    }
}
