package camelback.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A path relative to the backup root as raw name components; the root has none (spec: "index"). */
public final class PathIndex implements Comparable<PathIndex> {
    public static final PathIndex ROOT = new PathIndex(new byte[0][]);

    private final byte[][] components;

    private PathIndex(byte[][] components) {
        this.components = components;
    }

    /** Parses {@code a/b/c} (raw bytes, '/' separated); empty, "." and "./" components are dropped. */
    public static PathIndex parse(byte[] path) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= path.length; i++) {
            if (i == path.length || path[i] == '/') {
                if (i > start && !(i - start == 1 && path[start] == '.')) {
                    parts.add(Arrays.copyOfRange(path, start, i));
                }
                start = i + 1;
            }
        }
        return parts.isEmpty() ? ROOT : new PathIndex(parts.toArray(new byte[0][]));
    }

    /** Parses a relative path given as text (UTF-8); null, "" and "." mean the root. */
    public static PathIndex of(String relativePath) {
        return relativePath == null ? ROOT : parse(relativePath.getBytes(StandardCharsets.UTF_8));
    }

    public PathIndex child(byte[] name) {
        byte[][] longer = Arrays.copyOf(components, components.length + 1);
        longer[components.length] = name.clone();
        return new PathIndex(longer);
    }

    public int size() {
        return components.length;
    }

    public boolean isRoot() {
        return components.length == 0;
    }

    /** Component i; do not modify. */
    byte[] component(int i) {
        return components[i];
    }

    /** The last component's raw bytes (empty for the root). */
    public byte[] name() {
        return components.length == 0 ? new byte[0] : components[components.length - 1].clone();
    }

    /** The first n components. */
    public PathIndex prefix(int n) {
        return n >= components.length ? this : new PathIndex(Arrays.copyOf(components, n));
    }

    /** The components after the first n. */
    public PathIndex suffix(int n) {
        return n == 0 ? this : new PathIndex(Arrays.copyOfRange(components, Math.min(n, components.length), components.length));
    }

    /** True if this index equals {@code other} or lies below it. */
    public boolean startsWith(PathIndex other) {
        if (other.components.length > components.length) {
            return false;
        }
        for (int i = 0; i < other.components.length; i++) {
            if (!Arrays.equals(components[i], other.components[i])) {
                return false;
            }
        }
        return true;
    }

    /** True if any component is "..". */
    public boolean hasParentReference() {
        for (byte[] c : components) {
            if (c.length == 2 && c[0] == '.' && c[1] == '.') {
                return true;
            }
        }
        return false;
    }

    /** Components joined with '/'; empty for the root. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < components.length; i++) {
            if (i > 0) {
                out.write('/');
            }
            out.writeBytes(components[i]);
        }
        return out.toByteArray();
    }

    /** Components joined with '/', or "." for the root (as in manifests). */
    public byte[] bytesOrDot() {
        return isRoot() ? new byte[] {'.'} : bytes();
    }

    @Override
    public int compareTo(PathIndex other) {
        return IndexOrder.INSTANCE.compare(this, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathIndex p && Arrays.deepEquals(components, p.components);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(components);
    }

    /** The path as UTF-8 text, "." for the root. */
    @Override
    public String toString() {
        return new String(bytesOrDot(), StandardCharsets.UTF_8);
    }
}
