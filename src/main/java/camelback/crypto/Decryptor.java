package camelback.crypto;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.PGPPadding;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSessionKey;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.PGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.SessionKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcSessionKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBEDataDecryptorFactoryBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JceSessionKeyDataDecryptorFactoryBuilder;

/**
 * Opens any message gpg, duplicity or we write: SKESK or PKESK (also to a hidden recipient), compressed (ZIP,
 * ZLIB, BZIP2) or not, signed or not, armored or binary. Signatures are skipped unless verification keys are
 * given; then they are checked over the streamed plaintext at its end, like the MDC (see below), and the signer
 * can be read from {@link PlaintextStream#signerKeyId()} afterwards.
 *
 * <p>The integrity check (MDC) covers the whole message and can only be made at its end: reading the plaintext
 * to EOF checks it, and so does {@code close()} of the plaintext stream, which first reads (and discards) what
 * the reader left unread. Either throws {@link IntegrityException} on a mismatch, or {@link SignatureException}
 * for a bad, missing or unknown signature, so callers that stop early (the tar parser stops at the tar end) must
 * close the stream and let close() fail the restore.
 *
 * <p>Thread-safe; reuse one instance so that a protected secret key is unlocked only once.
 */
public final class Decryptor {
    private final char[] passphrase;
    private final PGPSecretKeyRingCollection secretKeys;
    private final PGPPublicKeyRingCollection verificationKeys;
    private final boolean requireSignature;
    private final boolean acceptMissingMdc;
    // one unlock per key, whichever thread asks first; the others wait for it
    private final Map<Long, FutureTask<PGPPrivateKey>> unlockedKeys = new ConcurrentHashMap<>();

    /**
     * @param passphrase opens passphrase-encrypted messages and unlocks protected secret keys; may be null
     * @param secretKeys for public-key messages; may be null
     */
    public Decryptor(char[] passphrase, PGPSecretKeyRingCollection secretKeys) {
        this(passphrase, secretKeys, null, false);
    }

    /**
     * @param passphrase opens passphrase-encrypted messages and unlocks protected secret keys; may be null
     * @param secretKeys for public-key messages; may be null
     * @param verificationKeys public keys whose signatures are accepted (e.g. {@link KeyFiles#verificationKeys});
     *     null = do not verify signatures
     * @param requireSignature whether an unsigned message fails; only with verification keys
     */
    public Decryptor(char[] passphrase, PGPSecretKeyRingCollection secretKeys,
            PGPPublicKeyRingCollection verificationKeys, boolean requireSignature) {
        this(passphrase, secretKeys, verificationKeys, requireSignature, false);
    }

    /**
     * @param acceptMissingMdc whether a message without integrity protection (no MDC: gpg 1.x with a 64-bit cipher
     *     such as CAST5, or {@code --rfc2440}) is read anyway, as duplicity always does ({@code gpg --ignore-mdc-error});
     *     a wrong MDC is refused either way
     */
    public Decryptor(char[] passphrase, PGPSecretKeyRingCollection secretKeys,
            PGPPublicKeyRingCollection verificationKeys, boolean requireSignature, boolean acceptMissingMdc) {
        if (requireSignature && verificationKeys == null) {
            throw new IllegalArgumentException("requiring signatures needs the verification keys");
        }
        this.passphrase = passphrase == null ? null : passphrase.clone();
        this.secretKeys = secretKeys;
        this.verificationKeys = verificationKeys;
        this.requireSignature = requireSignature;
        this.acceptMissingMdc = acceptMissingMdc;
    }

    /**
     * Unlocks the secret encryption keys and loads the native inflater, for a caller that has a spare thread to do it
     * on before the first message arrives: a gpg-protected key takes 65 MB of S2K hashing to unlock. Failures are left
     * for {@link #open} to report where the key is needed.
     */
    public void prepare() {
        // the candidates for a hidden recipient are every secret encryption key
        for (PGPSecretKey key : candidateKeys(0)) {
            try {
                unlock(key);
            } catch (CryptoException e) {
                // reported by open() if this key is the one a message needs
            }
        }
        NativeInflate.system();
    }

    /** Returns the plaintext; see the class comment for when the integrity and signature checks happen. */
    public PlaintextStream open(InputStream ciphertext) throws CryptoException {
        SourceStream source = new SourceStream(ciphertext);
        try {
            PGPEncryptedDataList list = encryptedDataList(new PGPObjectFactory(
                    PGPUtil.getDecoderStream(source), new JcaKeyFingerprintCalculator()));
            Decrypted decrypted = decrypt(list, source);
            SignatureCheck check = verificationKeys == null ? null : new SignatureCheck(verificationKeys, requireSignature);
            Literal literal = literal(decrypted.clear(), check);
            return new PlaintextStream(
                    literal.data(), literal.packets(), check, decrypted.clear(), decrypted.data(), source);
        } catch (CryptoException e) {
            closeQuietly(source, e);
            throw e;
        } catch (IOException | RuntimeException e) {
            CryptoException translated = source.causedBy(e)
                    ? new CryptoException("cannot read the encrypted message: " + e.getMessage(), e)
                    : PlaintextStream.corrupt(e);
            closeQuietly(source, translated);
            throw translated;
        }
    }

    private static PGPEncryptedDataList encryptedDataList(PGPObjectFactory factory) throws IOException {
        for (Object o = factory.nextObject(); ; o = factory.nextObject()) {
            if (o instanceof PGPEncryptedDataList) {
                return (PGPEncryptedDataList) o;
            } else if (o == null) {
                throw new CryptoException("not an encrypted OpenPGP message (no encrypted data found)");
            } else if (!(o instanceof PGPMarker)) {
                throw new CryptoException("not an encrypted OpenPGP message (starts with "
                        + o.getClass().getSimpleName() + "); was it written without encryption?");
            }
        }
    }

    private record Decrypted(PGPEncryptedData data, InputStream clear) {}

    private Decrypted decrypt(PGPEncryptedDataList list, SourceStream source) throws CryptoException {
        List<PGPPublicKeyEncryptedData> publicKeyData = new ArrayList<>();
        List<PGPPBEEncryptedData> passphraseData = new ArrayList<>();
        for (PGPEncryptedData data : list) {
            if (data instanceof PGPPublicKeyEncryptedData) {
                publicKeyData.add((PGPPublicKeyEncryptedData) data);
            } else if (data instanceof PGPPBEEncryptedData) {
                passphraseData.add((PGPPBEEncryptedData) data);
            }
        }
        if (list.isEmpty()) {
            throw new CryptoException("message has no session key packet");
        }
        PGPEncryptedData encrypted = list.get(0);
        if (!encrypted.isIntegrityProtected() && !encrypted.isAEAD() && !acceptMissingMdc) {
            // gpg only decrypts these with --ignore-mdc-error; tampering would go unnoticed.
            throw new IntegrityException("message has no integrity protection (MDC), as gpg 1.x wrote with 64-bit ciphers "
                    + "or --rfc2440; refusing to decrypt it: tampering would go unnoticed. Read it anyway with "
                    + "--ignore-mdc-error, as duplicity does");
        }
        CryptoException firstFailure = null;
        for (PGPPublicKeyEncryptedData data : publicKeyData) {
            boolean hidden = data.getKeyID() == 0;
            for (PGPSecretKey secretKey : candidateKeys(data.getKeyID())) {
                if (hidden && !sameAlgorithm(secretKey.getPublicKey().getAlgorithm(), data.getAlgorithm())) {
                    continue; // a hidden recipient's packet still names its algorithm; another kind of key cannot open it
                }
                try {
                    PGPPrivateKey privateKey = unlock(secretKey);
                    PGPSessionKey sessionKey = data.getSessionKey(new BcPublicKeyDataDecryptorFactory(privateKey));
                    return new Decrypted(data, data.getDataStream(sessionKeyFactory(sessionKey, data.isIntegrityProtected())));
                } catch (WrongPassphraseException e) {
                    firstFailure = firstFailure == null ? e : firstFailure;
                } catch (PGPException | RuntimeException e) {
                    throwIfUnreadable(e, source);
                    if (hidden) {
                        continue; // trying every key on a hidden recipient: failing is what another key does, like gpg
                    }
                    firstFailure = firstFailure == null
                            ? new CryptoException(String.format(
                                    "secret key %016X cannot decrypt this message: %s", secretKey.getKeyID(), e.getMessage()), e)
                            : firstFailure;
                }
            }
        }
        if (passphrase != null) {
            for (PGPPBEEncryptedData data : passphraseData) {
                try {
                    PGPSessionKey sessionKey = data.getSessionKey(
                            new JcePBEDataDecryptorFactoryBuilder(digestCalculators())
                                    .setProvider(CryptoProviders.CONTENT)
                                    .build(passphrase));
                    return new Decrypted(data, data.getDataStream(sessionKeyFactory(sessionKey, data.isIntegrityProtected())));
                } catch (PGPException | RuntimeException e) {
                    throwIfUnreadable(e, source);
                    // BC reports a wrong passphrase as "unknown symmetric algorithm" or a failed quick check.
                    firstFailure = firstFailure == null
                            ? new WrongPassphraseException("wrong passphrase: it does not open this "
                                    + "passphrase-encrypted message; check the configured passphrase", e)
                            : firstFailure;
                }
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        if (!publicKeyData.isEmpty() && (passphraseData.isEmpty() || passphrase == null)) {
            List<String> ids = new ArrayList<>();
            boolean hidden = false;
            for (PGPPublicKeyEncryptedData data : publicKeyData) {
                hidden |= data.getKeyID() == 0;
                ids.add(data.getKeyID() == 0 ? "hidden recipient" : String.format("%016X", data.getKeyID()));
            }
            if (hidden && secretKeys != null) {
                throw new MissingKeyException("message is encrypted to key(s) " + String.join(", ", ids)
                        + " and no configured secret key opens it (a hidden recipient's key id is not in the message); "
                        + "configure the secret key file of the key it was encrypted to");
            }
            throw new MissingKeyException("message is encrypted to key(s) " + String.join(", ", ids)
                    + (secretKeys == null ? " but no secret key is configured" : " but no configured secret key matches")
                    + "; configure the secret key file holding one of them");
        }
        if (!passphraseData.isEmpty()) {
            throw new CryptoException("message is passphrase-encrypted but no passphrase is configured; set one");
        }
        throw new CryptoException("message has no session key packet that could be used");
    }

    /** Whether a key of algorithm {@code key} can open a session key packet of algorithm {@code packet}. */
    private static boolean sameAlgorithm(int key, int packet) {
        return family(key) == family(packet);
    }

    private static int family(int algorithm) {
        switch (algorithm) {
            case PublicKeyAlgorithmTags.RSA_GENERAL:
            case PublicKeyAlgorithmTags.RSA_ENCRYPT:
            case PublicKeyAlgorithmTags.RSA_SIGN:
                return PublicKeyAlgorithmTags.RSA_GENERAL;
            case PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT:
            case PublicKeyAlgorithmTags.ELGAMAL_GENERAL:
                return PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT;
            default:
                return algorithm;
        }
    }

    /** A session key failure caused by a short or unreadable ciphertext is not a key problem. */
    private static void throwIfUnreadable(Exception e, SourceStream source) throws CryptoException {
        if (source.causedBy(e)) {
            throw new CryptoException("cannot read the encrypted message: " + e.getMessage(), e);
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof EOFException) {
                throw PlaintextStream.corrupt(c);
            }
        }
    }

    private static SessionKeyDataDecryptorFactory sessionKeyFactory(PGPSessionKey sessionKey, boolean integrityProtected) {
        if (!integrityProtected) {
            // A packet without an MDC (read only when accepted) uses OpenPGP's resynchronising CFB, which the JDK
            // lacks; Bouncy Castle's lightweight engines read it.
            return new BcSessionKeyDataDecryptorFactory(sessionKey);
        }
        return JdkMdcDigest.decryptorFactory(new JceSessionKeyDataDecryptorFactoryBuilder()
                .setProvider(contentProvider(sessionKey.getAlgorithm()))
                .build(sessionKey));
    }

    // The JDK has AES (with AES-NI) but not the older OpenPGP ciphers such as CAST5 (gpg 1.x's default).
    private static Provider contentProvider(int algorithm) {
        boolean aes = algorithm == SymmetricKeyAlgorithmTags.AES_128
                || algorithm == SymmetricKeyAlgorithmTags.AES_192
                || algorithm == SymmetricKeyAlgorithmTags.AES_256;
        return aes ? Security.getProvider(CryptoProviders.CONTENT) : CryptoProviders.publicKey();
    }

    private List<PGPSecretKey> candidateKeys(long keyId) {
        List<PGPSecretKey> keys = new ArrayList<>();
        if (secretKeys == null) {
            return keys;
        }
        if (keyId != 0) {
            PGPSecretKey key = secretKeys.getSecretKey(keyId);
            if (key != null && !key.isPrivateKeyEmpty()) {
                keys.add(key);
            }
            return keys;
        }
        // Hidden recipient (wildcard key id 0): try every secret encryption key.
        for (Iterator<PGPSecretKeyRing> rings = secretKeys.getKeyRings(); rings.hasNext(); ) {
            for (Iterator<PGPSecretKey> it = rings.next().getSecretKeys(); it.hasNext(); ) {
                PGPSecretKey key = it.next();
                if (key.getPublicKey().isEncryptionKey() && !key.isPrivateKeyEmpty()) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    private PGPPrivateKey unlock(PGPSecretKey secretKey) throws CryptoException {
        boolean isProtected = secretKey.getS2KUsage() != 0;
        if (isProtected && passphrase == null) {
            throw new WrongPassphraseException(String.format(
                    "secret key %016X is passphrase-protected but no passphrase is configured; set it",
                    secretKey.getKeyID()), null);
        }
        FutureTask<PGPPrivateKey> unlocking = unlockedKeys.computeIfAbsent(secretKey.getKeyID(), id -> new FutureTask<>(
                // The S2K hashing goes through the JDK's digests; the few bytes of key material through BC's engines.
                () -> secretKey.extractPrivateKey(new BcPBESecretKeyDecryptorBuilder(digestCalculators())
                        .build(passphrase == null ? new char[0] : passphrase))));
        unlocking.run(); // does nothing when another thread runs or ran it
        try {
            return unlocking.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CryptoException("interrupted while unlocking secret key " + String.format("%016X", secretKey.getKeyID()), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PGPException pgp) {
                throw new WrongPassphraseException(String.format(
                        "wrong passphrase: it does not unlock secret key %016X (%s); check the configured passphrase",
                        secretKey.getKeyID(), pgp.getMessage()), pgp);
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static PGPDigestCalculatorProvider digestCalculators() throws PGPException {
        return new JcaPGPDigestCalculatorProviderBuilder().build();
    }

    /** The literal data and the packet sequence it is part of, where signatures may follow it. */
    private record Literal(InputStream data, PGPObjectFactory packets) {}

    /**
     * Walks compressed, signature and marker packets down to the one literal packet, handing signatures found on
     * the way to {@code check} (if not null).
     */
    private static Literal literal(InputStream clear, SignatureCheck check) throws IOException {
        PGPObjectFactory factory = new PGPObjectFactory(clear, new JcaKeyFingerprintCalculator());
        while (true) {
            Object o = factory.nextObject();
            if (o instanceof PGPLiteralData) {
                return new Literal(((PGPLiteralData) o).getInputStream(), factory);
            } else if (check != null && o instanceof PGPOnePassSignatureList) {
                check.add((PGPOnePassSignatureList) o);
            } else if (check != null && o instanceof PGPSignatureList) {
                check.add((PGPSignatureList) o);
            } else if (o instanceof PGPCompressedData) {
                try {
                    factory = new PGPObjectFactory(
                            CompressedPacketStream.open((PGPCompressedData) o), new JcaKeyFingerprintCalculator());
                } catch (PGPException e) {
                    throw new IntegrityException("cannot decompress the message: " + e.getMessage(), e);
                }
            } else if (o == null) {
                throw new EOFException("message ends before its literal data packet");
            } else if (!(o instanceof PGPOnePassSignatureList || o instanceof PGPSignatureList
                    || o instanceof PGPMarker || o instanceof PGPPadding)) {
                throw new CryptoException("unexpected " + o.getClass().getSimpleName() + " in the encrypted message");
            }
        }
    }

    private static void closeQuietly(InputStream in, Exception primary) {
        try {
            in.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
