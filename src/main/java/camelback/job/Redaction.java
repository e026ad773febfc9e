package camelback.job;

import java.util.regex.Pattern;

/** Hides the user-info part ({@code user:password@}) of URIs inside text that may be logged or reported. */
final class Redaction {
    private static final Pattern USERINFO = Pattern.compile("(?<=://)[^/@\\s]+@");

    private Redaction() {
    }

    static String hidingUserinfo(String text) {
        return text == null ? null : USERINFO.matcher(text).replaceAll("***@");
    }
}
