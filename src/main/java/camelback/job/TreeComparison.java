package camelback.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * verify --compare-data: walks a restored tree and the source side by side and names every path
 * whose type, content, permissions or mtime differ, or that exists on one side only.
 */
public final class TreeComparison {
    private static final int MAX_REPORTED = 100;

    private TreeComparison() {
    }

    public static List<String> differences(Path source, Path restored) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(restored)) {
            for (Path r : (Iterable<Path>) paths::iterator) {
                Path rel = restored.relativize(r);
                Path s = source.resolve(rel.toString());
                String diff = compare(s, r);
                if (diff != null && out.size() < MAX_REPORTED) {
                    out.add((rel.toString().isEmpty() ? "." : rel) + ": " + diff);
                }
            }
        }
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path s : (Iterable<Path>) paths::iterator) {
                Path rel = source.relativize(s);
                // sockets are never backed up (duplicity skips them too)
                boolean other = Files.readAttributes(s, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
                if (!other && !Files.exists(restored.resolve(rel.toString()), LinkOption.NOFOLLOW_LINKS)
                        && out.size() < MAX_REPORTED) {
                    out.add(rel + ": in the source but not in the backup");
                }
            }
        }
        return out;
    }

    private static String compare(Path source, Path restored) throws IOException {
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            return "in the backup but no longer in the source";
        }
        PosixFileAttributes a = Files.readAttributes(source, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes b = Files.readAttributes(restored, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink() || b.isSymbolicLink()) {
            return a.isSymbolicLink() && b.isSymbolicLink()
                    && Files.readSymbolicLink(source).equals(Files.readSymbolicLink(restored)) ? null : "symlink differs";
        }
        if (a.isDirectory() != b.isDirectory() || a.isRegularFile() != b.isRegularFile()) {
            return "type differs";
        }
        if (!a.permissions().equals(b.permissions())) {
            return "permissions differ";
        }
        if (a.lastModifiedTime().toMillis() / 1000 != b.lastModifiedTime().toMillis() / 1000) {
            return "mtime differs";
        }
        if (a.isRegularFile() && (a.size() != b.size() || !sameContent(source, restored))) {
            return "content differs";
        }
        return null;
    }

    private static boolean sameContent(Path x, Path y) throws IOException {
        try (InputStream a = Files.newInputStream(x); InputStream b = Files.newInputStream(y)) {
            byte[] ba = new byte[1 << 16];
            byte[] bb = new byte[1 << 16];
            while (true) {
                int na = a.readNBytes(ba, 0, ba.length);
                int nb = b.readNBytes(bb, 0, bb.length);
                if (na != nb || !java.util.Arrays.equals(ba, 0, na, bb, 0, nb)) {
                    return false;
                }
                if (na == 0) {
                    return true;
                }
            }
        }
    }
}
