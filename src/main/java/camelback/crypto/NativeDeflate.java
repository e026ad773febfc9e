package camelback.crypto;

import java.util.Optional;

/**
 * A native deflate encoder that turns one buffer into one complete raw deflate stream, faster than the JDK's zlib at
 * the same ratio. Optional: {@link #system()} is empty when the library or the JVM's foreign-function module is
 * missing, and callers then deflate with zlib.
 */
interface NativeDeflate {
    /** Set to {@code off} to deflate with zlib only, or to the path of a libdeflate shared library. */
    String PROPERTY = "camelback.libdeflate";

    /**
     * Compresses {@code in[off, off+len)} into {@code out} from {@code outOff}, as one raw deflate stream whose last
     * block is final.
     *
     * @param level 1..12 (libdeflate's scale: 1..9 are close to zlib's levels in speed and beat them in ratio)
     * @return the number of bytes written, or 0 when they would not fit in {@code out}
     */
    int compress(int level, byte[] in, int off, int len, byte[] out, int outOff);

    /** Adler-32 of {@code in[off, off+len)}; a library without a faster one leaves it to zlib. */
    default int adler32(byte[] in, int off, int len) {
        return Adler32Sum.zlib(in, off, len);
    }

    /** The most bytes {@link #compress} can write for {@code len} bytes of input. */
    int bound(int len);

    /** The system's libdeflate, when it and the {@code jdk.incubator.foreign} module are present and not disabled. */
    static Optional<NativeDeflate> system() {
        return SystemLibrary.INSTANCE;
    }

    // Loaded once per JVM. The lambda keeps Libdeflate, and with it the foreign-function classes, unloaded until
    // the module is known to be there.
    final class SystemLibrary {
        static final Optional<NativeDeflate> INSTANCE = NativeLibraries.load(PROPERTY, path -> Libdeflate.open(path));

        private SystemLibrary() {}
    }
}
