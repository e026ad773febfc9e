package camelback.archive;

import java.util.ArrayList;
import java.util.List;

/** A full-signatures file and the new-signatures files that continue it, on the target or in the archive dir (spec 8.3). */
public final class SignatureChain {
    private final boolean local;
    private final String fullSignatures;
    private final long startTime;
    private final List<String> newSignatures = new ArrayList<>();
    private long endTime;

    SignatureChain(boolean local, String fullSignatures, long startTime) {
        this.local = local;
        this.fullSignatures = fullSignatures;
        this.startTime = startTime;
        this.endTime = startTime;
    }

    void add(String newSignatures, long endTime) {
        this.newSignatures.add(newSignatures);
        this.endTime = endTime;
    }

    /** True for a chain in the local archive dir, false for one on the target. */
    public boolean local() {
        return local;
    }

    public String fullSignatures() {
        return fullSignatures;
    }

    /** The new-signatures files in chain order. */
    public List<String> newSignatures() {
        return List.copyOf(newSignatures);
    }

    public long startTime() {
        return startTime;
    }

    public long endTime() {
        return endTime;
    }

    @Override
    public String toString() {
        return (local ? "local" : "remote") + " signature chain " + BackupTime.format(startTime) + " to "
                + BackupTime.format(endTime) + " (" + (1 + newSignatures.size()) + " files)";
    }
}
