package camelback.archive;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Duplicity's change test (spec 10.1): is a source path the same as its entry in the signature
 * state? Sizes and content are never compared.
 */
final class ChangeClassifier {

    /** What an incremental stores for a path. */
    enum Change { UNCHANGED, DIFF, SNAPSHOT }

    private final UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
    private final Map<String, Boolean> knownUsers = new HashMap<>();
    private final Map<String, Boolean> knownGroups = new HashMap<>();

    /** {@code state} null = not in the state (new). */
    Change classify(FileMetadata now, SignatureState.Entry state) throws IOException {
        if (state == null || state.type() != now.type()) {
            return Change.SNAPSHOT;
        }
        if (same(now, state.header())) {
            return Change.UNCHANGED;
        }
        return now.type() == FileType.REGULAR && state.kind() == EntryName.Kind.SIGNATURE ? Change.DIFF : Change.SNAPSHOT;
    }

    private boolean same(FileMetadata now, TarHeader old) throws IOException {
        return switch (now.type()) {
            case REGULAR, DIRECTORY, FIFO -> sameOwnerAndMode(now, old)
                    && (now.mtime() == old.mtime() || (now.mtime() <= 0 && old.mtime() <= 0));
            case SYMLINK -> Arrays.equals(now.linkTarget(), old.linkname());
            case CHAR_DEVICE, BLOCK_DEVICE -> sameOwnerAndMode(now, old) && now.devMajor() == old.devMajor()
                    && now.devMinor() == old.devMinor();
        };
    }

    private boolean sameOwnerAndMode(FileMetadata now, TarHeader old) throws IOException {
        return now.mode() == (old.mode() & 07777)
                && sameId(now.uid(), now.uname(), old.uid(), old.uname(), knownUsers, false)
                && sameId(now.gid(), now.gname(), old.gid(), old.gname(), knownGroups, true);
    }

    /**
     * The stored id is the local id of the stored name when that name exists here, else the stored
     * number. The current name is the local name of the current id, so an existing stored name
     * matches iff it is that name (an alias sharing the id counts as different).
     */
    private boolean sameId(long id, String name, long storedId, String storedName, Map<String, Boolean> known,
            boolean group) throws IOException {
        if (storedName.isEmpty()) {
            return id == storedId;
        }
        if (storedName.equals(name)) {
            return true;
        }
        Boolean exists = known.get(storedName);
        if (exists == null) {
            exists = existsLocally(storedName, group);
            known.put(storedName, exists);
        }
        return !exists && id == storedId;
    }

    private boolean existsLocally(String name, boolean group) throws IOException {
        if (name.chars().allMatch(Character::isDigit)) {
            // The JDK takes an unknown all-digit name for a numeric id; getpwnam() would not.
            return false;
        }
        try {
            if (group) {
                lookup.lookupPrincipalByGroupName(name);
            } else {
                lookup.lookupPrincipalByName(name);
            }
            return true;
        } catch (UserPrincipalNotFoundException e) {
            return false;
        }
    }
}
