package camelback.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hashes a manifest records for stored volumes ("Hash SHA1 ..."; duplicity also reads MD5). */
public final class FileHash {
    private static final int BUFFER = 1 << 18;

    private FileHash() {
    }

    public static String sha1(Path file) throws IOException {
        return of(file, "SHA1");
    }

    /** Lower-case hex digest of a file; {@code type} as a manifest names it (SHA1, MD5). */
    public static String of(Path file, String type) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA1".equalsIgnoreCase(type) ? "SHA-1" : type);
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("unknown hash type " + type + " in the manifest", e);
        }
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
