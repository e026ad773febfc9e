package camelback.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.PGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyEncryptorBuilder;

/**
 * Generates a key for {@code camelback keygen} without prompts: RSA 3072 primary key (certify, sign) and RSA 3072
 * encryption subkey, preferring AES-256 and MDC, as gpg 2.2 would make it; both files armored and mode 0600.
 */
public final class KeyPairGenerator {
    private static final int RSA_BITS = 3072;
    // Encoded S2K count for the secret key's protection: 0xF0 = 32 MiB of SHA-256, as costly as gpg's default.
    private static final int S2K_COUNT = 0xF0;

    private KeyPairGenerator() {}

    /** The generated key: primary key fingerprint and the two files written. */
    public record GeneratedKey(String fingerprint, Path publicKeyFile, Path secretKeyFile) {}

    /**
     * @param passphrase protects the secret key; empty = unprotected
     * @throws KeyFileException if a file already exists or cannot be written
     */
    public static GeneratedKey generate(String userId, char[] passphrase, Path publicKeyFile, Path secretKeyFile)
            throws IOException {
        for (Path file : new Path[] {publicKeyFile, secretKeyFile}) {
            if (Files.exists(file)) {
                throw new KeyFileException("key file " + file + " already exists; move it away or choose another path");
            }
        }
        PGPKeyRingGenerator generator;
        try {
            generator = ringGenerator(userId, passphrase);
        } catch (GeneralSecurityException | PGPException e) {
            throw new CryptoException("cannot generate an RSA key pair: " + e.getMessage(), e);
        }
        PGPPublicKeyRing publicRing = generator.generatePublicKeyRing();
        writePrivately(secretKeyFile, generator.generateSecretKeyRing().getEncoded());
        writePrivately(publicKeyFile, publicRing.getEncoded());
        String fingerprint = KeyFiles.hex(publicRing.getPublicKey().getFingerprint());
        return new GeneratedKey(fingerprint, publicKeyFile, secretKeyFile);
    }

    private static PGPKeyRingGenerator ringGenerator(String userId, char[] passphrase)
            throws GeneralSecurityException, PGPException {
        Date now = new Date();
        PGPKeyPair primary = new JcaPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsaKeyPair(), now);
        PGPKeyPair encryption = new JcaPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsaKeyPair(), now);

        PGPSignatureSubpacketGenerator primaryPackets = new PGPSignatureSubpacketGenerator();
        primaryPackets.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        primaryPackets.setPreferredSymmetricAlgorithms(false, new int[] {
            SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_192, SymmetricKeyAlgorithmTags.AES_128
        });
        primaryPackets.setPreferredHashAlgorithms(false, new int[] {
            HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256
        });
        primaryPackets.setPreferredCompressionAlgorithms(false, new int[] {
            CompressionAlgorithmTags.ZLIB, CompressionAlgorithmTags.BZIP2, CompressionAlgorithmTags.ZIP,
            CompressionAlgorithmTags.UNCOMPRESSED
        });
        primaryPackets.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
        primaryPackets.setPrimaryUserID(false, true);
        primaryPackets.setIssuerFingerprint(false, primary.getPublicKey());

        PGPSignatureSubpacketGenerator subkeyPackets = new PGPSignatureSubpacketGenerator();
        subkeyPackets.setKeyFlags(true, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
        subkeyPackets.setIssuerFingerprint(false, primary.getPublicKey());

        PGPDigestCalculatorProvider digests = new JcaPGPDigestCalculatorProviderBuilder().build();
        PGPKeyRingGenerator generator = new PGPKeyRingGenerator(
                PGPSignature.POSITIVE_CERTIFICATION,
                primary,
                userId,
                digests.get(HashAlgorithmTags.SHA1), // the secret key checksum; OpenPGP v4 fixes it to SHA-1
                primaryPackets.generate(),
                null,
                new JcaPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA512),
                secretKeyEncryptor(passphrase, digests));
        generator.addSubKey(encryption, subkeyPackets.generate(), null);
        return generator;
    }

    private static KeyPair rsaKeyPair() throws GeneralSecurityException {
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(new RSAKeyGenParameterSpec(RSA_BITS, RSAKeyGenParameterSpec.F4));
        return rsa.generateKeyPair();
    }

    private static PBESecretKeyEncryptor secretKeyEncryptor(char[] passphrase, PGPDigestCalculatorProvider digests)
            throws PGPException {
        if (passphrase == null || passphrase.length == 0) {
            return null;
        }
        return new JcePBESecretKeyEncryptorBuilder(
                        SymmetricKeyAlgorithmTags.AES_256, digests.get(HashAlgorithmTags.SHA256), S2K_COUNT)
                .setProvider(CryptoProviders.publicKey())
                .build(passphrase);
    }

    /** Creates the file with mode 0600 from the start, so that it is never readable by others. */
    private static void writePrivately(Path file, byte[] encodedKeyRing) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new KeyFileException("key file " + file + " already exists; move it away or choose another path", e);
        } catch (IOException e) {
            throw new KeyFileException("cannot create key file " + file + ": " + e, e);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(out)) {
            armored.write(encodedKeyRing);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw new KeyFileException("cannot write key file " + file + ": " + e, e);
        }
    }
}
