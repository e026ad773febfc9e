package camelback.job;

import camelback.archive.ArchiveFileName;
import camelback.store.StoreNames;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * duplicity's {@code --file-prefix}, {@code --file-prefix-archive}, {@code --file-prefix-manifest} and
 * {@code --file-prefix-signature} (spec 2.2): {@code file} goes in front of every name on the target, then the
 * type's own prefix, as in {@code host1_vol-duplicity-full.T.vol1.difftar.gpg}. Like duplicity, a target read with
 * prefixes shows only the sets that carry them, so several hosts can share one folder or bucket. Files that are not
 * duplicity's get the file prefix alone.
 */
public record FilePrefixes(String file, String archive, String manifest, String signature) implements StoreNames {
    public static final FilePrefixes NONE = new FilePrefixes("", "", "", "");

    public FilePrefixes {
        file = checked("file-prefix", file);
        archive = checked("file-prefix-archive", archive);
        manifest = checked("file-prefix-manifest", manifest);
        signature = checked("file-prefix-signature", signature);
    }

    public boolean none() {
        return equals(NONE);
    }

    @Override
    public String stored(String name) {
        return file + ArchiveFileName.parse(name).map(n -> typePrefix(n.type())).orElse("") + name;
    }

    @Override
    public Optional<String> visible(String storedName) {
        if (!storedName.startsWith(file)) {
            return Optional.empty();
        }
        String rest = storedName.substring(file.length());
        for (ArchiveFileName.Type type : ArchiveFileName.Type.values()) {
            String prefix = typePrefix(type);
            if (rest.startsWith(prefix)) {
                String name = rest.substring(prefix.length());
                if (ArchiveFileName.parse(name).filter(n -> n.type() == type).isPresent()) {
                    return Optional.of(name);
                }
            }
        }
        // A duplicity name without its type's prefix, or under another type's, belongs to another configuration;
        // anything else is shown as it is.
        boolean duplicitys = ArchiveFileName.parse(rest).isPresent() || Stream.of(archive, manifest, signature)
                .anyMatch(p -> rest.startsWith(p) && ArchiveFileName.parse(rest.substring(p.length())).isPresent());
        return duplicitys ? Optional.empty() : Optional.of(rest);
    }

    /** Tells apart the archive dirs of jobs that share a target under different prefixes; empty without prefixes. */
    String cacheKey() {
        return none() ? "" : "#" + String.join("\u0000", file, archive, manifest, signature);
    }

    @Override
    public String toString() {
        return none() ? "no file prefixes" : "file prefix '" + file + "', archive '" + archive + "', manifest '"
                + manifest + "', signature '" + signature + "'";
    }

    private String typePrefix(ArchiveFileName.Type type) {
        return switch (type) {
            case FULL_VOLUME, INC_VOLUME -> archive;
            case FULL_MANIFEST, INC_MANIFEST -> manifest;
            case FULL_SIGNATURES, NEW_SIGNATURES -> signature;
        };
    }

    private static String checked(String key, String prefix) {
        if (prefix == null) {
            return "";
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '/' || c == '\\' || Character.isISOControl(c)) {
                throw new ConfigException(key + " '" + prefix.replaceAll("\\p{Cntrl}", "?")
                        + "' must not contain '/', '\\' or control characters: it is part of a file name");
            }
        }
        return prefix;
    }
}
