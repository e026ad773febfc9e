package camelback.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the entries of one backup set across its volumes in order, opening each volume only when
 * reached and joining multivol chunks, also across volume boundaries (spec 3.6). After a read
 * failure the caller may {@link #skipVolume() skip} the rest of the damaged volume and go on.
 */
final class SetEntryReader implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(SetEntryReader.class);

    /** Opens a volume's plaintext tar stream; null skips the volume. */
    @FunctionalInterface
    interface VolumeOpener {
        InputStream open(ManifestVolume volume) throws IOException;
    }

    private record Raw(TarHeader header, EntryName name) {
    }

    private final Iterator<ManifestVolume> volumes;
    private final VolumeOpener opener;
    private final IntFunction<String> volumeNames;
    private InputStream stream;
    private TarReader tar;
    private ManifestVolume volume;
    private String volumeLabel;
    private ManifestVolume skipped;
    private ManifestVolume failed;
    private Raw lookahead;
    private InputStream currentData;
    private final byte[] skipBuffer = new byte[8192];

    /** {@code volumeNames} names a volume number in error messages (its file name). */
    SetEntryReader(List<ManifestVolume> volumes, VolumeOpener opener, IntFunction<String> volumeNames) {
        this.volumes = volumes.iterator();
        this.opener = opener;
        this.volumeNames = volumeNames;
    }

    /** The next entry, or null after the last volume. */
    ArchiveEntry next() throws IOException {
        if (currentData != null) {
            // usually read to its end already: transferTo would allocate its buffer for every entry
            while (currentData.read(skipBuffer, 0, skipBuffer.length) >= 0) {
                // what the sink left unread
            }
            currentData = null;
        }
        while (true) {
            Raw raw = lookahead != null ? lookahead : rawNext();
            lookahead = null;
            if (raw == null) {
                return null;
            }
            EntryName name = raw.name();
            if (name.kind().multivol() && name.chunk() > 1) {
                // the start of this file lies in a volume that was not read (partial restore or skipped volume)
                LOG.debug("{}: skipping continuation chunk {} of {}", volumeLabel, name.chunk(), name.index());
                continue;
            }
            EntryName.Kind kind = switch (name.kind()) {
                case MULTIVOL_SNAPSHOT -> EntryName.Kind.SNAPSHOT;
                case MULTIVOL_DIFF -> EntryName.Kind.DIFF;
                default -> name.kind();
            };
            currentData = new GuardedStream(name.kind().multivol() ? new MultivolStream(name) : tar.data());
            return new ArchiveEntry(kind, name.index(), raw.header(), currentData);
        }
    }

    /** The volume whose read failed since the last {@link #skipVolume()}, or null. */
    ManifestVolume failedVolume() {
        return failed;
    }

    /** Abandons the rest of the current volume (after a read failure); reading goes on with the next one. */
    void skipVolume() throws IOException {
        lookahead = null;
        currentData = null;
        failed = null;
        try {
            closeVolume(false);
        } catch (IOException e) {
            LOG.debug("closing the damaged {} failed: {}", volumeLabel, e.toString());
        }
    }

    private Raw rawNext() throws IOException {
        while (true) {
            if (tar == null) {
                if (!volumes.hasNext()) {
                    return null;
                }
                ManifestVolume v = volumes.next();
                stream = opener.open(v);
                if (stream == null) {
                    skipped = v;
                    continue;
                }
                volume = v;
                volumeLabel = volumeNames.apply(v.number());
                tar = new TarReader(stream, volumeLabel);
            }
            TarHeader h;
            Optional<EntryName> name;
            try {
                h = tar.next();
                name = h == null ? Optional.empty() : EntryName.parse(h.name());
            } catch (IOException e) {
                throw unreadable(e);
            }
            if (h == null) {
                closeVolume(true);
                continue;
            }
            if (name.isEmpty()) {
                LOG.warn("{}: skipping tar entry with an unknown prefix: {}", volumeLabel, h.nameText());
                continue;
            }
            return new Raw(h, name.get());
        }
    }

    /** Drains the stream at a volume's end so a decryptor sees all of it and can check its integrity. */
    private void closeVolume(boolean drain) throws IOException {
        InputStream s = stream;
        stream = null;
        tar = null;
        if (s != null) {
            try (s) {
                if (drain) {
                    s.transferTo(OutputStream.nullOutputStream());
                }
            } catch (IOException e) {
                if (!drain) {
                    throw e;
                }
                throw unreadable(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        closeVolume(false);
    }

    /** Marks read failures as the volume's, so a restore does not mistake them for one path's write error. */
    private final class GuardedStream extends BulkReadStream {
        private final InputStream in;

        GuardedStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (VolumeReadException | VolumeHashMismatchException | VolumeFetchException | ScratchFullException e) {
                // a fetch failure comes from the next volume a multivol file continues in, not from this one
                throw e;
            } catch (IOException e) {
                throw unreadable(e);
            }
        }
    }

    /**
     * A volume that could not be read is the volume's damage, unless this machine's disk filled up under it (a spill
     * of decoded data to a temp file): that is no fault of the backup, and every later volume would fail alike.
     */
    private IOException unreadable(IOException e) {
        if (DiskFull.isCause(e)) {
            return ScratchFullException.of("reading " + volumeLabel + ": a temp folder of this machine is full", e);
        }
        failed = volume;
        return new VolumeReadException("Cannot read " + volumeLabel + ": " + e.getMessage(), e);
    }

    /** Data of consecutive chunks of one path; stops at the first entry that is not the next chunk. */
    private final class MultivolStream extends BulkReadStream {
        private final EntryName first;
        private InputStream chunk;
        private boolean done;

        MultivolStream(EntryName first) {
            this.first = first;
            this.chunk = tar.data();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (!done) {
                int n = chunk.read(b, off, len);
                if (n >= 0) {
                    return n;
                }
                skipped = null;
                Raw next = rawNext();
                if (skipped != null && skipped.startIndex().equals(first.index())) {
                    done = true;
                    lookahead = next;
                    throw new VolumeReadException("The rest of " + first.index() + " is in the skipped "
                            + volumeNames.apply(skipped.number()), null);
                }
                if (next != null && next.name().kind() == first.kind() && next.name().index().equals(first.index())) {
                    chunk = tar.data();
                } else {
                    lookahead = next;
                    done = true;
                }
            }
            return -1;
        }
    }
}
