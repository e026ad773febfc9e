package camelback.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A native deflate decoder, about two and a half times as fast as the JDK's zlib: restores spend most of their
 * decoding time inflating. Optional: {@link #system()} is empty when the library or the JVM's foreign-function module
 * is missing, or when the library fails a self-test on load, and callers then inflate with zlib.
 */
interface NativeInflate {
    /** Set to {@code off} to inflate with zlib only, or to the path of an ISA-L shared library. */
    String PROPERTY = "camelback.isal";

    /**
     * The inflated content of the deflate stream that {@code compressed} starts with: raw deflate, or wrapped in a
     * zlib header and Adler-32 trailer (RFC 1950), which are checked. Bytes after the stream are left unread or
     * ignored. Closing the result closes {@code compressed}.
     */
    InputStream inflate(InputStream compressed, boolean zlibWrapped) throws IOException;

    /** The system's ISA-L, when it and the {@code jdk.incubator.foreign} module are present and not disabled. */
    static Optional<NativeInflate> system() {
        return SystemLibrary.INSTANCE;
    }

    // Loaded once per JVM; the holder keeps the foreign-function classes unloaded when the module is absent.
    final class SystemLibrary {
        static final Optional<NativeInflate> INSTANCE = load();

        private SystemLibrary() {}

        private static Optional<NativeInflate> load() {
            String setting = System.getProperty(PROPERTY, "");
            if (setting.equals("off") || !NativeLibraries.foreignAccess()) {
                return Optional.empty();
            }
            try {
                return IsalInflate.open(setting.isEmpty() ? null : setting).map(NativeInflate.class::cast);
            } catch (RuntimeException | LinkageError e) {
                // No native access granted, or a library without the expected symbols: zlib does the work.
                return Optional.empty();
            }
        }
    }
}
