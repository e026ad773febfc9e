package camelback.crypto;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPadding;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;

/**
 * Verifies the signatures of one message over its literal data as it streams: one-pass signatures (as gpg and we
 * write them) and also old-style signatures placed before the literal packet. Every signature made by a
 * verification key must be good, and at least one must be made by one.
 */
final class SignatureCheck {
    /** Who made the verified signature: the signing (sub)key's id and its primary key's fingerprint. */
    record Signer(String keyId, String fingerprint) {}

    private final PGPPublicKeyRingCollection verificationKeys;
    private final RsaSignatureVerifiers verifiers = new RsaSignatureVerifiers();
    private final boolean required;
    private final List<PGPOnePassSignature> onePass = new ArrayList<>();
    private final List<PGPSignature> leading = new ArrayList<>();
    private final Set<String> unknownSigners = new LinkedHashSet<>();
    private boolean signed;

    SignatureCheck(PGPPublicKeyRingCollection verificationKeys, boolean required) {
        this.verificationKeys = verificationKeys;
        this.required = required;
    }

    /** One-pass signature packets, read before the literal packet. */
    void add(PGPOnePassSignatureList list) throws CryptoException {
        for (PGPOnePassSignature signature : list) {
            if (prepare(signature.getKeyID(), signature::init)) {
                onePass.add(signature);
            }
        }
    }

    /** Signature packets read before the literal packet (no one-pass packets; old PGP style). */
    void add(PGPSignatureList list) throws CryptoException {
        for (PGPSignature signature : list) {
            if (prepare(signature.getKeyID(), signature::init)) {
                leading.add(signature);
            }
        }
    }

    /** Bouncy Castle's two signature types share an {@code init} but no interface. */
    @FunctionalInterface
    private interface Init {
        void init(RsaSignatureVerifiers verifiers, PGPPublicKey key) throws PGPException;
    }

    /** Readies a signature by {@code keyId} for checking; false when no verification key is known for it. */
    private boolean prepare(long keyId, Init signature) throws CryptoException {
        signed = true;
        PGPPublicKey key = verificationKey(keyId);
        if (key == null) {
            return false;
        }
        try {
            signature.init(verifiers, key);
        } catch (PGPException e) {
            throw new SignatureException("cannot check the signature by key " + keyId(key.getKeyID())
                    + ": " + e.getMessage(), e);
        }
        return true;
    }

    void update(byte[] b, int off, int len) {
        for (PGPOnePassSignature signature : onePass) {
            signature.update(b, off, len);
        }
        for (PGPSignature signature : leading) {
            signature.update(b, off, len);
        }
    }

    /**
     * Call after the literal data has been read to its end: reads the trailing signature packets from
     * {@code factory} and checks them all.
     *
     * @return the signer; null if the message is unsigned and no signature is required
     */
    Signer finish(PGPObjectFactory factory) throws IOException {
        PGPSignatureList trailing = onePass.isEmpty() ? null : trailingSignatures(factory);
        if (!signed) {
            if (required) {
                throw new SignatureException("message is not signed, but a signature is required; "
                        + "it was written without a signing key, or someone replaced it");
            }
            return null;
        }
        PGPSignature good = null;
        try {
            for (PGPOnePassSignature announced : onePass) {
                PGPSignature signature = matching(announced, trailing);
                if (!announced.verify(signature)) {
                    throw bad(signature.getKeyID());
                }
                good = good == null ? signature : good;
            }
            for (PGPSignature signature : leading) {
                if (!signature.verify()) {
                    throw bad(signature.getKeyID());
                }
                good = good == null ? signature : good;
            }
        } catch (PGPException e) {
            throw new SignatureException("cannot check the message's signature: " + e.getMessage(), e);
        }
        if (good == null) {
            throw new SignatureException("message is signed by key " + String.join(", ", unknownSigners)
                    + ", which is not among the verification keys; add that public key if you trust it");
        }
        PGPPublicKey key = verificationKeys.getPublicKey(good.getKeyID());
        return new Signer(keyId(good.getKeyID()), KeyFiles.fingerprint(key));
    }

    private PGPSignatureList trailingSignatures(PGPObjectFactory factory) throws IOException {
        for (Object o = factory.nextObject(); o != null; o = factory.nextObject()) {
            if (o instanceof PGPSignatureList) {
                return (PGPSignatureList) o;
            } else if (!(o instanceof PGPMarker || o instanceof PGPPadding)) {
                break;
            }
        }
        throw new SignatureException("message announces a signature by key " + keyId(onePass.get(0).getKeyID())
                + " but has none after its data; it was cut short or altered");
    }

    private static PGPSignature matching(PGPOnePassSignature announced, PGPSignatureList trailing)
            throws SignatureException {
        for (PGPSignature signature : trailing) {
            if (signature.getKeyID() == announced.getKeyID()) {
                return signature;
            }
        }
        throw new SignatureException("message announces a signature by key " + keyId(announced.getKeyID())
                + " but carries none by that key; it was altered");
    }

    private PGPPublicKey verificationKey(long keyId) throws CryptoException {
        PGPPublicKey key = verificationKeys.getPublicKey(keyId);
        if (key == null) {
            unknownSigners.add(keyId(keyId));
        } else if (key.hasRevocation()) {
            throw new SignatureException("message is signed by key " + keyId(keyId)
                    + ", which is revoked; do not trust it");
        }
        return key;
    }

    private static SignatureException bad(long keyId) {
        return new SignatureException("bad signature by key " + keyId(keyId)
                + ": the data or its signature was modified after signing; do not trust it");
    }

    private static String keyId(long keyId) {
        return String.format(Locale.ROOT, "%016X", keyId);
    }
}
