package camelback.ffi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Where the system's shared libraries live: {@code java.library.path}, then the usual Debian and Red Hat dirs. */
public final class NativeLibraries {
    private static final String[] DIRECTORIES = {
        "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
        "/usr/lib64", "/lib64", "/usr/lib", "/usr/local/lib"
    };

    private NativeLibraries() {}

    /**
     * The library at {@code path} if it is given (empty when that file does not exist), else the first file with one
     * of {@code names} in the usual directories.
     */
    public static Optional<Path> find(String path, String... names) {
        if (path != null) {
            return Optional.of(Path.of(path)).filter(Files::isRegularFile);
        }
        List<String> directories = new ArrayList<>(List.of(System.getProperty("java.library.path", "").split(":")));
        directories.addAll(List.of(DIRECTORIES));
        for (String directory : directories) {
            for (String name : names) {
                Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
                if (!directory.isEmpty() && Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * What {@code open} makes of the library named by system property {@code property} (a path, or empty to search):
     * empty when the property says {@code off}, when this JVM lacks the incubating foreign-function module (it is
     * opened with --add-modules), or when loading or linking fails (no native access granted, a library without the
     * expected symbols); callers then use the JDK's zlib.
     */
    public static <T> Optional<T> load(String property, Function<String, Optional<? extends T>> open) {
        String setting = System.getProperty(property, "");
        if (setting.equals("off") || ModuleLayer.boot().findModule("jdk.incubator.foreign").isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(open.apply(setting.isEmpty() ? null : setting).orElse(null));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }
}
