package camelback.crypto;

import camelback.ffi.NativeLibraries;
import java.util.Optional;

/**
 * A native deflate encoder that turns one buffer into raw deflate, faster than the JDK's zlib at the same ratio: a
 * complete stream whose last block is final, or, where {@link #endsOnSyncMarker} says so, a non-final piece that ends
 * on a sync flush. Optional: {@link #system()} is empty when the library or the JVM's foreign-function module is
 * missing, and callers then deflate with zlib.
 */
interface NativeDeflate {
    /** Set to {@code off} to deflate with zlib only, or to the path of a libdeflate shared library. */
    String PROPERTY = "camelback.libdeflate";

    /**
     * Compresses {@code in[off, off+len)} into {@code out} from {@code outOff}, as one raw deflate stream whose last
     * block is final, or as a sync-flushed piece when {@link #endsOnSyncMarker} is true for {@code level}.
     *
     * @param level 1..9, the job's level (libdeflate's scale: close to zlib's levels in speed, better in ratio)
     * @return the number of bytes written, or 0 when they would not fit in {@code out}
     */
    int compress(int level, byte[] in, int off, int len, byte[] out, int outOff);

    /**
     * True when {@link #compress} at {@code level} already ends its output byte-aligned on an empty non-final stored
     * block, as zlib's sync flush does, so that it can be spliced as it is; false when its last block is final.
     */
    default boolean endsOnSyncMarker(int level) {
        return false;
    }

    /**
     * Whether blocks are worth sampling before they are compressed at {@code level}: true for an encoder that spends
     * about as long on random bytes as on text, so that a cheap sample saves it the work; false for one that finds
     * and stores incompressible data faster than the sample would.
     */
    default boolean worthSampling(int level) {
        return true;
    }

    /**
     * The encoder that compresses at {@code level}: this one, or for a combination of libraries the one it delegates
     * that level to. Its level 1 also samples which blocks of such a stream are worth deflating.
     */
    default NativeDeflate forLevel(int level) {
        return this;
    }

    /** Adler-32 of {@code in[off, off+len)}; a library without a faster one leaves it to zlib. */
    default int adler32(byte[] in, int off, int len) {
        return Adler32Sum.zlib(in, off, len);
    }

    /** The most bytes {@link #compress} can write for {@code len} bytes of input. */
    int bound(int len);

    /**
     * The system's libdeflate, when it and the {@code jdk.incubator.foreign} module are present and not disabled; with
     * ISA-L's faster deflater for level 1 when that is present and not disabled too.
     */
    static Optional<NativeDeflate> system() {
        return SystemLibrary.INSTANCE;
    }

    // Loaded once per JVM. The lambda keeps Libdeflate, and with it the foreign-function classes, unloaded until
    // the module is known to be there.
    final class SystemLibrary {
        static final Optional<NativeDeflate> INSTANCE = load();

        private SystemLibrary() {}

        private static Optional<NativeDeflate> load() {
            Optional<NativeDeflate> libdeflate = NativeLibraries.load(PROPERTY, path -> Libdeflate.open(path));
            if (libdeflate.isEmpty()) {
                return libdeflate;
            }
            Optional<NativeDeflate> isal = NativeLibraries.load(NativeInflate.PROPERTY, path -> IsalDeflate.open(path));
            return Optional.of(isal.<NativeDeflate>map(fastest -> new TieredDeflate(libdeflate.get(), fastest))
                    .orElse(libdeflate.get()));
        }
    }
}
