package camelback.crypto;

import java.nio.file.Path;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyConverter;

/**
 * Bouncy Castle checks an RSA recipient's modulus (Miller-Rabin rounds on cold BigInteger code, about a tenth of a
 * second) the first time this JVM encrypts to it, then remembers the answer. A one-shot backup starts the check on
 * a spare core while the rest of the program starts, which takes it off the path of the first volume.
 */
public final class RecipientKeyCheck {
    private RecipientKeyCheck() {}

    /** Checks the encryption keys in {@code armoredPublicKeyFile} on a daemon thread; the backup reports bad keys. */
    public static void startInBackground(Path armoredPublicKeyFile) {
        Thread check = new Thread(() -> {
            try {
                BcPGPKeyConverter converter = new BcPGPKeyConverter();
                for (PGPPublicKey key : KeyFiles.encryptionKeys(armoredPublicKeyFile)) {
                    converter.getPublicKey(key);
                }
            } catch (Exception | LinkageError e) {
                // the backup loads the same file and says what is wrong with it
            }
        }, "camelback-key-check");
        check.setDaemon(true);
        check.start();
    }
}
