package camelback.archive;

import java.util.ArrayList;
import java.util.List;

/**
 * The errors a restore went past: the first 100 messages, and whether any was the backup's (a damaged or missing
 * volume) rather than the destination's (a file that could not be written), since the two exit differently.
 */
final class RestoreErrors {
    private static final int MAX_KEPT = 100;
    private final List<String> messages = new ArrayList<>();
    private boolean backupDamaged;

    /** A volume that is damaged or missing: what it held is lost to this restore. */
    synchronized void backup(String message) {
        backupDamaged = true;
        add(message);
    }

    /** A path that could not be written. */
    synchronized void destination(String message) {
        add(message);
    }

    synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    synchronized boolean backupDamaged() {
        return backupDamaged;
    }

    private void add(String message) {
        if (messages.size() < MAX_KEPT) {
            messages.add(message);
        }
    }
}
