package camelback.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.PGPContentVerifier;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilder;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyConverter;

/**
 * Signature verifiers that check RSA signatures with the JDK's RSA and SHA-2 (with CPU intrinsics) in a single pass
 * over the data; Bouncy Castle's own verifier hashes everything twice with its pure-Java digests, which halves
 * restore throughput. Other key algorithms go to Bouncy Castle.
 */
final class RsaSignatureVerifiers implements PGPContentVerifierBuilderProvider {
    private static final String JDK_RSA = "SunRsaSign";

    private final PGPContentVerifierBuilderProvider others =
            new JcaPGPContentVerifierBuilderProvider().setProvider(CryptoProviders.publicKey());

    @Override
    public PGPContentVerifierBuilder get(int keyAlgorithm, int hashAlgorithm) throws PGPException {
        String digest = jdkDigestName(hashAlgorithm);
        boolean rsa = keyAlgorithm == PublicKeyAlgorithmTags.RSA_GENERAL
                || keyAlgorithm == PublicKeyAlgorithmTags.RSA_SIGN;
        if (!rsa || digest == null) {
            return others.get(keyAlgorithm, hashAlgorithm);
        }
        return key -> verifier(key, keyAlgorithm, hashAlgorithm, digest + "withRSA");
    }

    private static PGPContentVerifier verifier(PGPPublicKey key, int keyAlgorithm, int hashAlgorithm, String name)
            throws PGPException {
        PublicKey jdkKey = new JcaPGPKeyConverter().setProvider(JDK_RSA).getPublicKey(key);
        Signature signature;
        try {
            signature = Signature.getInstance(name, JDK_RSA);
            signature.initVerify(jdkKey);
        } catch (GeneralSecurityException e) {
            throw new PGPException("cannot verify " + name + " signatures: " + e.getMessage(), e);
        }
        int modulusBytes = (((RSAPublicKey) jdkKey).getModulus().bitLength() + 7) / 8;
        OutputStream data = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    signature.update(b, off, len);
                } catch (java.security.SignatureException e) {
                    throw new IOException("signature not initialised: " + e.getMessage(), e);
                }
            }
        };
        return new PGPContentVerifier() {
            @Override
            public OutputStream getOutputStream() {
                return data;
            }

            @Override
            public int getHashAlgorithm() {
                return hashAlgorithm;
            }

            @Override
            public int getKeyAlgorithm() {
                return keyAlgorithm;
            }

            @Override
            public long getKeyID() {
                return key.getKeyID();
            }

            @Override
            public boolean verify(byte[] expected) {
                try {
                    return signature.verify(leftPadded(expected, modulusBytes));
                } catch (java.security.SignatureException e) {
                    return false; // malformed signature value: as bad as a wrong one
                }
            }
        };
    }

    // OpenPGP stores the signature as an MPI without leading zero bytes; the JDK wants the modulus length.
    private static byte[] leftPadded(byte[] value, int length) {
        if (value.length >= length) {
            return value;
        }
        byte[] padded = new byte[length];
        System.arraycopy(value, 0, padded, length - value.length, value.length);
        return padded;
    }

    private static String jdkDigestName(int hashAlgorithm) {
        switch (hashAlgorithm) {
            case HashAlgorithmTags.SHA1:
                return "SHA1";
            case HashAlgorithmTags.SHA224:
                return "SHA224";
            case HashAlgorithmTags.SHA256:
                return "SHA256";
            case HashAlgorithmTags.SHA384:
                return "SHA384";
            case HashAlgorithmTags.SHA512:
                return "SHA512";
            default:
                return null;
        }
    }
}
