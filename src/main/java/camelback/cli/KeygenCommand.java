package camelback.cli;

import camelback.crypto.KeyPairGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Makes an OpenPGP key pair in batch mode: armored files, mode 0600. */
@Command(name = "keygen", description = "Generate an OpenPGP key pair (armored, 0600). The secret key's passphrase comes from PASSPHRASE.")
final class KeygenCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "config/keys", description = "folder for the key files (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "camelback", description = "file name stem: NAME.pub.asc, NAME.sec.asc")
    String name;

    @Option(names = "--user-id", paramLabel = "UID", description = "e.g. \"Backups <ops@example.org>\"")
    String userId;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        Path pub = out.resolve(name + ".pub.asc");
        Path sec = out.resolve(name + ".sec.asc");
        if (Files.exists(pub) || Files.exists(sec)) {
            throw new IllegalArgumentException(pub + " or " + sec + " already exists; choose another --name or --out");
        }
        String passphrase = System.getenv("PASSPHRASE");
        KeyPairGenerator.GeneratedKey key = KeyPairGenerator.generate(
                userId != null ? userId : "camelback " + name + " <camelback@localhost>",
                passphrase == null ? new char[0] : passphrase.toCharArray(), pub, sec);
        System.out.println("fingerprint " + key.fingerprint());
        System.out.println("public key  " + pub + "  (give this to the backup jobs: camelback.job.NAME.public-key)");
        System.out.println("secret key  " + sec + "  (mode 0600; move a copy OFF this machine, e.g. to a password manager or an offline");
        System.out.println("             medium: without it no backup can be restored. A server that only backs up needs just the public key.)");
        if (passphrase == null) {
            System.out.println("warning: the secret key has no passphrase (set PASSPHRASE to protect it)");
        }
        return ExitCode.OK.code();
    }
}
