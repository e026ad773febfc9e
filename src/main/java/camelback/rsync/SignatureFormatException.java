package camelback.rsync;

import java.io.IOException;

/** A signature this package cannot load: unknown or unsupported magic, bad header, truncated block record. */
public class SignatureFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public SignatureFormatException(String message) {
        super(message);
    }
}
