package camelback.archive;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes tar streams in the dialect of Python 3.11's tarfile in pax format, as duplicity does (spec 3.1):
 * ustar headers with a pax extended header only for non-ASCII or overlong names and overflowing numbers.
 */
public final class TarWriter implements Closeable {
    static final int BLOCK = 512;
    private static final int RECORD = 10240;
    private static final long MAX_ID = 1L << 21;      // 8^7
    private static final long MAX_NUMBER = 1L << 33;  // 8^11

    private final OutputStream out;
    private final byte[] zeros = new byte[RECORD];
    private long written;
    private long entryRemaining;
    private long entrySize;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Bytes written so far, headers, data and padding included. */
    public long written() {
        return written;
    }

    /** Starts an entry; exactly {@code header.size()} data bytes must follow, then {@link #closeEntry()}. */
    public void putEntry(TarHeader header) throws IOException {
        if (entryRemaining != 0) {
            throw new IllegalStateException("previous tar entry is missing " + entryRemaining + " data bytes");
        }
        byte[] name = header.name();
        if (header.typeflag() == TarHeader.DIRECTORY && (name.length == 0 || name[name.length - 1] != '/')) {
            name = Arrays.copyOf(name, name.length + 1);
            name[name.length - 1] = '/';
        }
        byte[] uname = header.uname().getBytes(StandardCharsets.UTF_8);
        byte[] gname = header.gname().getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> pax = new LinkedHashMap<>();
        if (!isAscii(name) || name.length > 100) {
            pax.put("path", name);
        }
        if (!isAscii(header.linkname()) || header.linkname().length > 100) {
            pax.put("linkpath", header.linkname());
        }
        if (!isAscii(uname) || uname.length > 32) {
            pax.put("uname", uname);
        }
        if (!isAscii(gname) || gname.length > 32) {
            pax.put("gname", gname);
        }
        long uid = paxNumber(pax, "uid", header.uid(), MAX_ID);
        long gid = paxNumber(pax, "gid", header.gid(), MAX_ID);
        long size = paxNumber(pax, "size", header.size(), MAX_NUMBER);
        long mtime = paxNumber(pax, "mtime", header.mtime(), MAX_NUMBER);
        if (!pax.isEmpty()) {
            byte[] records = paxRecords(pax);
            writeBlock(ustar("././@PaxHeader".getBytes(StandardCharsets.US_ASCII), (byte) 'x', 0, 0, 0, records.length, 0,
                    new byte[0], new byte[0], new byte[0], false, 0, 0));
            writeRaw(records, 0, records.length);
            pad(records.length);
        }
        boolean device = header.typeflag() == '3' || header.typeflag() == '4';
        writeBlock(ustar(name, header.typeflag(), header.mode() & 07777, uid, gid, size, mtime, header.linkname(), uname,
                gname, device, header.devMajor(), header.devMinor()));
        entrySize = header.size();
        entryRemaining = header.size();
    }

    /** Data of the current entry. */
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > entryRemaining) {
            throw new IllegalStateException("tar entry data exceeds its header size " + entrySize);
        }
        writeRaw(b, off, len);
        entryRemaining -= len;
    }

    /** The current entry's data as a stream (closing it does nothing). */
    public OutputStream entryStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                TarWriter.this.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                TarWriter.this.write(b, off, len);
            }
        };
    }

    /** Pads the current entry's data to a 512-byte boundary. */
    public void closeEntry() throws IOException {
        if (entryRemaining != 0) {
            throw new IllegalStateException("tar entry is missing " + entryRemaining + " data bytes");
        }
        pad(entrySize);
        entrySize = 0;
    }

    /** Writes the end of archive: two zero blocks, then zeros up to a multiple of 10240 bytes. */
    public void finish() throws IOException {
        writeRaw(zeros, 0, 2 * BLOCK);
        int rest = (int) (written % RECORD);
        if (rest != 0) {
            writeRaw(zeros, 0, RECORD - rest);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void pad(long dataLength) throws IOException {
        int rest = (int) (dataLength % BLOCK);
        if (rest != 0) {
            writeRaw(zeros, 0, BLOCK - rest);
        }
    }

    private void writeBlock(byte[] block) throws IOException {
        writeRaw(block, 0, BLOCK);
    }

    private void writeRaw(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        written += len;
    }

    private static long paxNumber(Map<String, byte[]> pax, String key, long value, long limit) {
        if (value >= 0 && value < limit) {
            return value;
        }
        pax.put(key, Long.toString(value).getBytes(StandardCharsets.US_ASCII));
        return 0;
    }

    /** Records {@code "<len> key=value\n"}, led by {@code hdrcharset=BINARY} when a value is not UTF-8. */
    private static byte[] paxRecords(Map<String, byte[]> pax) {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        if (pax.values().stream().anyMatch(v -> !isUtf8(v))) {
            records.writeBytes("21 hdrcharset=BINARY\n".getBytes(StandardCharsets.US_ASCII));
        }
        for (Map.Entry<String, byte[]> e : pax.entrySet()) {
            int base = e.getKey().length() + e.getValue().length + 3;
            int len = base + 1;
            while (Integer.toString(len).length() + base != len) {
                len = Integer.toString(len).length() + base;
            }
            records.writeBytes((len + " " + e.getKey() + "=").getBytes(StandardCharsets.US_ASCII));
            records.writeBytes(e.getValue());
            records.write('\n');
        }
        return records.toByteArray();
    }

    private static byte[] ustar(byte[] name, byte typeflag, int mode, long uid, long gid, long size, long mtime,
            byte[] linkname, byte[] uname, byte[] gname, boolean device, int devMajor, int devMinor) {
        byte[] h = new byte[BLOCK];
        text(h, 0, 100, asciiReplaced(name));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = typeflag;
        text(h, 157, 100, asciiReplaced(linkname));
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        text(h, 265, 32, asciiReplaced(uname));
        text(h, 297, 32, asciiReplaced(gname));
        // Device numbers beyond 7 octal digits have no ustar field: left zero rather than failing the backup.
        if (device && fitsOctal(devMajor, 7) && fitsOctal(devMinor, 7)) {
            octal(h, 329, 8, devMajor);
            octal(h, 337, 8, devMinor);
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        h[154] = 0;
        return h;
    }

    private static void text(byte[] h, int off, int len, byte[] value) {
        System.arraycopy(value, 0, h, off, Math.min(len, value.length));
    }

    /** Writes {@code value} as {@code len - 1} zero-padded octal digits; callers keep it within the field. */
    private static void octal(byte[] h, int off, int len, long value) {
        if (!fitsOctal(value, len - 1)) {
            throw new IllegalArgumentException(value + " does not fit " + (len - 1) + " octal digits");
        }
        // Every header has six of these; String.format took a few microseconds each, per file.
        for (int i = off + len - 2; i >= off; i--) {
            h[i] = (byte) ('0' + (value & 7));
            value >>>= 3;
        }
    }

    private static boolean fitsOctal(long value, int digits) {
        return value >= 0 && (value >>> (3 * digits)) == 0;
    }

    private static boolean isAscii(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return false;
            }
        }
        return true;
    }

    static boolean isUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * The ustar field form of a name: every non-ASCII character (a valid UTF-8 sequence, or else a
     * single undecodable byte) becomes one '?', as Python's ascii/replace encoding of the decoded name.
     */
    static byte[] asciiReplaced(byte[] b) {
        if (isAscii(b)) {
            return b;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        int i = 0;
        while (i < b.length) {
            int x = b[i] & 0xff;
            if (x < 0x80) {
                out.write(x);
                i++;
                continue;
            }
            int len = utf8SequenceLength(b, i);
            out.write('?');
            i += Math.max(len, 1);
        }
        return out.toByteArray();
    }

    /** Length of a valid UTF-8 sequence at i, or 0 if the byte there does not start one. */
    private static int utf8SequenceLength(byte[] b, int i) {
        int x = b[i] & 0xff;
        int len;
        int min;
        if (x >= 0xc2 && x <= 0xdf) {
            len = 2;
            min = 0x80;
        } else if (x >= 0xe0 && x <= 0xef) {
            len = 3;
            min = 0x800;
        } else if (x >= 0xf0 && x <= 0xf4) {
            len = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + len > b.length) {
            return 0;
        }
        int cp = x & (0xff >> (len + 1));
        for (int k = 1; k < len; k++) {
            int c = b[i + k] & 0xff;
            if ((c & 0xc0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (c & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return 0;
        }
        return len;
    }
}
