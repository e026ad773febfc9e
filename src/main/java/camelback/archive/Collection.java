package camelback.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The backup sets, chains, orphans and incomplete sets on a target, from its file names alone (spec 8.1–8.2). */
public final class Collection {
    private final List<BackupChain> chains;
    private final List<BackupSet> incompleteSets;
    private final List<String> orphans;

    private Collection(List<BackupChain> chains, List<BackupSet> incompleteSets, List<String> orphans) {
        this.chains = chains;
        this.incompleteSets = incompleteSets;
        this.orphans = orphans;
    }

    /** Builds the collection; names duplicity would ignore (and partial files) are ignored. */
    public static Collection of(List<String> names) {
        Map<String, BackupSet> sets = new LinkedHashMap<>();
        List<ArchiveFileName> fullSignatures = new ArrayList<>();
        List<ArchiveFileName> newSignatures = new ArrayList<>();
        for (String n : names.stream().sorted().toList()) {
            Optional<ArchiveFileName> parsed = ArchiveFileName.parse(n);
            if (parsed.isEmpty() || parsed.get().partial()) {
                continue;
            }
            ArchiveFileName name = parsed.get();
            switch (name.type()) {
                case FULL_SIGNATURES -> fullSignatures.add(name);
                case NEW_SIGNATURES -> newSignatures.add(name);
                default -> sets.computeIfAbsent((name.full() ? "F" : "I") + name.startTime() + "." + name.endTime(),
                        k -> new BackupSet(name.full(), name.startTime(), name.endTime())).add(name);
            }
        }
        List<BackupSet> complete = new ArrayList<>();
        List<BackupSet> incomplete = new ArrayList<>();
        for (BackupSet s : sets.values()) {
            (s.complete() ? complete : incomplete).add(s);
        }
        complete.sort(Comparator.comparingLong(BackupSet::endTime).thenComparing(s -> !s.full()));
        List<BackupChain> chains = new ArrayList<>();
        List<String> orphans = new ArrayList<>();
        for (BackupSet s : complete) {
            if (s.full()) {
                chains.add(new BackupChain(s));
                continue;
            }
            Optional<BackupChain> chain = chains.stream().filter(c -> c.endTime() == s.startTime()
                    || (!c.incrementals().isEmpty() && lastOf(c).startTime() == s.startTime()
                    && lastOf(c).endTime() < s.endTime())).findFirst();
            if (chain.isPresent()) {
                chain.get().addIncremental(s);
            } else {
                orphans.add(s.manifest());
                orphans.addAll(s.volumes().values());
            }
        }
        attachSignatures(chains, fullSignatures, newSignatures, orphans);
        return new Collection(List.copyOf(chains), List.copyOf(incomplete), List.copyOf(orphans));
    }

    private static BackupSet lastOf(BackupChain c) {
        List<BackupSet> incs = c.incrementals();
        return incs.get(incs.size() - 1);
    }

    private static void attachSignatures(List<BackupChain> chains, List<ArchiveFileName> fulls,
            List<ArchiveFileName> news, List<String> orphans) {
        news.sort(Comparator.comparingLong(ArchiveFileName::startTime));
        Map<BackupChain, Long> ends = new LinkedHashMap<>();
        for (BackupChain c : chains) {
            fulls.stream().filter(f -> f.startTime() == c.startTime()).findFirst().ifPresent(f -> {
                c.addSignatures(f.name(), f.endTime());
                ends.put(c, f.endTime());
            });
        }
        for (ArchiveFileName n : news) {
            Optional<BackupChain> chain = ends.entrySet().stream().filter(e -> e.getValue() == n.startTime())
                    .map(Map.Entry::getKey).findFirst();
            if (chain.isPresent()) {
                chain.get().addSignatures(n.name(), n.endTime());
                ends.put(chain.get(), n.endTime());
            } else {
                orphans.add(n.name());
            }
        }
    }

    /** Complete chains, oldest first. */
    public List<BackupChain> chains() {
        return chains;
    }

    /** Sets without a manifest (an interrupted or failed backup). */
    public List<BackupSet> incompleteSets() {
        return incompleteSets;
    }

    /** Names of incremental sets and new-signature files that attach to no chain. */
    public List<String> orphans() {
        return orphans;
    }

    /**
     * The chain to restore {@code time} from (spec 8.4 step 1): the one whose [start, end] holds it,
     * else the newest ending before it, else the oldest; null when there is no chain.
     */
    public BackupChain chainFor(long time) {
        BackupChain before = null;
        for (BackupChain c : chains) {
            if (c.startTime() <= time && time <= c.endTime()) {
                return c;
            }
            if (c.endTime() < time) {
                before = c;
            }
        }
        return before != null ? before : chains.isEmpty() ? null : chains.get(0);
    }
}
