package camelback.store;

import java.util.Optional;

/**
 * How the names of files on a target differ from the names the archive code uses, for a {@link RenamingStore}:
 * duplicity's file prefixes, for one.
 */
public interface StoreNames {

    /** The name on the target of the file the archive code calls {@code name}. */
    String stored(String name);

    /** The archive code's name for the target's file {@code storedName}; empty for a file it must not see. */
    Optional<String> visible(String storedName);
}
