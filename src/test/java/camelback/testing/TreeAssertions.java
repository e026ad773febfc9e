package camelback.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Compares two trees as a restore must reproduce them: type, content, mode, mtime, link target. */
public final class TreeAssertions {
    private TreeAssertions() {
    }

    public static void assertSameTree(Path expected, Path actual) throws IOException {
        assertThat(describe(actual)).as("restored tree %s vs source %s", actual, expected).isEqualTo(describe(expected));
    }

    /** One line per path; symlink mtimes are left out (duplicity does not restore them). */
    public static List<String> describe(Path root) throws IOException {
        TreeMap<String, String> lines = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                String rel = root.relativize(p).toString();
                PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String mode = PosixFilePermissions.toString(a.permissions());
                String line;
                if (a.isSymbolicLink()) {
                    line = "link -> " + Files.readSymbolicLink(p);
                } else if (a.isDirectory()) {
                    line = "dir " + mode + " " + a.lastModifiedTime().toMillis() / 1000;
                } else if (a.isRegularFile()) {
                    line = "file " + mode + " " + a.lastModifiedTime().toMillis() / 1000 + " " + a.size() + " "
                            + Arrays.hashCode(digest(p));
                } else {
                    line = "other " + mode;
                }
                lines.put(rel.isEmpty() ? "." : rel, line);
            }
        }
        List<String> out = new ArrayList<>();
        lines.forEach((k, v) -> out.add(k + "  " + v));
        return out;
    }

    private static byte[] digest(Path p) throws IOException {
        try (var in = Files.newInputStream(p)) {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return md.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
