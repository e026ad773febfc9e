package camelback.job;

import camelback.archive.BackupChain;
import camelback.archive.Collection;

import java.util.List;

/**
 * duplicity's {@code incr --full-if-older-than}: an incremental on the newest chain when it has
 * signatures for every set and its full is young enough, else a full. Incomplete sets (no
 * manifest) are never built upon: a chain only holds complete sets.
 */
public final class BackupPolicy {
    private BackupPolicy() {
    }

    /** What to write: {@code chain} is null for a full set. */
    public record Plan(boolean full, long startTime, long endTime, BackupChain chain, List<String> signatures, String reason) {
    }

    public static Plan decide(Collection collection, long now, String fullIfOlderThan, boolean forceFull) {
        if (forceFull) {
            return full(now, "full backup requested");
        }
        List<BackupChain> chains = collection.chains();
        if (chains.isEmpty()) {
            return full(now, "no backup chain on the target yet");
        }
        BackupChain chain = chains.get(chains.size() - 1);
        if (fullIfOlderThan != null) {
            long limit = now - TimeSpec.intervalSeconds(fullIfOlderThan);
            if (chain.fullSet().endTime() < limit) {
                return full(now, "the last full backup is older than " + fullIfOlderThan);
            }
        }
        List<String> signatures = chain.signaturesUpTo(Long.MAX_VALUE);
        if (signatures.size() != 1 + chain.incrementals().size()) {
            return full(now, "the newest chain lacks signature files for some of its sets");
        }
        long start = chain.endTime();
        // duplicity waits for the clock to pass the previous set's end; a set's end must be later than its start
        long end = Math.max(now, start + 1);
        return new Plan(false, start, end, chain, signatures,
                "incremental on the chain started " + camelback.archive.BackupTime.format(chain.startTime()));
    }

    private static Plan full(long now, String reason) {
        return new Plan(true, now, now, null, List.of(), reason);
    }
}
