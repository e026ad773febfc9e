package camelback.archive;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives restored paths their archived owner and group (spec 10.1, 10.7): by the stored names when they exist here,
 * else by the numeric ids. Names are looked up once per restore; safe for the restore's writer threads.
 */
final class FileOwners {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    /** The owner and group (ids and names) that files created in {@code directory} get. */
    private record NewFileOwners(Path directory, int uid, int gid, String user, String group) {
    }

    private final Map<String, Optional<UserPrincipal>> users = new ConcurrentHashMap<>();
    private final Map<String, Optional<GroupPrincipal>> groups = new ConcurrentHashMap<>();
    // The JDK reads /etc/passwd and /etc/group for every owner name it reports: names are asked once per id.
    private final Map<Integer, String> userNames = new ConcurrentHashMap<>();
    private final Map<Integer, String> groupNames = new ConcurrentHashMap<>();
    // Per thread: the restore's writer threads work in different directories at once.
    private final ThreadLocal<NewFileOwners> newFileOwners = new ThreadLocal<>();

    /** Sets the owner and group {@code h} names; a regular file this restore created that has them is left alone. */
    void apply(Path path, TarHeader h) throws IOException {
        if (h.fileType() == FileType.REGULAR && ownedAsWanted(path, h)) {
            return;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, NOFOLLOW);
        Optional<UserPrincipal> user = lookupUser(h.uname());
        if (user.isPresent()) {
            view.setOwner(user.get());
        } else {
            Files.setAttribute(path, "unix:uid", (int) h.uid(), NOFOLLOW);
        }
        Optional<GroupPrincipal> group = lookupGroup(h.gname());
        if (group.isPresent()) {
            view.setGroup(group.get());
        } else {
            Files.setAttribute(path, "unix:gid", (int) h.gid(), NOFOLLOW);
        }
    }

    /**
     * Whether a file this restore just created already has the owner and group {@code h} names, as it has when the
     * archive's files belong to the user who restores them: then the two chown calls per file are skipped.
     */
    private boolean ownedAsWanted(Path file, TarHeader h) throws IOException {
        NewFileOwners owners = newFileOwners(file);
        Optional<UserPrincipal> user = lookupUser(h.uname());
        Optional<GroupPrincipal> group = lookupGroup(h.gname());
        boolean userMatches = user.isPresent() ? user.get().getName().equals(owners.user()) : h.uid() == owners.uid();
        boolean groupMatches = group.isPresent() ? group.get().getName().equals(owners.group()) : h.gid() == owners.gid();
        return userMatches && groupMatches;
    }

    /** Who owns the files created in {@code file}'s directory: all get the same, so it is asked once per directory. */
    private NewFileOwners newFileOwners(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        NewFileOwners known = newFileOwners.get();
        if (known == null || !directory.equals(known.directory())) {
            Map<String, Object> ids = Files.readAttributes(file, "unix:uid,gid", NOFOLLOW);
            int uid = (Integer) ids.get("uid");
            int gid = (Integer) ids.get("gid");
            String user = userNames.get(uid);
            if (user == null) {
                user = Files.getOwner(file, NOFOLLOW).getName();
                userNames.put(uid, user);
            }
            String group = groupNames.get(gid);
            if (group == null) {
                group = ((GroupPrincipal) Files.getAttribute(file, "posix:group", NOFOLLOW)).getName();
                groupNames.put(gid, group);
            }
            known = new NewFileOwners(directory, uid, gid, user, group);
            newFileOwners.set(known);
        }
        return known;
    }

    private Optional<UserPrincipal> lookupUser(String name) throws IOException {
        return lookup(users, name, UserPrincipalLookupService::lookupPrincipalByName);
    }

    private Optional<GroupPrincipal> lookupGroup(String name) throws IOException {
        return lookup(groups, name, UserPrincipalLookupService::lookupPrincipalByGroupName);
    }

    /** A name's principal from the cache, or from the system once; empty for "" and for names unknown here. */
    private static <P> Optional<P> lookup(Map<String, Optional<P>> cache, String name, Lookup<P> how)
            throws IOException {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<P> found = cache.get(name);
        if (found == null) {
            try {
                found = Optional.of(how.find(FileSystems.getDefault().getUserPrincipalLookupService(), name));
            } catch (UserPrincipalNotFoundException e) {
                found = Optional.empty();
            }
            cache.put(name, found);
        }
        return found;
    }

    @FunctionalInterface
    private interface Lookup<P> {
        P find(UserPrincipalLookupService service, String name) throws IOException;
    }
}
