package camelback.rsync;

import camelback.ffi.NativeLibraries;
import java.util.Optional;

/** The MD4 of one block at a time, as signatures and deltas need it: OpenSSL's when it pays and the system has it. */
interface BlockMd4 {
    /** Set to {@code off} to hash with camelback's Java MD4 only, or to the path of OpenSSL's libcrypto. */
    String PROPERTY = "camelback.openssl";

    /** Writes the 16-byte MD4 of {@code in[off, off+len)} to {@code out[outOff, outOff+16)}. */
    void digest(byte[] in, int off, int len, byte[] out, int outOff);

    /**
     * A new MD4 for one thread: camelback's Java one until the process has hashed enough to pay for loading OpenSSL's
     * ({@link LateOpenSslMd4}), then OpenSSL's (one instance, safe on any thread) when it and the foreign-function
     * module are present.
     */
    static BlockMd4 create() {
        return new LateOpenSslMd4();
    }

    // Loaded once per JVM, when first needed. The lambda keeps OpenSslMd4, and with it the foreign-function classes,
    // unloaded until the module is known to be there.
    final class SystemLibrary {
        static final Optional<BlockMd4> OPENSSL = NativeLibraries.load(PROPERTY, path -> OpenSslMd4.open(path));

        private SystemLibrary() {}
    }
}
