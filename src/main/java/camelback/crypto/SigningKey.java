package camelback.crypto;

import java.util.Locale;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;

/**
 * An unlocked signing-capable (sub)key, as {@link KeyFiles#signingKey} loads it; {@code toString} shows the key id
 * only.
 */
public record SigningKey(PGPSecretKey secretKey, PGPPrivateKey privateKey) {
    public SigningKey {
        if (secretKey == null || privateKey == null) {
            throw new IllegalArgumentException("a signing key needs both its secret key and its unlocked private key");
        }
        if (secretKey.getKeyID() != privateKey.getKeyID()) {
            throw new IllegalArgumentException(String.format(
                    "private key %016X does not belong to secret key %016X",
                    privateKey.getKeyID(), secretKey.getKeyID()));
        }
    }

    /** The 16-hex-digit key id of the (sub)key that signs, as gpg prints it. */
    public String keyId() {
        return String.format(Locale.ROOT, "%016X", secretKey.getKeyID());
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyId() + "]";
    }
}
