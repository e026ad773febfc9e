package camelback.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.bcpg.S2K;
import org.bouncycastle.bcpg.SecretKeyPacket;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyRing;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.util.encoders.Hex;

/** Reads OpenPGP key files (armored as gpg exports them, or binary) and picks the keys to use. */
public final class KeyFiles {
    private KeyFiles() {}

    /** The key rings of a public key file, in file order. */
    public static List<PGPPublicKeyRing> publicKeyRings(Path publicKeyFile) throws KeyFileException {
        List<PGPPublicKeyRing> rings;
        try {
            rings = rings(publicKeyFile, in -> new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator()));
        } catch (KeyFileException e) {
            throw e;
        } catch (IOException | PGPException | RuntimeException e) {
            throw new KeyFileException("public key file " + publicKeyFile + " is not an OpenPGP public key ("
                    + e.getMessage() + "); export one with `gpg --armor --export FINGERPRINT`", e);
        }
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
        try {
            collection = new PGPSecretKeyRingCollection(rings(armoredSecretKeyFile,
                    in -> new PGPSecretKeyRingCollection(in, new JcaKeyFingerprintCalculator())));
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
     * The key to sign with from a secret key file: like gpg, the newest valid (not revoked, not expired) key whose
     * flags allow signing data and whose secret part is present, unlocked with {@code passphrase}.
     *
     * @param passphrase unlocks the key; null or empty for an unprotected key
     * @throws KeyFileException if the file holds no such key, or such keys in more than one key ring
     * @throws WrongPassphraseException if the passphrase does not unlock the key
     */
    public static SigningKey signingKey(Path armoredSecretKeyFile, char[] passphrase) throws CryptoException {
        List<PGPSecretKey> candidates = new ArrayList<>();
        for (Iterator<PGPSecretKeyRing> rings = secretKeys(armoredSecretKeyFile).getKeyRings(); rings.hasNext(); ) {
            PGPSecretKey best = null;
            for (Iterator<PGPSecretKey> keys = rings.next().getSecretKeys(); keys.hasNext(); ) {
                PGPSecretKey key = keys.next();
                if (canSign(key) && (best == null
                        || key.getPublicKey().getCreationTime().after(best.getPublicKey().getCreationTime()))) {
                    best = key;
                }
            }
            if (best != null) {
                candidates.add(best);
            }
        }
        if (candidates.isEmpty()) {
            throw new KeyFileException("secret key file " + armoredSecretKeyFile + " holds no usable signing key "
                    + "(none with the sign flag, valid and with its secret part); export one with "
                    + "`gpg --armor --export-secret-keys FINGERPRINT`");
        }
        if (candidates.size() > 1) {
            throw new KeyFileException("secret key file " + armoredSecretKeyFile + " holds " + candidates.size()
                    + " signing keys; export only the one to sign with (`gpg --armor --export-secret-keys FINGERPRINT`)");
        }
        PGPSecretKey key = candidates.get(0);
        return new SigningKey(key, unlock(key, passphrase, armoredSecretKeyFile));
    }

    /** Reads a public key file (or several keys in one) as a collection to verify signatures with. */
    public static PGPPublicKeyRingCollection verificationKeys(Path publicKeyFile) throws KeyFileException {
        return new PGPPublicKeyRingCollection(publicKeyRings(publicKeyFile));
    }

    private static PGPPrivateKey unlock(PGPSecretKey key, char[] passphrase, Path file) throws CryptoException {
        boolean isProtected = key.getS2KUsage() != SecretKeyPacket.USAGE_NONE;
        if (isProtected && (passphrase == null || passphrase.length == 0)) {
            throw new WrongPassphraseException(String.format(
                    "signing key %016X in %s is passphrase-protected but no signing passphrase is configured; set it",
                    key.getKeyID(), file), null);
        }
        try {
            return key.extractPrivateKey(new BcPBESecretKeyDecryptorBuilder(
                            new JcaPGPDigestCalculatorProviderBuilder().setProvider(CryptoProviders.DIGEST).build())
                    .build(passphrase == null ? new char[0] : passphrase));
        } catch (PGPException e) {
            throw new WrongPassphraseException(String.format(
                    "wrong passphrase: it does not unlock signing key %016X in %s (%s); check the signing passphrase",
                    key.getKeyID(), file, e.getMessage()), e);
        }
    }

    private static boolean canSign(PGPSecretKey secretKey) {
        PGPPublicKey key = secretKey.getPublicKey();
        S2K s2k = secretKey.getS2K();
        boolean stub = secretKey.isPrivateKeyEmpty() || (s2k != null && s2k.getType() == S2K.GNU_DUMMY_S2K);
        if (stub || !secretKey.isSigningKey() || key.hasRevocation() || isExpired(key)) {
            return false;
        }
        int flags = keyFlags(key);
        // Keys without a key-flags subpacket (old keys): the primary key may sign if its algorithm can.
        return flags < 0 ? key.isMasterKey() : (flags & KeyFlags.SIGN_DATA) != 0;
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

    /** Reads the key rings of one decoded armor block. */
    private interface BlockReader<R> {
        Iterable<R> read(InputStream decoded) throws IOException, PGPException;
    }

    /** Every key ring of the file's armor blocks, in file order, each primary key once. */
    private static <R extends PGPKeyRing> List<R> rings(Path file, BlockReader<R> reader)
            throws IOException, PGPException {
        List<R> rings = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (InputStream block : blocks(file)) {
            for (R ring : reader.read(PGPUtil.getDecoderStream(block))) {
                if (seen.add(ring.getPublicKey().getKeyID())) {
                    rings.add(ring);
                }
            }
        }
        return rings;
    }

    /**
     * The file's OpenPGP data, one stream per armor block: gpg reads every block of a file such as
     * {@code cat alice.asc bob.asc}, Bouncy Castle's decoder only the first, which silently dropped the other keys
     * (a backup encrypted to one recipient of two). A binary file is one stream.
     */
    private static List<InputStream> blocks(Path file) throws KeyFileException {
        byte[] bytes = read(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String begin = "-----BEGIN PGP ";
        int from = text.indexOf(begin);
        if (from < 0) {
            return List.of(new ByteArrayInputStream(bytes));
        }
        List<InputStream> blocks = new ArrayList<>();
        while (from >= 0) {
            int next = text.indexOf(begin, from + begin.length());
            blocks.add(new ByteArrayInputStream(bytes, from, (next < 0 ? bytes.length : next) - from));
            from = next;
        }
        return blocks;
    }

    private static byte[] read(Path file) throws KeyFileException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new KeyFileException("key file " + file + " does not exist; check the configured path", e);
        } catch (IOException e) {
            throw new KeyFileException("cannot read key file " + file + ": " + e + "; check its permissions", e);
        }
    }
}
