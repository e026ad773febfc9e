package camelback.rsync;

/** A basis signature with more blocks than a delta may index in memory; its file is stored whole instead. */
public final class SignatureTooLargeException extends SignatureFormatException {
    private static final long serialVersionUID = 1L;

    public SignatureTooLargeException(String message) {
        super(message);
    }
}
