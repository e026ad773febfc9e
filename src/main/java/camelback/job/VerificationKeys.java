package camelback.job;

import camelback.crypto.KeyFileException;
import camelback.crypto.KeyFiles;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKeyRing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The keys restores check signatures against: a public key file, or the public half of a sign key. */
final class VerificationKeys {
    private VerificationKeys() {
    }

    static PGPPublicKeyRingCollection load(Path file) throws KeyFileException {
        try {
            return KeyFiles.verificationKeys(file);
        } catch (KeyFileException notPublic) {
            List<PGPPublicKeyRing> rings = new ArrayList<>();
            for (PGPSecretKeyRing secret : KeyFiles.secretKeys(file)) {
                List<PGPPublicKey> keys = new ArrayList<>();
                secret.getPublicKeys().forEachRemaining(keys::add);
                rings.add(new PGPPublicKeyRing(keys));
            }
            return new PGPPublicKeyRingCollection(rings);
        }
    }
}
