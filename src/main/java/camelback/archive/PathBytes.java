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

    /**
     * The path as text the way duplicity's Python has it ({@code os.fsdecode}): UTF-8, with each byte that is not part
     * of a UTF-8 character a lone surrogate of its own, U+DC80..U+DCFF ("surrogateescape"). A glob's {@code ?} then
     * matches each such byte, and no character a glob can hold matches one, where the JDK's string would have a
     * U+FFFD for them, one for a cut-off sequence of several bytes.
     */
    static String surrogateEscaped(Path path) {
        if (plainString(path)) {
            return path.toString();
        }
        byte[] bytes = of(path);
        StringBuilder text = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int length = utf8Length(bytes, i);
            if (length == 0) {
                text.append((char) (0xDC00 + (bytes[i] & 0xff)));
                i++;
            } else {
                text.append(new String(bytes, i, length, StandardCharsets.UTF_8));
                i += length;
            }
        }
        return text.toString();
    }

    /** The length of the well-formed UTF-8 character at {@code i} (no overlong forms, no surrogates), or 0. */
    private static int utf8Length(byte[] bytes, int i) {
        int b = bytes[i] & 0xff;
        if (b < 0x80) {
            return 1;
        }
        int length;
        int secondLow = 0x80;
        int secondHigh = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            secondLow = b == 0xE0 ? 0xA0 : 0x80;
            secondHigh = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            secondLow = b == 0xF0 ? 0x90 : 0x80;
            secondHigh = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return 0;
        }
        if (i + length > bytes.length) {
            return 0;
        }
        int second = bytes[i + 1] & 0xff;
        if (second < secondLow || second > secondHigh) {
            return 0;
        }
        for (int k = i + 2; k < i + length; k++) {
            if ((bytes[k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        return length;
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
