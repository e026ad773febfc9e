package camelback.archive;

import java.util.ArrayList;
import java.util.List;

/** A full set and the incremental sets built on it, plus the signature files that describe it (spec 8.2–8.3). */
public final class BackupChain {
    private final BackupSet full;
    private final List<BackupSet> incrementals = new ArrayList<>();
    private final List<String> signatures = new ArrayList<>();
    private final List<Long> signatureEndTimes = new ArrayList<>();

    BackupChain(BackupSet full) {
        this.full = full;
    }

    void addIncremental(BackupSet set) {
        if (!incrementals.isEmpty() && incrementals.get(incrementals.size() - 1).startTime() == set.startTime()) {
            incrementals.set(incrementals.size() - 1, set);
        } else {
            incrementals.add(set);
        }
    }

    void addSignatures(String name, long endTime) {
        signatures.add(name);
        signatureEndTimes.add(endTime);
    }

    /** A copy without the last incremental set (whose signatures are missing, spec 8.3). */
    BackupChain withoutLastIncremental() {
        BackupChain copy = new BackupChain(full);
        copy.incrementals.addAll(incrementals.subList(0, incrementals.size() - 1));
        for (int i = 0; i < signatures.size(); i++) {
            if (signatureEndTimes.get(i) <= copy.endTime()) {
                copy.addSignatures(signatures.get(i), signatureEndTimes.get(i));
            }
        }
        return copy;
    }

    public BackupSet fullSet() {
        return full;
    }

    public List<BackupSet> incrementals() {
        return List.copyOf(incrementals);
    }

    public long startTime() {
        return full.startTime();
    }

    public long endTime() {
        return incrementals.isEmpty() ? full.endTime() : incrementals.get(incrementals.size() - 1).endTime();
    }

    /** The full set and each incremental set ending at or before {@code time}, in order (spec 8.4 step 2). */
    public List<BackupSet> setsUpTo(long time) {
        List<BackupSet> sets = new ArrayList<>();
        sets.add(full);
        for (BackupSet s : incrementals) {
            if (s.endTime() <= time) {
                sets.add(s);
            }
        }
        return sets;
    }

    /**
     * The signature files (full, then new ones in order) describing the state at {@code time}; new
     * signatures of sets this chain lacks (e.g. without a manifest) are left out.
     */
    public List<String> signaturesUpTo(long time) {
        long limit = Math.min(time, endTime());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < signatures.size(); i++) {
            if (i == 0 || signatureEndTimes.get(i) <= limit) {
                names.add(signatures.get(i));
            }
        }
        return names;
    }

    @Override
    public String toString() {
        return "chain " + BackupTime.format(startTime()) + " to " + BackupTime.format(endTime()) + " ("
                + (1 + incrementals.size()) + " sets)";
    }
}
