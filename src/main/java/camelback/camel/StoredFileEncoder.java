package camelback.camel;

import camelback.archive.PlainVolume;
import camelback.crypto.CryptoException;
import camelback.crypto.KeyFiles;
import camelback.crypto.AdaptiveGzipOutputStream;
import camelback.crypto.PassphraseEncryptor;
import camelback.crypto.PublicKeyEncryptor;
import camelback.crypto.SigningKey;
import camelback.job.JobConfig;
import camelback.job.Secrets;
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
    private final Map<String, PGPDataFormat> publicKeyFormats = new ConcurrentHashMap<>();
    private final Map<String, SigningKey> signers = new ConcurrentHashMap<>();
    private final Map<String, List<PGPPublicKey>> recipientsByJob = new ConcurrentHashMap<>();

    public StoredFileEncoder(Secrets secrets) {
        this.secrets = secrets;
    }

    public void encode(Exchange exchange) throws Exception {
        BackupRun run = exchange.getProperty(BackupRun.PROPERTY, BackupRun.class);
        JobConfig job = run.job();
        Message in = exchange.getMessage();
        Object body = in.getBody();
        String suffix = job.encryption().suffix();
        Path plain;
        PlainSource source;
        String name;
        boolean manifest = false;
        if (body instanceof PlainVolume volume) {
            exchange.setProperty(VOLUME_PROPERTY, volume);
            plain = volume.file();
            source = volume::open;
            name = run.setName().volume(volume.number(), suffix);
        } else {
            plain = in.getBody(Path.class);
            Path file = plain;
            source = () -> Files.newInputStream(file);
            String kind = in.getHeader(KIND_HEADER, String.class);
            manifest = "manifest".equals(kind);
            name = manifest ? run.setName().manifest(suffix) : run.setName().signatures(suffix);
        }
        Path stored = run.workDir().resolve(name);
        MessageDigest sha1 = sha1();
        try {
            switch (job.encryption()) {
                case NONE -> {
                    if (manifest) {
                        Files.copy(plain, stored);
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
                        if (body instanceof PlainVolume volume) {
                            // the data format reads a whole file
                            volume.awaitCut();
                        }
                        try (OutputStream out = buffered(stored, sha1)) {
                            // a scratch exchange: the data format may create an out message, which would drop our headers
                            format.marshal(new DefaultExchange(exchange.getContext()), plain.toFile(), out);
                        }
                    } else {
                        copy(source, publicKeyEncryptor(job).open(buffered(stored, sha1)));
                    }
                }
            }
        } catch (IOException e) {
            if (ErrorMessages.isDiskFull(e)) {
                throw new IOException("cannot write " + name + " into the work dir " + run.workDir()
                        + ": the disk is full; free space there or point the job's archive-dir at a bigger disk", e);
            }
            throw e;
        }
        if (body instanceof PlainVolume) {
            // signatures and manifest stay for the archive dir; the set writer deletes them on close
            Files.deleteIfExists(plain);
        }
        exchange.setProperty(STORED_PROPERTY, stored);
        exchange.setProperty(STORED_SHA1_PROPERTY, HexFormat.of().formatHex(sha1.digest()));
        in.setBody(stored.toFile());
        // The file producer then moves the stored file into a file:// target instead of copying it.
        in.setHeader(Exchange.FILE_LOCAL_WORK_PATH, stored.toString());
        in.setHeader(Exchange.FILE_NAME, name);
        in.setHeader("CamelAwsS3Key", UploadEndpoints.keyFor(job, name));
        in.setHeader("CamelAwsS3ContentLength", Files.size(stored));
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
        return secrets.forJob("SIGN_PASSPHRASE", job.name()).map(String::toCharArray)
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
        return new BufferedOutputStream(new DigestOutputStream(Files.newOutputStream(file), digest), 1 << 16);
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
    }

    private static void copy(PlainSource plain, OutputStream encoded) throws IOException {
        try (InputStream src = plain.open(); encoded) {
            src.transferTo(encoded);
        }
    }
}
