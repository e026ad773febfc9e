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
public final class TreeSnapshot {
    private TreeSnapshot() {
    }

    static Map<String, String> of(Path root) throws IOException {
        return of(root, false);
    }

    /**
     * What duplicity keeps of a tree (format spec 3.3), which a restore as root gives back: owners and device numbers
     * too, and an mtime at or before 1970 as 0.
     */
    public static Map<String, String> archived(Path root) throws IOException {
        return of(root, true);
    }

    private static Map<String, String> of(Path root, boolean archived) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                String rel = exact(root.relativize(p));
                out.put(rel.isEmpty() ? "." : rel, archived ? describeArchived(p) : describe(p));
            }
        }
        return out;
    }

    private static String describeArchived(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return describe(p);
        }
        long mtime = Math.max(0, Math.floorDiv(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis(), 1000));
        String owner = Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) + ":"
                + Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        String device = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                ? "" : " rdev " + Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
        String[] plain = describe(p).split(" ", 4);
        plain[2] = Long.toString(mtime);
        return String.join(" ", plain) + " " + owner + device;
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
