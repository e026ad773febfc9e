package camelback.store;

import java.io.Closeable;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A backup target: a flat set of named files (duplicity's backend). Names are plain file names, never
 * paths. Implementations are safe for concurrent use and all pass the same contract test suite.
 */
public interface Store extends Closeable {

    /** Where the files live, for messages and logs, e.g. {@code s3://bucket/prefix}; never secrets. */
    String describe();

    /** Names of the files directly in the target (not in sub-folders), in any order; empty for a new target. */
    List<String> list() throws StoreException;

    /** Streams the file into {@code destination}, replacing it; a failed download leaves it untouched. */
    void get(String name, Path destination) throws StoreException;

    /**
     * The stored file itself, when it lies in a folder this machine reads directly ({@code file://}), so readers
     * can use it in place instead of copying it; empty for remote stores and missing files. Never delete it.
     */
    default Optional<Path> localFile(String name) {
        return Optional.empty();
    }

    /** Opens the file for a streaming read; the caller closes the stream. */
    InputStream open(String name) throws StoreException;

    /** Stores the local {@code file} under {@code name}, replacing an existing one; streams, never buffers it whole. */
    void put(String name, Path file) throws StoreException;

    /** Removes the file; removing a name that is not there is not an error. */
    void delete(String name) throws StoreException;

    /**
     * Uploads begun directly in the target and neither completed nor aborted (S3 multipart uploads), in any order.
     * Empty where there are none: a folder's interrupted uploads are files, listed under their temp names.
     */
    default List<UnfinishedUpload> unfinishedUploads() throws StoreException {
        return List.of();
    }

    /** Aborts the upload and frees what it stored; one that ended since it was listed is not an error. */
    default void abort(UnfinishedUpload upload) throws StoreException {
        throw new UnsupportedOperationException(describe() + " has no unfinished uploads to abort");
    }
}
