package camelback.archive;

/**
 * Strings as Java literals would spell them, non-ASCII escaped, so that a failure message shows line breaks, odd
 * spaces and look-alike letters (a Kelvin sign is not a K) and can be pasted into a regression test.
 */
public final class Escapes {
    private Escapes() {
    }

    public static String java(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.appendCodePoint(c);
            } else {
                for (char unit : Character.toChars(c)) {
                    out.append(String.format("\\u%04x", (int) unit));
                }
            }
        });
        return out.append('"').toString();
    }
}
