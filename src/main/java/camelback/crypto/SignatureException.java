package camelback.crypto;

/**
 * A message's signature is bad, missing although required, or made by a key that is not among the verification
 * keys; the message names the signer's key id where there is one.
 */
public final class SignatureException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public SignatureException(String message) {
        super(message);
    }

    public SignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
