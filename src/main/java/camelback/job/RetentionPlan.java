package camelback.job;

import camelback.archive.BackupChain;
import camelback.archive.BackupSet;
import camelback.archive.Collection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What duplicity's remove-older-than, remove-all-but-n-full, remove-all-inc-of-but-n-full and
 * cleanup would delete (spec 8.5). The newest chain is never deleted, and nothing a kept set
 * depends on is deleted: whole chains go, or only their incrementals.
 */
public final class RetentionPlan {
    private final List<String> files;
    private final List<String> descriptions;

    private RetentionPlan(List<String> files, List<String> descriptions) {
        this.files = List.copyOf(files);
        this.descriptions = List.copyOf(descriptions);
    }

    /** Options as the prune command takes them; null/false means "not asked for". */
    public record Options(Long olderThan, Integer keepFull, Integer keepIncOfFull, boolean cleanup) {
        public Options {
            if (keepFull != null && keepFull < 1) {
                throw new IllegalArgumentException("--keep-full must be at least 1: keeping no full backup would delete every backup");
            }
            if (keepIncOfFull != null && keepIncOfFull < 1) {
                throw new IllegalArgumentException("--keep-inc-of-full must be at least 1");
            }
            if (olderThan == null && keepFull == null && keepIncOfFull == null && !cleanup) {
                throw new IllegalArgumentException("say what to prune: --older-than T, --keep-full N, --keep-inc-of-full N or --cleanup");
            }
        }
    }

    public static RetentionPlan of(Collection collection, Options options) {
        List<BackupChain> chains = collection.chains();
        Set<String> files = new LinkedHashSet<>();
        List<String> descriptions = new ArrayList<>();
        List<BackupChain> newestFirst = chains.stream().sorted(Comparator.comparingLong(BackupChain::endTime).reversed()).toList();
        BackupChain active = newestFirst.isEmpty() ? null : newestFirst.get(0);

        Long wholeChainsBefore = options.olderThan();
        if (options.keepFull() != null) {
            wholeChainsBefore = max(wholeChainsBefore, nthNewestFullStart(chains, options.keepFull()));
        }
        if (wholeChainsBefore != null) {
            for (BackupChain chain : newestFirst) {
                if (chain != active && chain.endTime() < wholeChainsBefore) {
                    descriptions.add("chain " + chain);
                    addChain(chain, files);
                }
            }
        }
        if (options.keepIncOfFull() != null) {
            Long before = nthNewestFullStart(chains, options.keepIncOfFull());
            for (BackupChain chain : newestFirst) {
                if (before != null && chain != active && chain.endTime() < before && !chain.incrementals().isEmpty()
                        && !files.contains(chain.fullSet().manifest())) {
                    descriptions.add("incrementals of " + chain);
                    List<BackupSet> incs = new ArrayList<>(chain.incrementals());
                    java.util.Collections.reverse(incs);
                    incs.forEach(s -> addSet(s, files));
                    List<String> sigs = chain.signaturesUpTo(Long.MAX_VALUE);
                    files.addAll(sigs.subList(1, sigs.size()));
                }
            }
        }
        if (options.cleanup()) {
            for (BackupSet set : collection.incompleteSets()) {
                descriptions.add("incomplete " + set);
                addSet(set, files);
            }
            if (!collection.orphans().isEmpty()) {
                descriptions.add(collection.orphans().size() + " orphaned file(s)");
                files.addAll(collection.orphans());
            }
        }
        return new RetentionPlan(new ArrayList<>(files), descriptions);
    }

    /** Files to delete, newest set first, each set's manifest before its volumes (so no set looks complete half-deleted). */
    public List<String> files() {
        return files;
    }

    public List<String> descriptions() {
        return descriptions;
    }

    private static void addChain(BackupChain chain, Set<String> files) {
        List<BackupSet> sets = new ArrayList<>(chain.incrementals());
        java.util.Collections.reverse(sets);
        sets.add(chain.fullSet());
        sets.forEach(s -> addSet(s, files));
        files.addAll(chain.signaturesUpTo(Long.MAX_VALUE));
    }

    private static void addSet(BackupSet set, Set<String> files) {
        if (set.manifest() != null) {
            files.add(set.manifest());
        }
        files.addAll(set.volumes().values());
    }

    private static Long nthNewestFullStart(List<BackupChain> chains, int n) {
        List<Long> starts = chains.stream().map(BackupChain::startTime).sorted(Comparator.reverseOrder()).toList();
        return starts.size() < n ? null : starts.get(n - 1);
    }

    private static Long max(Long a, Long b) {
        // not one conditional expression: its long branch (Math.max) would unbox a null b
        if (a == null) {
            return b;
        }
        return b == null ? a : Long.valueOf(Math.max(a, b));
    }
}
