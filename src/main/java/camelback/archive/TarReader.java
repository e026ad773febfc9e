package camelback.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads ustar, pax (incl. {@code hdrcharset=BINARY}) and GNU long-name tar streams entry by entry.
 * Stops at the first zero block, at end of stream, or at a damaged header after the first one, so
 * the gpg "top-off" junk after a volume's end is ignored (spec 3.7).
 */
public final class TarReader {
    private static final Logger LOG = LoggerFactory.getLogger(TarReader.class);
    private static final int BLOCK = TarWriter.BLOCK;
    private static final int MAX_META = 1 << 20;

    private final InputStream in;
    private final String source;
    private final Map<String, byte[]> globalPax = new HashMap<>();
    private long offset;
    private long remaining;
    private long padding;
    private boolean ended;
    /** Reused for every entry skipped: a signature file is mostly skipped, entry by entry. */
    private byte[] skipBuffer;

    private final boolean strict;

    /** {@code source} names the stream in error messages. */
    public TarReader(InputStream in, String source) {
        this(in, source, false);
    }

    /**
     * {@code strict}: a damaged header after the first one is an error instead of the end of the archive. For signature
     * files, which have no junk after their end, where a silently shortened list of entries changes what a backup stores.
     */
    public TarReader(InputStream in, String source, boolean strict) {
        this.in = in;
        this.source = source;
        this.strict = strict;
    }

    /** The next entry's header, or null at the end of the archive. Skips what is left of the previous entry. */
    public TarHeader next() throws IOException {
        if (ended) {
            return null;
        }
        skipRest();
        Map<String, byte[]> pax = new HashMap<>(globalPax);
        byte[] longName = null;
        byte[] longLink = null;
        while (true) {
            long headerOffset = offset;
            byte[] h = new byte[BLOCK];
            int n = readFully(h);
            if (n < BLOCK || isZero(h)) {
                ended = true;
                return null;
            }
            if (!checksumValid(h)) {
                if (headerOffset == 0) {
                    throw new IOException(source + " is not a tar stream (bad header checksum at offset 0)");
                }
                if (strict) {
                    throw new IOException(source + ": damaged tar header at offset " + headerOffset);
                }
                LOG.warn("{}: damaged tar header at offset {}, treating it as the end of the archive", source, headerOffset);
                ended = true;
                return null;
            }
            byte type = h[156];
            long size = number(h, 124, 12);
            if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
                byte[] data = readMeta(size);
                if (type == 'x') {
                    pax.putAll(paxRecords(data));
                } else if (type == 'g') {
                    globalPax.putAll(paxRecords(data));
                    pax.putAll(globalPax);
                } else if (type == 'L') {
                    longName = stripNuls(data);
                } else {
                    longLink = stripNuls(data);
                }
                continue;
            }
            return header(h, pax, longName, longLink);
        }
    }

    /** The current entry's data; valid until the next call to {@link #next()}. */
    public InputStream data() {
        return new BulkReadStream() {

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new EOFException(source + " ends inside a tar entry (" + remaining + " bytes missing)");
                }
                remaining -= n;
                offset += n;
                return n;
            }
        };
    }

    private TarHeader header(byte[] h, Map<String, byte[]> pax, byte[] longName, byte[] longLink) throws IOException {
        byte type = h[156];
        byte[] name = field(h, 0, 100);
        boolean posix = Arrays.equals(Arrays.copyOfRange(h, 257, 263), "ustar\0".getBytes(StandardCharsets.US_ASCII));
        byte[] prefix = field(h, 345, 155);
        if (posix && prefix.length > 0) {
            byte[] joined = Arrays.copyOf(prefix, prefix.length + 1 + name.length);
            joined[prefix.length] = '/';
            System.arraycopy(name, 0, joined, prefix.length + 1, name.length);
            name = joined;
        }
        if (longName != null) {
            name = longName;
        }
        if (pax.containsKey("path")) {
            name = pax.get("path");
        }
        byte[] link = longLink != null ? longLink : field(h, 157, 100);
        if (pax.containsKey("linkpath")) {
            link = pax.get("linkpath");
        }
        String uname = text(pax.containsKey("uname") ? pax.get("uname") : field(h, 265, 32));
        String gname = text(pax.containsKey("gname") ? pax.get("gname") : field(h, 297, 32));
        long uid = paxNumber(pax, "uid", number(h, 108, 8));
        long gid = paxNumber(pax, "gid", number(h, 116, 8));
        long size = paxNumber(pax, "size", number(h, 124, 12));
        long mtime = paxNumber(pax, "mtime", number(h, 136, 12));
        int mode = (int) number(h, 100, 8);
        if (type == 0 && name.length > 0 && name[name.length - 1] == '/') {
            type = TarHeader.DIRECTORY;
        }
        int devMajor = (int) number(h, 329, 8);
        int devMinor = (int) number(h, 337, 8);
        boolean hasData = type != '1' && type != '2' && type != '3' && type != '4' && type != '5' && type != '6';
        remaining = hasData ? size : 0;
        padding = hasData ? (BLOCK - size % BLOCK) % BLOCK : 0;
        return new TarHeader(name, type, mode & 07777, uid, gid, size, mtime, link, uname, gname, devMajor, devMinor);
    }

    private void skipRest() throws IOException {
        long toSkip = remaining + padding;
        remaining = 0;
        padding = 0;
        if (toSkip > 0 && skipBuffer == null) {
            skipBuffer = new byte[8192];
        }
        byte[] buf = skipBuffer;
        while (toSkip > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, toSkip));
            if (n < 0) {
                ended = true;
                return;
            }
            toSkip -= n;
            offset += n;
        }
    }

    private byte[] readMeta(long size) throws IOException {
        if (size < 0 || size > MAX_META) {
            throw new IOException(source + ": tar extended header of " + size + " bytes at offset " + offset + " is too large");
        }
        byte[] data = new byte[(int) size];
        if (readFully(data) < size) {
            throw new EOFException(source + " ends inside a tar extended header");
        }
        int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
        readFully(new byte[pad]);
        return data;
    }

    private int readFully(byte[] b) throws IOException {
        int total = 0;
        while (total < b.length) {
            int n = in.read(b, total, b.length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        offset += total;
        return total;
    }

    private Map<String, byte[]> paxRecords(byte[] data) throws IOException {
        Map<String, byte[]> records = new HashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int len;
            try {
                len = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                if (isZero(Arrays.copyOfRange(data, pos, data.length))) {
                    break;
                }
                throw new IOException(source + ": malformed pax record near offset " + offset);
            }
            int end = pos + len;
            if (len <= 0 || end > data.length) {
                throw new IOException(source + ": malformed pax record near offset " + offset);
            }
            int eq = space + 1;
            while (eq < end && data[eq] != '=') {
                eq++;
            }
            String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
            records.put(key, Arrays.copyOfRange(data, Math.min(eq + 1, end - 1), end - 1));
            pos = end;
        }
        records.remove("hdrcharset");
        return records;
    }

    private static long paxNumber(Map<String, byte[]> pax, String key, long ustar) {
        byte[] v = pax.get(key);
        if (v == null) {
            return ustar;
        }
        String s = new String(v, StandardCharsets.US_ASCII).trim();
        int dot = s.indexOf('.');
        try {
            return Long.parseLong(dot >= 0 ? s.substring(0, dot) : s);
        } catch (NumberFormatException e) {
            return ustar;
        }
    }

    /** An octal field (NUL/space terminated) or a GNU base-256 field (high bit set). */
    static long number(byte[] h, int off, int len) {
        if ((h[off] & 0x80) != 0) {
            long v = (h[off] & 0x40) != 0 ? -1 : 0;
            v = (v << 6) | (h[off] & 0x3f);
            for (int i = 1; i < len; i++) {
                v = (v << 8) | (h[off + i] & 0xff);
            }
            return v;
        }
        long v = 0;
        int i = off;
        int end = off + len;
        while (i < end && (h[i] == ' ' || h[i] == 0)) {
            i++;
        }
        while (i < end && h[i] >= '0' && h[i] <= '7') {
            v = v * 8 + (h[i] - '0');
            i++;
        }
        return v;
    }

    private static boolean checksumValid(byte[] h) {
        long stored = number(h, 148, 8);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = (i >= 148 && i < 156) ? ' ' : h[i];
            unsigned += b & 0xff;
            signed += (i >= 148 && i < 156) ? ' ' : h[i];
        }
        return stored == unsigned || stored == signed;
    }

    private static byte[] field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return Arrays.copyOfRange(h, off, end);
    }

    private static byte[] stripNuls(byte[] data) {
        int end = data.length;
        while (end > 0 && data[end - 1] == 0) {
            end--;
        }
        return Arrays.copyOf(data, end);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
