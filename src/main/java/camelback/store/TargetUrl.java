package camelback.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where backups go: a local folder ({@code file:///path}) or an S3 bucket and key prefix
 * ({@code s3://bucket/prefix}; duplicity's {@code s3+http://} and {@code boto3+s3://} mean the same).
 *
 * @param scheme    {@code "file"} or {@code "s3"}
 * @param directory the absolute folder of a file target, else null
 * @param bucket    the bucket of an S3 target, else null
 * @param prefix    the key prefix of an S3 target without leading or trailing slash; {@code ""} for none
 */
public record TargetUrl(String scheme, Path directory, String bucket, String prefix) {

    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,254}");
    private static final String FORMS = "use file:///absolute/path or s3://bucket/prefix";

    public TargetUrl {
        if ("file".equals(scheme)) {
            if (directory == null || !directory.isAbsolute()) {
                throw new IllegalArgumentException("a file target needs an absolute folder, got " + directory);
            }
            if (bucket != null || (prefix != null && !prefix.isEmpty())) {
                throw new IllegalArgumentException("a file target has no bucket or prefix");
            }
            directory = directory.normalize();
            prefix = "";
        } else if ("s3".equals(scheme)) {
            if (bucket == null || !BUCKET.matcher(bucket).matches()) {
                throw new IllegalArgumentException("'" + bucket + "' is not a valid S3 bucket name");
            }
            if (directory != null) {
                throw new IllegalArgumentException("an S3 target has no local folder");
            }
            prefix = prefix == null ? "" : prefix;
            if (prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
                throw new IllegalArgumentException("S3 prefix '" + prefix
                        + "' must not start or end with '/' nor contain empty segments ('//')");
            }
        } else {
            throw new IllegalArgumentException("unsupported target scheme '" + scheme + "'; " + FORMS);
        }
    }

    /** A local folder target. */
    public static TargetUrl file(Path directory) {
        return new TargetUrl("file", directory, null, "");
    }

    /** An S3 target; {@code prefix} may be empty and is given without surrounding slashes. */
    public static TargetUrl s3(String bucket, String prefix) {
        return new TargetUrl("s3", null, bucket, prefix);
    }

    /**
     * Parses a target URL; percent escapes ({@code %20}) are decoded, other characters taken as they are.
     *
     * @throws IllegalArgumentException naming what is wrong and the accepted forms
     */
    public static TargetUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("target URL is empty; " + FORMS);
        }
        String text = url.strip();
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("target URL '" + redacted(text) + "' has no scheme; " + FORMS);
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = text.substring(colon + 1);
        switch (scheme) {
            case "file":
                return parseFile(text, rest);
            case "s3":
            case "s3+http":
            case "boto3+s3":
                return parseS3(text, rest);
            default:
                throw new IllegalArgumentException("unsupported scheme '" + scheme + "' in target URL '"
                        + redacted(text) + "'; " + FORMS);
        }
    }

    private static TargetUrl parseFile(String text, String rest) {
        String path = rest.startsWith("//") ? rest.substring(2) : rest;
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("file target '" + redacted(text)
                    + "' must name an absolute folder, with three slashes: file:///absolute/path");
        }
        String decoded = decode(path, text);
        if (decoded.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("file target '" + redacted(text) + "' contains a NUL character");
        }
        return file(Path.of(decoded));
    }

    private static TargetUrl parseS3(String text, String rest) {
        if (!rest.startsWith("//")) {
            throw new IllegalArgumentException("S3 target '" + redacted(text) + "' must look like s3://bucket/prefix");
        }
        String location = rest.substring(2);
        int slash = location.indexOf('/');
        String bucket = slash < 0 ? location : location.substring(0, slash);
        String prefix = slash < 0 ? "" : location.substring(slash + 1);
        if (bucket.contains("@")) {
            throw new IllegalArgumentException("S3 target '" + redacted(text) + "' carries credentials: keep them out "
                    + "of the URL and set AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the job's S3 keys instead");
        }
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("S3 target '" + text + "' names no bucket; " + FORMS);
        }
        if (bucket.contains(":") || bucket.endsWith("amazonaws.com")) {
            throw new IllegalArgumentException("S3 target '" + text + "' names a host, not a bucket (duplicity's "
                    + "s3://host/bucket form); write s3://bucket/prefix and give the endpoint separately (--s3-endpoint)");
        }
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("'" + bucket + "' in target URL '" + text + "' is not a valid S3 "
                    + "bucket name (3 to 255 letters, digits, '.', '-', '_')");
        }
        String key = decode(prefix, text);
        while (key.endsWith("/")) {
            key = key.substring(0, key.length() - 1);
        }
        if (key.startsWith("/") || key.contains("//")) {
            throw new IllegalArgumentException("S3 prefix in target URL '" + text + "' has an empty segment ('//')");
        }
        return s3(bucket, key);
    }

    /** The S3 object key of a file in this target: {@code prefix/name}, or just {@code name} without prefix. */
    public String keyFor(String name) {
        StoreArguments.name(name);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The canonical URL ({@code file:///path} or {@code s3://bucket/prefix}); parsing it gives this target back. */
    @Override
    public String toString() {
        if ("file".equals(scheme)) {
            return "file://" + encode(directory.toString());
        }
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + encode(prefix));
    }

    private static String encode(String text) {
        return text.replace("%", "%25");
    }

    private static String decode(String text, String url) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw badEscape(url);
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw badEscape(url);
                }
                bytes.write(high * 16 + low);
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException badEscape(String url) {
        return new IllegalArgumentException("target URL '" + redacted(url)
                + "' has a '%' that is not followed by two hex digits; write a literal % as %25");
    }

    /** The URL with any user:password part hidden, safe for messages. */
    private static String redacted(String url) {
        int start = url.indexOf("://");
        if (start < 0) {
            return url;
        }
        int end = url.indexOf('/', start + 3);
        int at = url.lastIndexOf('@', end < 0 ? url.length() : end);
        return at > start ? url.substring(0, start + 3) + "***@" + url.substring(at + 1) : url;
    }
}
