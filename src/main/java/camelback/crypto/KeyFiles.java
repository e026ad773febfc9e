package camelback.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.util.encoders.Hex;

/** Reads OpenPGP key files (armored as gpg exports them, or binary) and picks the keys to use. */
public final class KeyFiles {
    private KeyFiles() {}

    /** The key rings of a public key file, in file order. */
    public static List<PGPPublicKeyRing> publicKeyRings(Path publicKeyFile) throws KeyFileException {
        PGPPublicKeyRingCollection collection;
        try (InputStream in = open(publicKeyFile)) {
            collection = new PGPPublicKeyRingCollection(PGPUtil.getDecoderStream(in), new JcaKeyFingerprintCalculator());
        } catch (KeyFileException e) {
            throw e;
        } catch (IOException | PGPException | RuntimeException e) {
            throw new KeyFileException("public key file " + publicKeyFile + " is not an OpenPGP public key ("
                    + e.getMessage() + "); export one with `gpg --armor --export FINGERPRINT`", e);
        }
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        collection.getKeyRings().forEachRemaining(rings::add);
        if (rings.isEmpty()) {
            throw new KeyFileException("public key file " + publicKeyFile
                    + " holds no public key; export one with `gpg --armor --export FINGERPRINT`");
        }
        return rings;
    }

    /**
     * The key to encrypt to in each key ring of the file: like gpg, the newest valid (not revoked, not expired)
     * key whose flags allow encryption.
     */
    public static List<PGPPublicKey> encryptionKeys(Path armoredPublicKeyFile) throws KeyFileException {
        List<PGPPublicKey> keys = new ArrayList<>();
        for (PGPPublicKeyRing ring : publicKeyRings(armoredPublicKeyFile)) {
            keys.add(encryptionKey(ring, armoredPublicKeyFile));
        }
        return keys;
    }

    /** The newest valid encryption-capable key of one ring; {@code source} names the file in the error. */
    public static PGPPublicKey encryptionKey(PGPPublicKeyRing ring, Path source) throws KeyFileException {
        PGPPublicKey best = null;
        for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
            PGPPublicKey key = it.next();
            if (canEncrypt(key) && (best == null || key.getCreationTime().after(best.getCreationTime()))) {
                best = key;
            }
        }
        if (best == null) {
            throw new KeyFileException("key " + fingerprint(ring.getPublicKey()) + " in " + source
                    + " has no valid encryption (sub)key; add one with `gpg --quick-add-key FINGERPRINT rsa3072 encr`");
        }
        return best;
    }

    /** Reads a secret key file as exported by {@code gpg --armor --export-secret-keys}. */
    public static PGPSecretKeyRingCollection secretKeys(Path armoredSecretKeyFile) throws KeyFileException {
        PGPSecretKeyRingCollection collection;
        try (InputStream in = open(armoredSecretKeyFile)) {
            collection = new PGPSecretKeyRingCollection(PGPUtil.getDecoderStream(in), new JcaKeyFingerprintCalculator());
        } catch (KeyFileException e) {
            throw e;
        } catch (IOException | PGPException | RuntimeException e) {
            throw new KeyFileException("secret key file " + armoredSecretKeyFile + " is not an OpenPGP secret key ("
                    + e.getMessage() + "); export one with `gpg --armor --export-secret-keys FINGERPRINT`", e);
        }
        if (collection.size() == 0) {
            throw new KeyFileException("secret key file " + armoredSecretKeyFile
                    + " holds no secret key; export one with `gpg --armor --export-secret-keys FINGERPRINT`");
        }
        return collection;
    }

    /**
     * Upper-case hex fingerprint of the primary key. For a subkey this is the issuer fingerprint of its binding
     * signature (gpg and our key generator always write one); failing that, the subkey's own fingerprint.
     */
    public static String fingerprint(PGPPublicKey key) {
        if (!key.isMasterKey()) {
            for (Iterator<PGPSignature> it = key.getSignaturesOfType(PGPSignature.SUBKEY_BINDING); it.hasNext(); ) {
                PGPSignatureSubpacketVector hashed = it.next().getHashedSubPackets();
                IssuerFingerprint issuer = hashed == null ? null : hashed.getIssuerFingerprint();
                if (issuer != null) {
                    return hex(issuer.getFingerprint());
                }
            }
        }
        return hex(key.getFingerprint());
    }

    static String hex(byte[] bytes) {
        return Hex.toHexString(bytes).toUpperCase(Locale.ROOT);
    }

    private static boolean canEncrypt(PGPPublicKey key) {
        if (!key.isEncryptionKey() || key.hasRevocation() || isExpired(key)) {
            return false;
        }
        int flags = keyFlags(key);
        // Keys without a key-flags subpacket (old keys) may encrypt if their algorithm can.
        return flags < 0 || (flags & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) != 0;
    }

    private static boolean isExpired(PGPPublicKey key) {
        long validSeconds = key.getValidSeconds();
        return validSeconds > 0
                && key.getCreationTime().getTime() + validSeconds * 1000 < System.currentTimeMillis();
    }

    /** Key flags from the newest self-signature or binding signature carrying them; -1 if none does. */
    private static int keyFlags(PGPPublicKey key) {
        int flags = -1;
        long newest = Long.MIN_VALUE;
        for (Iterator<PGPSignature> it = key.getSignatures(); it.hasNext(); ) {
            PGPSignature signature = it.next();
            PGPSignatureSubpacketVector hashed = signature.getHashedSubPackets();
            if (hashed != null && hashed.hasSubpacket(SignatureSubpacketTags.KEY_FLAGS)
                    && signature.getCreationTime().getTime() > newest) {
                newest = signature.getCreationTime().getTime();
                flags = hashed.getKeyFlags();
            }
        }
        return flags;
    }

    private static InputStream open(Path file) throws KeyFileException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new KeyFileException("key file " + file + " does not exist; check the configured path", e);
        } catch (IOException e) {
            throw new KeyFileException("cannot read key file " + file + ": " + e + "; check its permissions", e);
        }
    }
}
