package camelback.job;

import camelback.archive.BackupChain;
import camelback.archive.Collection;


/**
 * duplicity's {@code incr --full-if-older-than}: an incremental on the newest chain when it has
 * signatures for every set and its full is young enough, else a full. Incomplete sets (no
 * manifest) are never built upon: a chain only holds complete sets.
 */
public final class BackupPolicy {
    private BackupPolicy() {
    }

    /** What to write: {@code chain} is null for a full set. */
    public record Plan(boolean full, long startTime, long endTime, BackupChain chain, String reason) {
    }

    public static Plan decide(Collection collection, long now, String fullIfOlderThan, boolean forceFull) {
        if (forceFull) {
            return full(now, "full backup requested");
        }
        if (collection.chains().isEmpty()) {
            return full(now, "no backup chain on the target yet");
        }
        BackupChain newest = collection.newestChain().orElseThrow();
        if (fullIfOlderThan != null) {
            long limit = now - TimeSpec.intervalSeconds(fullIfOlderThan);
            if (newest.fullSet().endTime() < limit) {
                return full(now, "the last full backup is older than " + fullIfOlderThan);
            }
        }
        BackupChain chain = collection.activeChain().orElse(null);
        if (chain == null) {
            return full(now, "no signatures for the newest chain's last set: switching to a full backup");
        }
        long start = chain.endTime();
        // a set's end must be later than its start; duplicity waits for the clock to pass it
        long end = Math.max(now, start + 1);
        String discarded = collection.discardedSet().map(s -> "; the last set lacks its signatures and is not built upon").orElse("");
        return new Plan(false, start, end, chain, "incremental on the chain started "
                + camelback.archive.BackupTime.format(chain.startTime()) + discarded);
    }

    /** A full set, for a reason found outside the collection (e.g. its signatures cannot be read here). */
    public static Plan full(long now, String reason) {
        return new Plan(true, now, now, null, reason);
    }
}
