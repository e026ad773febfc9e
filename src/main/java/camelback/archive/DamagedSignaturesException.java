package camelback.archive;

import java.io.IOException;

/**
 * A signature file cannot be read to its end (a damaged tar header, bad gzip data or checksum). Its entries cannot be
 * trusted: a path missing from them would be taken for new, and a path deleted since would never be marked deleted.
 */
public final class DamagedSignaturesException extends IOException {
    private static final long serialVersionUID = 1L;

    public DamagedSignaturesException(String message, Throwable cause) {
        super(message, cause);
    }
}
