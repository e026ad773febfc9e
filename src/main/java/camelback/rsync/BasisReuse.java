package camelback.rsync;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of a basis that a delta copies again after a front-to-back read of the basis has passed them (a block
 * repeated in the file, a block moved forward), kept in memory as the basis streams past, so that
 * {@link Patcher#applyStreaming} reads the basis once, as a stream. Made by {@link Patcher#basisReuse}.
 */
public final class BasisReuse {
    // start -> end of disjoint ranges, merged as they are added
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private long bytes;
    private long[] starts;
    private long[] ends;
    private int[] offsets;
    private byte[] kept;
    private int next;

    BasisReuse() {
    }

    /** How many basis bytes are kept. */
    public long bytes() {
        return bytes;
    }

    int rangeCount() {
        return ranges.size();
    }

    /** Keeps basis bytes [from, to) too. */
    void add(long from, long to) {
        Map.Entry<Long, Long> below = ranges.floorEntry(from);
        if (below != null && below.getValue() >= from) {
            from = below.getKey();
            to = Math.max(to, below.getValue());
            remove(below);
        }
        for (Map.Entry<Long, Long> e = ranges.ceilingEntry(from); e != null && e.getKey() <= to;
                e = ranges.ceilingEntry(from)) {
            to = Math.max(to, e.getValue());
            remove(e);
        }
        ranges.put(from, to);
        bytes += to - from;
    }

    private void remove(Map.Entry<Long, Long> range) {
        ranges.remove(range.getKey());
        bytes -= range.getValue() - range.getKey();
    }

    /** Ends the adding: allocates the memory the kept bytes go to. */
    void seal() {
        int n = ranges.size();
        starts = new long[n];
        ends = new long[n];
        offsets = new int[n];
        int i = 0;
        int offset = 0;
        for (Map.Entry<Long, Long> range : ranges.entrySet()) {
            starts[i] = range.getKey();
            ends[i] = range.getValue();
            offsets[i] = offset;
            offset += (int) (ends[i] - starts[i]);
            i++;
        }
        kept = new byte[offset];
    }

    /** The basis bytes at basis offset {@code at} stream past: the kept ones among them are copied. */
    void capture(byte[] data, int off, int len, long at) {
        long end = at + len;
        while (next < starts.length && ends[next] <= at) {
            next++;
        }
        for (int i = next; i < starts.length && starts[i] < end; i++) {
            long from = Math.max(starts[i], at);
            long to = Math.min(ends[i], end);
            System.arraycopy(data, off + (int) (from - at), kept, offsets[i] + (int) (from - starts[i]), (int) (to - from));
        }
    }

    /** Writes the kept basis bytes [from, from + len). */
    void copy(long from, long len, OutputStream out) throws IOException {
        int i = Arrays.binarySearch(starts, from);
        if (i < 0) {
            i = -i - 2;
        }
        if (i < 0 || from + len > ends[i]) {
            throw new IllegalStateException("basis bytes " + from + "+" + len + " were not kept");
        }
        out.write(kept, offsets[i] + (int) (from - starts[i]), (int) len);
    }
}
