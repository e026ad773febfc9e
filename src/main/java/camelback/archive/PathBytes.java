package camelback.archive;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * File names as the bytes the file system holds (an index is raw byte strings), both ways. The JDK keeps a path's
 * bytes, but its {@code String} form turns bytes that are not UTF-8 (a Latin-1 name, say) into U+FFFD, and a path made
 * from such a string names another file. Names that are UTF-8, nearly all, take the cheap string route; the others go
 * through the path's {@code file:} URI, whose percent escapes carry the exact bytes either way.
 */
public final class PathBytes {
    private static final Path ROOT = Path.of("/");
    private static final char REPLACEMENT = '\uFFFD';
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    // Only when the JVM maps file names as UTF-8 (bin/camelback sets a UTF-8 locale) is a name's string its bytes.
    private static final boolean UTF8_NAMES =
            Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")).equals(StandardCharsets.UTF_8);

    private PathBytes() {
    }

    /** Whether {@code path}'s string names the same file: what a path must be to go to a tool on a command line. */
    static boolean plainString(Path path) {
        return UTF8_NAMES && path.toString().indexOf(REPLACEMENT) < 0;
    }

    /** The bytes of the last name in {@code path}. */
    static byte[] fileName(Path path) {
        String name = path.getFileName().toString();
        if (UTF8_NAMES && name.indexOf(REPLACEMENT) < 0) {
            return name.getBytes(StandardCharsets.UTF_8);
        }
        byte[] all = uriBytes(path.toAbsolutePath());
        int slash = all.length - 1;
        while (slash >= 0 && all[slash] != '/') {
            slash--;
        }
        return Arrays.copyOfRange(all, slash + 1, all.length);
    }

    /** The bytes of {@code path} as it is written, relative or absolute (a symlink's target). */
    static byte[] of(Path path) {
        String text = path.toString();
        if (UTF8_NAMES && text.indexOf(REPLACEMENT) < 0) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (path.isAbsolute()) {
            return uriBytes(path);
        }
        byte[] absolute = uriBytes(ROOT.resolve(path));
        return Arrays.copyOfRange(absolute, 1, absolute.length);
    }

    /** {@code directory} and below it the name {@code name}, whatever its bytes. */
    static Path resolve(Path directory, byte[] name) {
        return directory.resolve(name(name));
    }

    /** The path whose bytes are {@code bytes}, relative or absolute (a symlink's target). */
    public static Path path(byte[] bytes) {
        if (bytes.length == 0 || UTF8_NAMES && isUtf8(bytes)) {
            return Path.of(new String(bytes, StandardCharsets.UTF_8));
        }
        if (bytes[0] == '/') {
            return Path.of(URI.create("file://" + percentEncoded(bytes)));
        }
        // A relative path is built name by name: through a URI it would be absolute, and relativizing drops its "..".
        Path path = Path.of("");
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '/') {
                if (i > start) {
                    path = path.resolve(name(Arrays.copyOfRange(bytes, start, i)));
                }
                start = i + 1;
            }
        }
        return path;
    }

    /** A path of the one name {@code name}. */
    private static Path name(byte[] name) {
        if (UTF8_NAMES && isUtf8(name)) {
            return Path.of(new String(name, StandardCharsets.UTF_8));
        }
        return Path.of(URI.create("file:///" + percentEncoded(name))).getFileName();
    }

    private static boolean isUtf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                try {
                    StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
                    return true;
                } catch (CharacterCodingException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The raw bytes of an absolute path, from its URI (which ends in '/' for a directory: dropped). */
    private static byte[] uriBytes(Path absolute) {
        String raw = absolute.toUri().getRawPath();
        byte[] out = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                out[n++] = (byte) Integer.parseInt(raw, i + 1, i + 3, 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        if (n > 1 && out[n - 1] == '/') {
            n--;
        }
        return Arrays.copyOf(out, n);
    }

    private static String percentEncoded(byte[] bytes) {
        byte[] out = new byte[bytes.length * 3];
        int n = 0;
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "/-._~".indexOf(c) >= 0) {
                out[n++] = b;
            } else {
                out[n++] = '%';
                out[n++] = HEX[c >>> 4];
                out[n++] = HEX[c & 15];
            }
        }
        return new String(out, 0, n, StandardCharsets.US_ASCII);
    }
}
