package camelback.camel;

import camelback.crypto.CryptoException;
import camelback.crypto.KeyFileException;
import camelback.crypto.KeyFiles;
import camelback.crypto.SigningKey;
import camelback.crypto.WrongPassphraseException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.Security;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.camel.converter.crypto.PGPDataFormat;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.util.encoders.Hex;

/**
 * camel-crypto-pgp data formats that encrypt to one public key the way gpg 2.2 and duplicity expect: AES-256,
 * MDC on, optional ZLIB, the JDK's AES (SunJCE) for RSA keys; optionally signed (one-pass signature, SHA-256),
 * which gpg verifies.
 */
public final class PublicKeyDataFormats {
    private static final String JDK_PROVIDER = "SunJCE";
    private static final String BC_PROVIDER = "BC";

    private PublicKeyDataFormats() {}

    /**
     * A data format whose {@code marshal(exchange, body, out)} streams {@code body} (e.g. a {@code File}) into one
     * OpenPGP message for the selected key ring of the file.
     *
     * @param userIdOrFingerprint the key ring to use: its primary or subkey fingerprint (spaces and case ignored)
     *     or part of a user id; null if the file holds exactly one key ring
     * @param compress whether to add a ZLIB compressed packet (camel-crypto-pgp uses ZLIB's default level)
     */
    public static PGPDataFormat forPublicKey(Path armoredPublicKeyFile, String userIdOrFingerprint, boolean compress)
            throws KeyFileException {
        return encrypting(armoredPublicKeyFile, userIdOrFingerprint, compress);
    }

    /**
     * Like {@link #forPublicKey(Path, String, boolean)}, and signs each message with the signing key of
     * {@code signingSecretKeyFile} like {@code gpg --sign --encrypt}: a one-pass signature packet, the literal
     * packet, and a signature (binary document, SHA-256) inside the compressed packet. Unlike gpg's, the signature
     * carries the signer's user id instead of the issuer fingerprint subpacket; gpg and duplicity verify it by the
     * issuer key id.
     *
     * @param signingSecretKeyFile a secret key file as {@code gpg --armor --export-secret-keys} writes it; null =
     *     unsigned, the same as the three-argument method
     * @param signingPassphrase unlocks the signing key (checked here, so a wrong one fails before any data flows)
     * @throws WrongPassphraseException if the passphrase does not unlock the signing key
     */
    public static PGPDataFormat forPublicKey(Path armoredPublicKeyFile, String userIdOrFingerprint, boolean compress,
            Path signingSecretKeyFile, char[] signingPassphrase) throws CryptoException {
        if (signingSecretKeyFile == null) {
            return forPublicKey(armoredPublicKeyFile, userIdOrFingerprint, compress);
        }
        PGPDataFormat format = encrypting(armoredPublicKeyFile, userIdOrFingerprint, compress);
        SigningKey signer = KeyFiles.signingKey(signingSecretKeyFile, signingPassphrase);
        PGPSecretKeyRing ring =
                KeyFiles.secretKeys(signingSecretKeyFile).getSecretKeyRing(signer.secretKey().getKeyID());
        Iterator<String> userIds = ring.getPublicKey().getUserIDs();
        if (!userIds.hasNext()) {
            throw new KeyFileException("signing key " + signer.keyId() + " in " + signingSecretKeyFile
                    + " has no user id, which camel-crypto-pgp needs to find it; add one with `gpg --quick-add-uid`");
        }
        try {
            // Only this ring is handed over, so that the user id cannot select another key of the file.
            format.setSignatureKeyRing(ring.getEncoded());
        } catch (IOException e) {
            throw new KeyFileException("cannot re-encode the signing key from " + signingSecretKeyFile + ": "
                    + e.getMessage(), e);
        }
        format.setSignatureKeyUserid(userIds.next());
        format.setSignaturePassword(signingPassphrase == null ? "" : new String(signingPassphrase));
        // The provider also unlocks the secret key and signs; the JDK's SunJCE does neither.
        format.setProvider(bouncyCastle());
        return format;
    }

    private static PGPDataFormat encrypting(Path armoredPublicKeyFile, String userIdOrFingerprint, boolean compress)
            throws KeyFileException {
        PGPPublicKeyRing ring = select(armoredPublicKeyFile, userIdOrFingerprint);
        PGPPublicKey encryptionKey = KeyFiles.encryptionKey(ring, armoredPublicKeyFile);
        Iterator<String> userIds = ring.getPublicKey().getUserIDs();
        if (!userIds.hasNext()) {
            throw new KeyFileException("key " + KeyFiles.fingerprint(ring.getPublicKey()) + " in " + armoredPublicKeyFile
                    + " has no user id, which camel-crypto-pgp needs to find it; add one with `gpg --quick-add-uid`");
        }

        PGPDataFormat format = new PGPDataFormat();
        try {
            // Only the selected ring is handed over, so that its user id cannot match another key in the file.
            format.setEncryptionKeyRing(ring.getEncoded());
        } catch (IOException e) {
            throw new KeyFileException("cannot re-encode the key from " + armoredPublicKeyFile + ": " + e.getMessage(), e);
        }
        format.setKeyUserid(userIds.next());
        format.setAlgorithm(SymmetricKeyAlgorithmTags.AES_256);
        format.setIntegrity(true);
        format.setHashAlgorithm(HashAlgorithmTags.SHA256);
        format.setCompressionAlgorithm(CompressionAlgorithmTags.ZLIB);
        format.setWithCompressedDataPacket(compress);
        format.setArmored(false);
        format.setFileName("");
        format.setProvider(providerFor(encryptionKey));
        return format;
    }

    /**
     * The provider setting only reaches the bulk cipher; the session key is encrypted through the JVM's registered
     * providers. The JDK does RSA, so RSA keys get the JDK's faster AES; other algorithms (X25519 in OpenPGP's
     * form) need Bouncy Castle registered, which camel-crypto-pgp itself would also do.
     */
    private static String providerFor(PGPPublicKey encryptionKey) {
        int algorithm = encryptionKey.getAlgorithm();
        if (algorithm == PublicKeyAlgorithmTags.RSA_GENERAL || algorithm == PublicKeyAlgorithmTags.RSA_ENCRYPT) {
            return JDK_PROVIDER;
        }
        return bouncyCastle();
    }

    private static String bouncyCastle() {
        if (Security.getProvider(BC_PROVIDER) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        return BC_PROVIDER;
    }

    private static PGPPublicKeyRing select(Path file, String userIdOrFingerprint) throws KeyFileException {
        List<PGPPublicKeyRing> rings = KeyFiles.publicKeyRings(file);
        if (userIdOrFingerprint == null || userIdOrFingerprint.isBlank()) {
            if (rings.size() != 1) {
                throw new KeyFileException(file + " holds " + rings.size()
                        + " keys; configure which one to use by fingerprint or user id");
            }
            return rings.get(0);
        }
        String wanted = userIdOrFingerprint.replace(" ", "").toUpperCase(Locale.ROOT);
        List<PGPPublicKeyRing> byUserId = new ArrayList<>();
        for (PGPPublicKeyRing ring : rings) {
            for (Iterator<PGPPublicKey> keys = ring.getPublicKeys(); keys.hasNext(); ) {
                String fingerprint = Hex.toHexString(keys.next().getFingerprint());
                if (fingerprint.toUpperCase(Locale.ROOT).equals(wanted)) {
                    return ring;
                }
            }
            for (Iterator<String> ids = ring.getPublicKey().getUserIDs(); ids.hasNext(); ) {
                if (ids.next().contains(userIdOrFingerprint)) {
                    byUserId.add(ring);
                    break;
                }
            }
        }
        if (byUserId.size() == 1) {
            return byUserId.get(0);
        }
        throw new KeyFileException(byUserId.isEmpty()
                ? "no key in " + file + " has the fingerprint or user id '" + userIdOrFingerprint + "'"
                : byUserId.size() + " keys in " + file + " match '" + userIdOrFingerprint + "'; use the fingerprint");
    }
}
