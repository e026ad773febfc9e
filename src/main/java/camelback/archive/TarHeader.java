package camelback.archive;

import java.nio.charset.StandardCharsets;

/**
 * One tar entry's metadata, as written by duplicity (spec 3.1) or read from any ustar/pax/GNU tar.
 * Names are raw bytes; uname/gname are text ("" when the id has no name).
 */
public record TarHeader(byte[] name, byte typeflag, int mode, long uid, long gid, long size, long mtime,
                        byte[] linkname, String uname, String gname, int devMajor, int devMinor) {

    public static final byte REGULAR = '0';
    public static final byte DIRECTORY = '5';

    /** A header for a regular file's data (or a chunk of it) of the given size. */
    public static TarHeader regular(byte[] name, FileMetadata meta, long size) {
        return new TarHeader(name, REGULAR, meta.mode(), meta.uid(), meta.gid(), size, meta.mtime(), new byte[0],
                meta.uname(), meta.gname(), 0, 0);
    }

    /** A data-less header describing {@code meta}: directory, symlink, fifo or device. */
    public static TarHeader special(byte[] name, FileMetadata meta) {
        return new TarHeader(name, meta.type().typeflag(), meta.mode(), meta.uid(), meta.gid(), 0, meta.mtime(),
                meta.type() == FileType.SYMLINK ? meta.linkTarget() : new byte[0], meta.uname(), meta.gname(),
                meta.devMajor(), meta.devMinor());
    }

    public FileType fileType() {
        return FileType.fromTypeflag(typeflag);
    }

    public String nameText() {
        return new String(name, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "TarHeader[" + nameText() + " type " + (char) typeflag + " size " + size + "]";
    }
}
