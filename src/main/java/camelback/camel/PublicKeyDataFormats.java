package camelback.camel;

import camelback.crypto.KeyFileException;
import camelback.crypto.KeyFiles;
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
import org.bouncycastle.util.encoders.Hex;

/**
 * camel-crypto-pgp data formats that encrypt to one public key the way gpg 2.2 and duplicity expect: AES-256,
 * MDC on, optional ZLIB, SHA-256 for signatures, and the JDK's AES (SunJCE) for RSA keys.
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
