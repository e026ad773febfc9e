package camelback.rsync;

/** Constants of librsync's MD4 signature and delta formats, and duplicity's block-length rule. */
public final class SignatureFormat {

    /** "rs\x016": MD4 strong sums with the classic rollsum; the only signature duplicity writes. */
    public static final int MD4_SIG_MAGIC = 0x72730136;
    /** "rs\x026": a delta. */
    public static final int DELTA_MAGIC = 0x72730236;
    /** Bytes of the truncated MD4 that duplicity stores per block. */
    public static final int STRONG_LENGTH = 8;

    /** librsync 2.x signature magics this package recognises but cannot use. */
    static final int BLAKE2_SIG_MAGIC = 0x72730137;
    static final int RK_MD4_SIG_MAGIC = 0x72730146;
    static final int RK_BLAKE2_SIG_MAGIC = 0x72730147;

    /** Length of one signature header (magic, block length, strong length). */
    static final int HEADER_LENGTH = 12;

    private static final long BLOCK_STEP = 1_024_000L;
    private static final int MIN_BLOCK_LENGTH = 512;
    private static final int MAX_BLOCK_LENGTH = 2048;

    private SignatureFormat() {
    }

    /**
     * Most blocks a signature this package writes has. A delta holds its basis signature's index on the heap, about
     * 22 bytes a block: duplicity's 2 KiB blocks gave a 20 GiB file 10 million of them and the incremental ran out of
     * its 256 MiB heap. Bigger files get bigger blocks instead, as duplicity's --max-blocksize gives them; any librsync
     * reads the block length from the signature.
     */
    public static final int MAX_BLOCK_COUNT = 1 << 21;
    /**
     * Most blocks of a basis signature a delta loads (an 8 GiB file of duplicity's 2 KiB blocks, about 90 MB of index);
     * a file whose stored signature has more, written by duplicity, is stored whole instead.
     */
    public static final int MAX_LOADED_BLOCK_COUNT = 1 << 22;

    /**
     * Block length duplicity picks for a file of {@code fileSize} bytes (default --max-blocksize):
     * 512 below 1,024,000 bytes, else min(floor(size / 1,024,000) × 512, 2048); above {@link #MAX_BLOCK_COUNT} blocks
     * (4 GiB), the multiple of 512 that keeps the count at most that.
     */
    public static int blockLength(long fileSize) {
        if (fileSize < BLOCK_STEP) {
            return MIN_BLOCK_LENGTH;
        }
        long steps = fileSize / BLOCK_STEP;
        int duplicity = (int) Math.min(steps * MIN_BLOCK_LENGTH, MAX_BLOCK_LENGTH);
        if ((fileSize + duplicity - 1) / duplicity <= MAX_BLOCK_COUNT) {
            return duplicity;
        }
        long least = (fileSize + MAX_BLOCK_COUNT - 1) / MAX_BLOCK_COUNT;
        return (int) Math.min(Integer.MAX_VALUE / 2, (least + MIN_BLOCK_LENGTH - 1) / MIN_BLOCK_LENGTH * MIN_BLOCK_LENGTH);
    }

    /** Signature length in bytes for a file of {@code fileSize} bytes cut into blocks of {@code blockLength}. */
    public static long signatureLength(long fileSize, int blockLength) {
        long blocks = (fileSize + blockLength - 1) / blockLength;
        return HEADER_LENGTH + blocks * (4 + STRONG_LENGTH);
    }

    /** Human name for a signature magic, for error messages. */
    static String describeMagic(int magic) {
        return switch (magic) {
            case MD4_SIG_MAGIC -> "MD4 + rollsum";
            case BLAKE2_SIG_MAGIC -> "BLAKE2 + rollsum";
            case RK_MD4_SIG_MAGIC -> "MD4 + RabinKarp";
            case RK_BLAKE2_SIG_MAGIC -> "BLAKE2 + RabinKarp";
            case DELTA_MAGIC -> "a delta, not a signature";
            default -> "unknown";
        };
    }
}
