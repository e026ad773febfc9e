package camelback.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a manifest as duplicity does (spec 4.4): fields case-insensitive, volume records split on
 * whitespace with unknown words ignored, the Filelist skipped. Streams, so a huge Filelist costs nothing.
 */
public final class ManifestParser {
    private ManifestParser() {
    }

    /** Parses a plaintext manifest; {@code source} names it in error messages. */
    public static Manifest parse(InputStream in, String source) throws IOException {
        Lines input = new Lines(in);
        String hostname = null;
        String localdir = null;
        Map<Integer, ManifestVolume> volumes = new TreeMap<>();
        Builder current = null;
        int lastNumber = 0;
        while (input.next()) {
            String first = input.firstWord();
            if (first == null) {
                // a blank line, or one that no field name starts, as every line of the Filelist
                continue;
            }
            byte[] line = input.line();
            List<byte[]> words = split(line);
            if (first.equals("volume") && words.size() >= 2) {
                finish(current, volumes, source);
                String number = new String(words.get(1), StandardCharsets.US_ASCII).replace(":", "");
                try {
                    current = new Builder(Integer.parseInt(number));
                } catch (NumberFormatException e) {
                    throw new IOException(source + ": bad volume number in manifest line '" + text(line) + "'");
                }
                lastNumber = current.number;
            } else if (first.equals("filelist")) {
                finish(current, volumes, source);
                current = null;
            } else if (current != null) {
                current.field(first, words);
            } else if (first.equals("hostname") && hostname == null) {
                hostname = words.size() > 1 ? text(words.get(1)) : "";
            } else if (first.equals("localdir") && localdir == null) {
                localdir = words.size() > 1 ? text(PathQuoting.unquote(words.get(1))) : "";
            }
        }
        finish(current, volumes, source);
        final int last = lastNumber;
        volumes.keySet().removeIf(n -> n > last);
        return new Manifest(hostname, localdir, List.copyOf(volumes.values()));
    }

    private static void finish(Builder b, Map<Integer, ManifestVolume> volumes, String source) throws IOException {
        if (b == null) {
            return;
        }
        if (b.start == null || b.end == null) {
            throw new IOException(source + ": manifest volume " + b.number + " lacks StartingPath or EndingPath");
        }
        volumes.put(b.number, new ManifestVolume(b.number, b.start, b.startBlock, b.end, b.endBlock, b.hashType, b.hash));
    }

    private static final class Builder {
        final int number;
        PathIndex start;
        Integer startBlock;
        PathIndex end;
        Integer endBlock;
        String hashType;
        String hash;

        Builder(int number) {
            this.number = number;
        }

        void field(String word, List<byte[]> words) {
            switch (word) {
                case "startingpath" -> {
                    start = index(words);
                    startBlock = block(words);
                }
                case "endingpath" -> {
                    end = index(words);
                    endBlock = block(words);
                }
                case "hash" -> {
                    if (words.size() >= 3) {
                        hashType = text(words.get(1)).toUpperCase(Locale.ROOT);
                        hash = text(words.get(2)).toLowerCase(Locale.ROOT);
                    }
                }
                default -> {
                    // unknown words (and Filelist lines of an in-memory dump) are ignored, as duplicity does
                }
            }
        }

        private static PathIndex index(List<byte[]> words) {
            return words.size() < 2 ? PathIndex.ROOT : PathIndex.parse(PathQuoting.unquote(words.get(1)));
        }

        private static Integer block(List<byte[]> words) {
            if (words.size() < 3) {
                return null;
            }
            try {
                return Integer.valueOf(text(words.get(2)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /**
     * A manifest's lines, read in bulk: a full set's Filelist has a line per changed path (17 MB for 122,000 paths 60
     * directories deep), which byte-at-a-time reading and splitting every line took 0.4 s to skip before a restore
     * could start. Only a line whose first word is a field name is copied out and split.
     */
    private static final class Lines {
        private static final String[] FIELDS = {
            "volume", "filelist", "startingpath", "endingpath", "hash", "hostname", "localdir"
        };
        private final InputStream in;
        private byte[] buffer = new byte[64 << 10];
        private int start;
        private int end;
        private int filled;
        private boolean eof;

        Lines(InputStream in) {
            this.in = in;
        }

        /** Moves to the next line (without its newline); false at the end of the stream. */
        boolean next() throws IOException {
            // the line before ended at a newline, or at the end of the stream
            start = end < filled ? end + 1 : end;
            int scanned = 0;
            while (true) {
                int i = start + scanned;
                while (i < filled && buffer[i] != '\n') {
                    i++;
                }
                if (i < filled || eof) {
                    end = i;
                    return i < filled || i > start;
                }
                scanned = i - start;
                fill();
            }
        }

        /** The current line's first word in lower case when it is a field name the parser reads, else null. */
        String firstWord() {
            int i = start;
            while (i < end && whitespace(buffer[i])) {
                i++;
            }
            int wordStart = i;
            while (i < end && !whitespace(buffer[i])) {
                i++;
            }
            for (String field : FIELDS) {
                if (field.length() == i - wordStart && asciiEqualsIgnoreCase(field, wordStart)) {
                    return field;
                }
            }
            return null;
        }

        byte[] line() {
            return Arrays.copyOfRange(buffer, start, end);
        }

        private boolean asciiEqualsIgnoreCase(String lower, int at) {
            for (int k = 0; k < lower.length(); k++) {
                int b = buffer[at + k];
                if ((b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b) != lower.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        /** Moves the current line's start to the buffer's front (growing it for a long line) and reads more. */
        private void fill() throws IOException {
            int kept = filled - start;
            if (kept == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            } else {
                System.arraycopy(buffer, start, buffer, 0, kept);
            }
            start = 0;
            filled = kept;
            int n = in.readNBytes(buffer, filled, buffer.length - filled);
            filled += n;
            eof = filled < buffer.length;
        }
    }

    /** Splits on ASCII whitespace, as Python's bytes.split(). */
    private static List<byte[]> split(byte[] line) {
        List<byte[]> words = new ArrayList<>();
        int i = 0;
        while (i < line.length) {
            while (i < line.length && whitespace(line[i])) {
                i++;
            }
            int start = i;
            while (i < line.length && !whitespace(line[i])) {
                i++;
            }
            if (i > start) {
                byte[] w = new byte[i - start];
                System.arraycopy(line, start, w, 0, w.length);
                words.add(w);
            }
        }
        return words;
    }

    private static boolean whitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0b;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
