package camelback.job;

import camelback.crypto.KeyPairGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * First-run convenience for jobs with {@code generate-key=true}: makes the job's key pair when its
 * public key file does not exist yet, so the quick start needs no gpg.
 */
public final class KeyBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(KeyBootstrap.class);

    private KeyBootstrap() {
    }

    public static void ensureKeys(JobConfig job) throws IOException {
        if (job.encryption() != Encryption.PUBLIC_KEY || !job.generateKey() || Files.exists(job.publicKey())) {
            return;
        }
        Path secret = job.secretKeyFile()
                .orElseGet(() -> job.publicKey().resolveSibling(job.name() + ".sec.asc"));
        Files.createDirectories(job.publicKey().getParent());
        KeyPairGenerator.GeneratedKey key = KeyPairGenerator.generate(
                "camelback " + job.name() + " <camelback-" + job.name() + "@localhost>", new char[0],
                job.publicKey(), secret);
        LOG.warn("job {}: generated a new OpenPGP key pair {} (public {}, secret {}); keep a copy of the secret key "
                + "away from this machine: without it the backups cannot be restored", job.name(),
                key.fingerprint(), key.publicKeyFile(), key.secretKeyFile());
    }
}
