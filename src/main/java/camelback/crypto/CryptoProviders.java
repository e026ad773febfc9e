package camelback.crypto;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * JCA providers: the JDK's SunJCE for the bulk cipher (AES-NI, about three times Bouncy Castle's pure-Java
 * AES) and a private, unregistered Bouncy Castle instance for what the JDK lacks (key generation, non-RSA
 * signatures, legacy ciphers). Session keys and secret keys go through Bouncy Castle's lightweight API instead:
 * building this provider computes its elliptic-curve tables, ~0.2 s that a backup or restore need not pay.
 */
final class CryptoProviders {
    static final String CONTENT = "SunJCE";
    /** The JDK's SHA-2 (with CPU intrinsics), several times Bouncy Castle's pure-Java digests. */
    static final String DIGEST = "SUN";

    private CryptoProviders() {}

    static Provider publicKey() {
        return BouncyCastleHolder.INSTANCE;
    }

    /** For signing and verifying: the JDK's RSA, Bouncy Castle for the algorithms it lacks in OpenPGP's form. */
    static Provider signatures(int publicKeyAlgorithm) {
        boolean rsa = publicKeyAlgorithm == PublicKeyAlgorithmTags.RSA_GENERAL
                || publicKeyAlgorithm == PublicKeyAlgorithmTags.RSA_SIGN;
        return rsa ? Security.getProvider("SunRsaSign") : publicKey();
    }

    // Lazy: building the provider takes a noticeable moment and passphrase-only runs never need it.
    private static final class BouncyCastleHolder {
        static final Provider INSTANCE = new BouncyCastleProvider();
    }
}
