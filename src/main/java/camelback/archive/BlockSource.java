package camelback.archive;

import java.io.Closeable;
import java.io.IOException;

/**
 * Produces a set's volume content one block at a time (one entry, or one multivol chunk), so a
 * {@link VolumeCutter} can decide before each block whether to start a new volume (spec 3.7).
 */
interface BlockSource extends Closeable {

    /** Where a written block sits in the index order, for the manifest (spec 4.3). */
    record BlockPosition(PathIndex index, Integer block) {
    }

    /** Prepares the next block if needed; false when the set is complete. */
    boolean hasNext() throws IOException;

    /** Writes the prepared block. */
    BlockPosition writeNext(TarWriter volume) throws IOException;
}
