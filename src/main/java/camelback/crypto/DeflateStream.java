package camelback.crypto;

import camelback.crypto.AdaptiveDeflateOutputStream.Framing;
import java.io.IOException;
import java.io.OutputStream;

/** The adaptive deflate stream that suits a pool (parallel when it has threads), and how to end its data. */
record DeflateStream(OutputStream stream, Finish finish) {
    /** Ends the deflate data without closing the stream under it. */
    interface Finish {
        void run() throws IOException;
    }

    static DeflateStream open(OutputStream out, int level, Framing framing, CompressionPool pool) {
        // The native encoder works on whole chunks, which the parallel stream cuts even on a single thread.
        if (pool.isParallel() || (level > 0 && pool.encoder() != null)) {
            ParallelDeflateOutputStream parallel = new ParallelDeflateOutputStream(out, level, framing, pool);
            return new DeflateStream(parallel, parallel::finish);
        }
        AdaptiveDeflateOutputStream single = new AdaptiveDeflateOutputStream(out, level, framing);
        return new DeflateStream(single, single::finish);
    }
}
