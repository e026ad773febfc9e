package camelback.crypto;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * JCA providers: the JDK's SunJCE for the bulk cipher (AES-NI, about three times Bouncy Castle's pure-Java
 * AES) and a private, unregistered Bouncy Castle instance for public-key algorithms the JDK lacks (e.g. X25519
 * in OpenPGP's form).
 */
final class CryptoProviders {
    static final String CONTENT = "SunJCE";

    private CryptoProviders() {}

    static Provider publicKey() {
        return BouncyCastleHolder.INSTANCE;
    }

    // Lazy: building the provider takes a noticeable moment and passphrase-only runs never need it.
    private static final class BouncyCastleHolder {
        static final Provider INSTANCE = new BouncyCastleProvider();
    }
}
