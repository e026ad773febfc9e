package camelback.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** lstat of one source path into {@link FileMetadata}; caches uid/gid → name lookups. */
final class MetadataReader {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataReader.class);
    private static final int S_IFMT = 0170000;
    private static final String ATTRIBUTES = "unix:mode,uid,gid,rdev,size,lastModifiedTime";

    private final Map<Long, String> userNames = new HashMap<>();
    private final Map<Long, String> groupNames = new HashMap<>();

    /** The path's metadata; empty if it vanished or is a socket. */
    Optional<FileMetadata> read(Path path, PathIndex index) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        int mode = (Integer) a.get("mode");
        FileType type = switch (mode & S_IFMT) {
            case 0100000 -> FileType.REGULAR;
            case 0040000 -> FileType.DIRECTORY;
            case 0120000 -> FileType.SYMLINK;
            case 0010000 -> FileType.FIFO;
            case 0020000 -> FileType.CHAR_DEVICE;
            case 0060000 -> FileType.BLOCK_DEVICE;
            default -> null;
        };
        if (type == null) {
            return Optional.empty();
        }
        long uid = ((Integer) a.get("uid")) & 0xffffffffL;
        long gid = ((Integer) a.get("gid")) & 0xffffffffL;
        long rdev = (Long) a.get("rdev");
        long mtime = Math.floorDiv(((FileTime) a.get("lastModifiedTime")).toMillis(), 1000);
        if (mtime < 0) {
            // tar and duplicity's signatures hold no time before 1970; duplicity stores 0 and says so, so do we
            LOG.warn("{} has a modification time before 1970 ({}); it is stored, and will be restored, as 1970-01-01",
                    path, ((FileTime) a.get("lastModifiedTime")));
            mtime = 0;
        }
        byte[] target = new byte[0];
        if (type == FileType.SYMLINK) {
            target = PathBytes.of(Files.readSymbolicLink(path));
        }
        boolean device = type == FileType.CHAR_DEVICE || type == FileType.BLOCK_DEVICE;
        int major = device ? (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL)) : 0;
        int minor = device ? (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL)) : 0;
        return Optional.of(new FileMetadata(index, path, type, mode & 07777, uid, gid, userName(path, uid),
                groupName(path, gid), mtime, (Long) a.get("size"), target, major, minor));
    }

    private String userName(Path path, long uid) throws IOException {
        String name = userNames.get(uid);
        if (name == null) {
            name = orEmpty(Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName(), uid);
            userNames.put(uid, name);
        }
        return name;
    }

    private String groupName(Path path, long gid) throws IOException {
        String name = groupNames.get(gid);
        if (name == null) {
            name = orEmpty(Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).group().getName(),
                    gid);
            groupNames.put(gid, name);
        }
        return name;
    }

    /** The JDK reports an id without a passwd/group entry as its number; duplicity writes "". */
    private static String orEmpty(String name, long id) {
        return name.equals(Long.toString(id)) ? "" : name;
    }
}
