package camelback.archive;

import java.io.IOException;

/** A downloaded volume's SHA-1 differs from its manifest's. */
public final class VolumeHashMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    public VolumeHashMismatchException(String message) {
        super(message);
    }
}
