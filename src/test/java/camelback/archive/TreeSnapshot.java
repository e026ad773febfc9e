package camelback.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A comparable description of a tree: per relative path its type, mode, mtime (not for symlinks) and content hash or link target. */
final class TreeSnapshot {
    private TreeSnapshot() {
    }

    static Map<String, String> of(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                String rel = exact(root.relativize(p));
                out.put(rel.isEmpty() ? "." : rel, describe(p));
            }
        }
        return out;
    }

    static String describe(Path p) throws IOException {
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        long mtime = ((FileTime) Files.getAttribute(p, "lastModifiedTime", LinkOption.NOFOLLOW_LINKS)).toMillis() / 1000;
        if (Files.isSymbolicLink(p)) {
            return "link -> " + exact(Files.readSymbolicLink(p));
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return "dir " + Integer.toOctalString(mode & 07777) + " " + mtime;
        }
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return "file " + Integer.toOctalString(mode & 07777) + " " + mtime + " " + sha256(p);
        }
        return "other " + Integer.toOctalString(mode) + " " + mtime;
    }

    /**
     * A path's text, or where a name is not UTF-8 (the JDK shows its bytes as U+FFFD, so a mangled name would look
     * the same) its bytes percent-escaped.
     */
    private static String exact(Path relative) {
        String text = relative.toString();
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        String raw = Path.of("/").resolve(relative).toUri().getRawPath();
        return raw.substring(relative.isAbsolute() ? 0 : 1, raw.endsWith("/") ? raw.length() - 1 : raw.length());
    }

    static String sha256(Path p) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(p), d)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
