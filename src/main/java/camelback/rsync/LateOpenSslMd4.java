package camelback.rsync;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Camelback's Java MD4 until this process has hashed {@link #SWITCH_BYTES}, OpenSSL's from then on when the system
 * has it. OpenSSL's is 1.5 to 1.75 times as fast once the JIT has compiled its foreign call, but loading it and calling
 * it cold cost more than it saved on an incremental of a few hundred MB of changed files (0.2-0.4 CPU s of 2-5); a full
 * backup of gigabytes still spends most of its hashing in OpenSSL.
 */
final class LateOpenSslMd4 implements BlockMd4 {
    static final long SWITCH_BYTES = 256L << 20;
    private static final AtomicLong PROCESS_HASHED = new AtomicLong();

    private final Md4 java = new Md4();
    private final AtomicLong hashed;
    private final long switchBytes;
    private final Supplier<Optional<BlockMd4>> openssl;
    /** OpenSSL's (or the Java one, without OpenSSL) once switched; null before. */
    private BlockMd4 after;

    LateOpenSslMd4() {
        this(PROCESS_HASHED, SWITCH_BYTES, () -> SystemLibrary.OPENSSL);
    }

    /** Counting into {@code hashed}, shared by the instances that decide together. */
    LateOpenSslMd4(AtomicLong hashed, long switchBytes, Supplier<Optional<BlockMd4>> openssl) {
        this.hashed = hashed;
        this.switchBytes = switchBytes;
        this.openssl = openssl;
        if (hashed.get() >= switchBytes) {
            after = openssl.get().orElse(java);
        }
    }

    @Override
    public void digest(byte[] in, int off, int len, byte[] out, int outOff) {
        if (after != null) {
            after.digest(in, off, len, out, outOff);
            return;
        }
        java.digest(in, off, len, out, outOff);
        if (hashed.addAndGet(len) >= switchBytes) {
            after = openssl.get().orElse(java);
        }
    }

    /** Whether the next digest is OpenSSL's. */
    boolean switched() {
        return after != null && after != java;
    }
}
