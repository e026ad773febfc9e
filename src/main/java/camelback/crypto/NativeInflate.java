package camelback.crypto;

import camelback.ffi.NativeLibraries;
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

    // Loaded once per JVM. The lambda keeps IsalInflate, and with it the foreign-function classes, unloaded until
    // the module is known to be there.
    final class SystemLibrary {
        static final Optional<NativeInflate> INSTANCE = NativeLibraries.load(PROPERTY, path -> IsalInflate.open(path));

        private SystemLibrary() {}
    }
}
