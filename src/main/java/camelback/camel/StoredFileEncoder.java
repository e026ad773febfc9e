package camelback.camel;

import camelback.archive.DiskFull;
import camelback.archive.PlainVolume;
import camelback.crypto.CryptoException;
import camelback.crypto.KeyFiles;
import camelback.crypto.AdaptiveGzipOutputStream;
import camelback.crypto.PassphraseEncryptor;
import camelback.crypto.PublicKeyEncryptor;
import camelback.crypto.SigningKey;
import camelback.job.JobConfig;
import camelback.job.Secrets;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.converter.crypto.PGPDataFormat;
import org.apache.camel.support.DefaultExchange;
import org.bouncycastle.openpgp.PGPPublicKey;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stage "encrypt": turns a plain volume, sigtar or manifest into the file stored on the target,
 * streaming file to file, and names it as duplicity does. OpenPGP messages (public key or
 * passphrase) and gzip use adaptive compression: blocks that do not shrink are stored, which gpg
 * and duplicity read like any zlib stream. {@code crypto-pgp=true} sends public-key jobs through
 * camel-crypto-pgp's data format instead (fixed zlib level 6, about half the speed).
 */
public final class StoredFileEncoder {
    /** Header naming what the body is: {@code volume}, {@code signatures} or {@code manifest}. */
    public static final String KIND_HEADER = "camelbackKind";
    public static final String VOLUME_PROPERTY = "camelbackVolume";
    public static final String STORED_PROPERTY = "camelbackStored";
    /** SHA-1 (hex) of the stored file, taken while it was written, so the manifest needs no second read. */
    public static final String STORED_SHA1_PROPERTY = "camelbackStoredSha1";

    private final Secrets secrets;
    private final CamelContext camelContext;
    private final Map<String, PGPDataFormat> publicKeyFormats = new ConcurrentHashMap<>();
    private final Map<String, SigningKey> signers = new ConcurrentHashMap<>();
    private final Map<String, List<PGPPublicKey>> recipientsByJob = new ConcurrentHashMap<>();

    public StoredFileEncoder(Secrets secrets, CamelContext camelContext) {
        this.secrets = secrets;
        this.camelContext = camelContext;
    }

    /** A file as stored: where it was written in the work dir, its name on the target and its SHA-1 (hex). */
    record Encoded(Path stored, String name, String sha1) {
    }

    /**
     * Encodes the exchange's body: a volume whose encoding {@link SetFiles} started as the volume's cut began is
     * awaited, anything else is encoded now. The stored file becomes the body, named for the upload.
     */
    public void encode(Exchange exchange) throws Exception {
        BackupRun run = exchange.getProperty(BackupRun.PROPERTY, BackupRun.class);
        Message in = exchange.getMessage();
        Object body = in.getBody();
        Encoded encoded;
        if (body instanceof PlainVolume volume) {
            exchange.setProperty(VOLUME_PROPERTY, volume);
            if (run.volumeFailure() != null) {
                // The set cannot be completed: a volume cut before the failure is not uploaded after it.
                throw new IOException("volume " + volume.number() + " not stored: an earlier volume failed");
            }
            encoded = run.encodedVolume(volume.number(), () -> encodeVolume(run, volume));
        } else {
            Path plain = in.getBody(Path.class);
            boolean manifest = "manifest".equals(in.getHeader(KIND_HEADER, String.class));
            String suffix = run.job().encryption().suffix();
            String name = manifest ? run.setName().manifest(suffix) : run.setName().signatures(suffix);
            encoded = encode(run, plain, () -> Files.newInputStream(plain), name, manifest);
        }
        exchange.setProperty(STORED_PROPERTY, encoded.stored());
        exchange.setProperty(STORED_SHA1_PROPERTY, encoded.sha1());
        in.setBody(encoded.stored().toFile());
        // The file producer then moves the stored file into a file:// target instead of copying it.
        in.setHeader(Exchange.FILE_LOCAL_WORK_PATH, encoded.stored().toString());
        String targetName = run.job().storedName(encoded.name());
        in.setHeader(Exchange.FILE_NAME, targetName);
        in.setHeader("CamelAwsS3Key", UploadEndpoints.keyFor(run.job(), targetName));
        in.setHeader("CamelAwsS3ContentLength", Files.size(encoded.stored()));
    }

    /** Encodes a volume, reading it as it is cut; its plain file goes once its stored form is written. */
    Encoded encodeVolume(BackupRun run, PlainVolume volume) throws Exception {
        String name = run.setName().volume(volume.number(), run.job().encryption().suffix());
        PlainSource source = new PlainSource() {
            @Override
            public InputStream open() throws IOException {
                return volume.open();
            }

            @Override
            public void awaitComplete() throws IOException {
                volume.awaitCut();
            }
        };
        Encoded encoded = encode(run, volume.file(), source, name, false);
        // signatures and manifest stay for the archive dir; the set writer deletes them on close
        Files.deleteIfExists(volume.file());
        return encoded;
    }

    private Encoded encode(BackupRun run, Path plain, PlainSource source, String name, boolean manifest)
            throws Exception {
        JobConfig job = run.job();
        Path stored = run.workDir().resolve(name);
        MessageDigest sha1 = sha1();
        try {
            switch (job.encryption()) {
                case NONE -> {
                    if (manifest) {
                        try (OutputStream out = buffered(stored, sha1)) {
                            Files.copy(plain, out);
                        }
                    } else {
                        copy(source, new AdaptiveGzipOutputStream(buffered(stored, sha1), job.compressionLevel()));
                    }
                }
                case PASSPHRASE -> {
                    char[] passphrase = secrets.passphrase(job.name()).orElseThrow(() -> new CryptoException(
                            "job " + job.name() + " uses passphrase encryption but PASSPHRASE is not set (environment or secrets file)"));
                    copy(source, new PassphraseEncryptor(passphrase, job.compressionLevel(), signer(job)).open(buffered(stored, sha1)));
                }
                case PUBLIC_KEY -> {
                    if (job.camelCryptoPgp()) {
                        PGPDataFormat format = publicKeyFormats.computeIfAbsent(job.name(), n -> publicKeyFormat(job, signPassphrase(job)));
                        // the data format reads a whole file
                        source.awaitComplete();
                        try (OutputStream out = buffered(stored, sha1)) {
                            // a scratch exchange: the data format may create an out message, which would drop our headers
                            format.marshal(new DefaultExchange(camelContext), plain.toFile(), out);
                        }
                    } else {
                        copy(source, publicKeyEncryptor(job).open(buffered(stored, sha1)));
                    }
                }
            }
        } catch (IOException e) {
            IOException write = WorkDirOutput.writeFailure(e);
            if (write == null) {
                throw e;
            }
            String reason = DiskFull.isCause(write) ? "the disk is full" : write.getMessage();
            throw new IOException("cannot write " + name + " into the work dir " + run.workDir() + ": " + reason
                    + "; free space there or point the job's archive-dir at a bigger disk", write);
        }
        return new Encoded(stored, name, HexFormat.of().formatHex(sha1.digest()));
    }

    private PGPDataFormat publicKeyFormat(JobConfig job, char[] signPassphrase) {
        try {
            return PublicKeyDataFormats.forPublicKey(job.publicKey(), null, job.compressionLevel() > 0,
                    job.signing().signKey(), signPassphrase);
        } catch (CryptoException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job's signing key, unlocked once; null when the job does not sign. */
    private SigningKey signer(JobConfig job) throws CryptoException {
        if (job.signing().signKey() == null) {
            return null;
        }
        SigningKey key = signers.get(job.name());
        if (key == null) {
            key = KeyFiles.signingKey(job.signing().signKey(), signPassphrase(job));
            signers.put(job.name(), key);
        }
        return key;
    }

    private char[] signPassphrase(JobConfig job) {
        return secrets.forJob(Secrets.SIGN_PASSPHRASE, job.name()).map(String::toCharArray)
                .or(() -> secrets.passphrase(job.name())).orElse(new char[0]);
    }

    /** Adaptive compression (stored blocks for data that does not shrink) and the JDK's AES. */
    private PublicKeyEncryptor publicKeyEncryptor(JobConfig job) throws CryptoException {
        List<PGPPublicKey> recipients = recipientsByJob.get(job.name());
        if (recipients == null) {
            recipients = KeyFiles.encryptionKeys(job.publicKey());
            recipientsByJob.put(job.name(), recipients);
        }
        return new PublicKeyEncryptor(recipients, job.compressionLevel(), signer(job));
    }

    private static OutputStream buffered(Path file, MessageDigest digest) throws IOException {
        return new BufferedOutputStream(new DigestOutputStream(new WorkDirOutput(file), digest), 1 << 16);
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e);
        }
    }

    /** Where the plain bytes come from: a volume still being cut, or a finished file. */
    private interface PlainSource {
        InputStream open() throws IOException;

        /** Waits until the whole file is written, for a reader that takes it whole. */
        default void awaitComplete() throws IOException {
        }
    }

    private static void copy(PlainSource plain, OutputStream encoded) throws IOException {
        try (InputStream src = plain.open(); encoded) {
            src.transferTo(encoded);
        }
    }
}
