package camelback.archive;

import java.nio.file.Path;

/**
 * What a backup records about one source path (spec 3.3): lstat type, permission bits, owner,
 * integer mtime, size, symlink target, device numbers.
 */
public record FileMetadata(PathIndex index, Path path, FileType type, int mode, long uid, long gid, String uname,
                           String gname, long mtime, long size, byte[] linkTarget, int devMajor, int devMinor) {
}
