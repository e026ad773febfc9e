package camelback.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A throwaway GNUPGHOME for running the real gpg and duplicity. */
public final class GpgHome {
    private final Path dir;

    public GpgHome(Path parent) throws IOException {
        dir = Files.createDirectories(parent.resolve("gnupg"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    public Map<String, String> env() {
        return Map.of("GNUPGHOME", dir.toString(), "LC_ALL", "C.UTF-8", "LANG", "C.UTF-8");
    }

    public void importKey(Path armored, String passphrase) throws IOException, InterruptedException {
        Processes.ok(null, env(), List.of("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", passphrase,
                "--import", armored.toString()));
    }

    public byte[] decrypt(Path file, String passphrase) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "plain", ".bin");
        List<String> cmd = new ArrayList<>(List.of("gpg", "--batch", "--yes", "--pinentry-mode", "loopback",
                "--passphrase", passphrase, "-o", out.toString(), "--decrypt", file.toString()));
        Processes.ok(null, env(), cmd);
        byte[] bytes = Files.readAllBytes(out);
        Files.delete(out);
        return bytes;
    }
}
