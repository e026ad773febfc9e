package camelback.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Manifest path quoting (spec 4.2): a path with ASCII whitespace, backslash or quotes is wrapped in
 * double quotes with those bytes as {@code \xNN}; every other byte stays raw.
 */
public final class PathQuoting {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private PathQuoting() {
    }

    public static byte[] quote(byte[] raw) {
        boolean needs = false;
        for (byte b : raw) {
            needs |= special(b);
        }
        if (!needs) {
            return raw.clone();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 16);
        out.write('"');
        for (byte b : raw) {
            if (special(b)) {
                out.write('\\');
                out.write('x');
                out.write(HEX[(b >> 4) & 0xf]);
                out.write(HEX[b & 0xf]);
            } else {
                out.write(b);
            }
        }
        out.write('"');
        return out.toByteArray();
    }

    /** Reverses {@link #quote}: a token starting with '"' loses its outer quotes and every {@code \xNN} becomes byte NN. */
    public static byte[] unquote(byte[] token) {
        if (token.length == 0 || token[0] != '"') {
            return token.clone();
        }
        int end = token.length >= 2 && token[token.length - 1] == '"' ? token.length - 1 : token.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(token.length);
        for (int i = 1; i < end; i++) {
            if (token[i] == '\\' && i + 3 < end && token[i + 1] == 'x'
                    && hex(token[i + 2]) >= 0 && hex(token[i + 3]) >= 0) {
                out.write(hex(token[i + 2]) * 16 + hex(token[i + 3]));
                i += 3;
            } else {
                out.write(token[i]);
            }
        }
        return out.toByteArray();
    }

    private static boolean special(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0b
                || b == '\\' || b == '"' || b == '\'';
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
