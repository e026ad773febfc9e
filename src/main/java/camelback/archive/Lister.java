package camelback.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * list-current-files: the paths present at a time, read from the chain's signature files (full,
 * then new ones overlaid; spec 5.2) without touching any volume.
 */
public final class Lister {
    private final ArchiveSource source;

    public Lister(ArchiveSource source) {
        this.source = source;
    }

    /** Emits every path present at {@code time} (epoch seconds; Long.MAX_VALUE = latest) in index order. */
    public void list(long time, Consumer<ListedPath> out) throws IOException {
        BackupChain chain = Collection.of(source.names()).chainFor(time);
        if (chain == null) {
            throw new NoBackupFoundException("No complete backup set found on the target (no manifest of a full set)");
        }
        List<String> names = chain.signaturesUpTo(time);
        if (names.isEmpty()) {
            throw new IOException("The " + chain + " has no full-signatures file on the target; cannot list it");
        }
        List<Head> heads = new ArrayList<>();
        try {
            for (String name : names) {
                heads.add(new Head(name));
            }
            merge(heads, out);
        } finally {
            for (Head h : heads) {
                h.close();
            }
        }
    }

    /** For each index the entry of the newest file that has it wins; a deleted entry hides the path. */
    private static void merge(List<Head> heads, Consumer<ListedPath> out) throws IOException {
        while (true) {
            Head winner = null;
            for (Head h : heads) {
                if (h.name != null && (winner == null || h.name.index().compareTo(winner.name.index()) <= 0)) {
                    winner = h;
                }
            }
            if (winner == null) {
                return;
            }
            PathIndex index = winner.name.index();
            if (winner.name.kind() != EntryName.Kind.DELETED) {
                FileType type = winner.name.kind() == EntryName.Kind.SIGNATURE ? FileType.REGULAR : winner.header.fileType();
                out.accept(new ListedPath(index, type, winner.header.mtime()));
            }
            for (Head h : heads) {
                if (h.name != null && h.name.index().equals(index)) {
                    h.advance();
                }
            }
        }
    }

    /** The current entry of one signature file. */
    private final class Head implements AutoCloseable {
        private final InputStream in;
        private final TarReader tar;
        EntryName name;
        TarHeader header;

        Head(String fileName) throws IOException {
            in = source.openPlain(fileName);
            tar = new TarReader(in, fileName, true);
            advance();
        }

        void advance() throws IOException {
            while ((header = tar.next()) != null) {
                Optional<EntryName> n = EntryName.parse(header.name());
                if (n.isPresent()) {
                    name = n.get();
                    return;
                }
            }
            name = null;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
