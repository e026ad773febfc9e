package camelback.camel;

import camelback.archive.PlainVolume;
import camelback.crypto.CryptoException;
import camelback.crypto.KeyFiles;
import camelback.crypto.PassphraseEncryptor;
import camelback.crypto.SigningKey;
import camelback.job.JobConfig;
import camelback.job.Secrets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.converter.crypto.PGPDataFormat;
import org.apache.camel.support.DefaultExchange;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Stage "encrypt": turns a plain volume, sigtar or manifest into the file stored on the target
 * (public key through camel-crypto-pgp, passphrase through Bouncy Castle, or gzip), streaming
 * file to file, and names it as duplicity does.
 */
public final class StoredFileEncoder {
    /** Header naming what the body is: {@code volume}, {@code signatures} or {@code manifest}. */
    public static final String KIND_HEADER = "camelbackKind";
    public static final String VOLUME_PROPERTY = "camelbackVolume";
    public static final String STORED_PROPERTY = "camelbackStored";

    private final Secrets secrets;
    private final Map<String, PGPDataFormat> publicKeyFormats = new ConcurrentHashMap<>();
    private final Map<String, SigningKey> signers = new ConcurrentHashMap<>();

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
        String name;
        boolean manifest = false;
        if (body instanceof PlainVolume volume) {
            exchange.setProperty(VOLUME_PROPERTY, volume);
            plain = volume.file();
            name = run.setName().volume(volume.number(), suffix);
        } else {
            plain = in.getBody(Path.class);
            String kind = in.getHeader(KIND_HEADER, String.class);
            manifest = "manifest".equals(kind);
            name = manifest ? run.setName().manifest(suffix) : run.setName().signatures(suffix);
        }
        Path stored = run.workDir().resolve(name);
        switch (job.encryption()) {
            case NONE -> {
                if (manifest) {
                    Files.copy(plain, stored);
                } else {
                    gzip(plain, stored, job.compressionLevel());
                }
            }
            case PASSPHRASE -> {
                char[] passphrase = secrets.passphrase(job.name()).orElseThrow(() -> new CryptoException(
                        "job " + job.name() + " uses passphrase encryption but PASSPHRASE is not set (environment or secrets file)"));
                try (InputStream src = Files.newInputStream(plain);
                     OutputStream out = new PassphraseEncryptor(passphrase, job.compressionLevel(), signer(job))
                             .open(new BufferedOutputStream(Files.newOutputStream(stored), 1 << 16))) {
                    src.transferTo(out);
                }
            }
            case PUBLIC_KEY -> {
                PGPDataFormat format = publicKeyFormats.computeIfAbsent(job.name(), n -> publicKeyFormat(job, signPassphrase(job)));
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(stored), 1 << 16)) {
                    // a scratch exchange: the data format may create an out message, which would drop our headers
                    format.marshal(new DefaultExchange(exchange.getContext()), plain.toFile(), out);
                }
            }
        }
        if (body instanceof PlainVolume) {
            // signatures and manifest stay for the archive dir; the set writer deletes them on close
            Files.deleteIfExists(plain);
        }
        exchange.setProperty(STORED_PROPERTY, stored);
        in.setBody(stored.toFile());
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

    private static void gzip(Path plain, Path stored, int level) throws IOException {
        try (InputStream src = Files.newInputStream(plain);
             OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(stored), 1 << 16), 1 << 16) {
                 {
                     def.setLevel(level == 0 ? Deflater.NO_COMPRESSION : level);
                 }
             }) {
            src.transferTo(out);
        }
    }
}
