package camelback.crypto;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;

/**
 * The decompressed content of an OpenPGP compressed packet. ZIP and ZLIB are inflated here with 64 KiB reads:
 * Bouncy Castle's own stream feeds the inflater 512 bytes at a time through every packet layer, which cost a
 * restore more than a tenth of its time. With ISA-L installed ({@link NativeInflate}) it inflates instead of zlib.
 * Other algorithms (BZip2, uncompressed) go through Bouncy Castle.
 */
final class CompressedPacketStream {
    private static final int BUFFER = 1 << 16;

    private CompressedPacketStream() {
    }

    static InputStream open(PGPCompressedData compressed) throws PGPException, IOException {
        return open(compressed, NativeInflate.system().orElse(null));
    }

    /** @param inflater the native inflater, or null to inflate with the JDK's zlib */
    static InputStream open(PGPCompressedData compressed, NativeInflate inflater) throws PGPException, IOException {
        int algorithm = compressed.getAlgorithm();
        if (algorithm != CompressionAlgorithmTags.ZIP && algorithm != CompressionAlgorithmTags.ZLIB) {
            return compressed.getDataStream();
        }
        boolean zlibWrapped = algorithm == CompressionAlgorithmTags.ZLIB;
        return inflater != null ? inflater.inflate(compressed.getInputStream(), zlibWrapped)
                : new Inflating(compressed.getInputStream(), !zlibWrapped);
    }

    private static final class Inflating extends InflaterInputStream {
        private boolean dummyGiven;

        Inflating(InputStream in, boolean raw) {
            super(in, new Inflater(raw), BUFFER);
        }

        // zlib may want one byte beyond the end of raw deflate data to finish; a stream that ends early still fails.
        @Override
        protected void fill() throws IOException {
            len = in.read(buf, 0, buf.length);
            if (len > 0) {
                inf.setInput(buf, 0, len);
                return;
            }
            if (dummyGiven) {
                throw new EOFException("the compressed data ends before its deflate stream does");
            }
            dummyGiven = true;
            buf[0] = 0;
            len = 1;
            inf.setInput(buf, 0, 1);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                inf.end();
            }
        }
    }
}
