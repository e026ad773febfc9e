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
    private List<BackupSet> orphanedSets = List.of();
    private List<SignatureChain> remoteSignatureChains = List.of();
    private List<SignatureChain> localSignatureChains = List.of();
    private List<String> orphanedSignatures = List.of();

    private Collection(List<BackupChain> chains, List<BackupSet> incompleteSets, List<String> orphans) {
        this.chains = chains;
        this.incompleteSets = incompleteSets;
        this.orphans = orphans;
    }

    /**
     * Builds the collection from the target's names and the local archive dir's names (spec 8.1–8.3);
     * the local names only contribute signature chains.
     */
    public static Collection of(List<String> remoteNames, List<String> localNames) {
        Collection c = of(remoteNames);
        List<String> orphaned = new ArrayList<>();
        c.remoteSignatureChains = signatureChains(remoteNames, false, orphaned);
        c.localSignatureChains = signatureChains(localNames, true, orphaned);
        c.orphanedSignatures = List.copyOf(orphaned);
        return c;
    }

    /** Builds the collection; names duplicity would ignore (and partial files) are ignored. */
    public static Collection of(List<String> names) {
        Map<String, BackupSet> sets = new LinkedHashMap<>();
        List<ArchiveFileName> fullSignatures = new ArrayList<>();
        List<ArchiveFileName> newSignatures = new ArrayList<>();
        List<String> interruptedUploads = new ArrayList<>();
        for (String n : names.stream().sorted().toList()) {
            if (n.startsWith(ArchiveFileName.UPLOAD_PREFIX)
                    && ArchiveFileName.parse(n.substring(ArchiveFileName.UPLOAD_PREFIX.length())).isPresent()) {
                // a file:// upload that a killed run left under its temp name: orphaned, for cleanup to delete
                interruptedUploads.add(n);
                continue;
            }
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
        List<BackupSet> orphanedSets = new ArrayList<>();
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
                orphanedSets.add(s);
            }
        }
        attachSignatures(chains, fullSignatures, newSignatures, orphans);
        orphans.addAll(interruptedUploads);
        List<String> remote = new ArrayList<>();
        Collection c = new Collection(List.copyOf(chains), List.copyOf(incomplete), List.copyOf(orphans));
        c.orphanedSets = List.copyOf(orphanedSets);
        c.remoteSignatureChains = signatureChains(names, false, remote);
        c.orphanedSignatures = List.copyOf(remote);
        return c;
    }

    /** Each full-signatures file starts a chain; new-signatures files attach where a chain ends at their start (spec 8.3). */
    private static List<SignatureChain> signatureChains(List<String> names, boolean local, List<String> orphaned) {
        List<ArchiveFileName> parsed = names.stream().map(ArchiveFileName::parse).flatMap(Optional::stream)
                .filter(n -> !n.partial()).toList();
        List<SignatureChain> result = new ArrayList<>();
        parsed.stream().filter(n -> n.type() == ArchiveFileName.Type.FULL_SIGNATURES)
                .sorted(Comparator.comparingLong(ArchiveFileName::startTime))
                .forEach(n -> result.add(new SignatureChain(local, n.name(), n.startTime())));
        parsed.stream().filter(n -> n.type() == ArchiveFileName.Type.NEW_SIGNATURES)
                .sorted(Comparator.comparingLong(ArchiveFileName::startTime)).forEach(n -> {
                    Optional<SignatureChain> chain = result.stream().filter(c -> c.endTime() == n.startTime()).findFirst();
                    if (chain.isPresent()) {
                        chain.get().add(n.name(), n.endTime());
                    } else {
                        orphaned.add(n.name());
                    }
                });
        return List.copyOf(result);
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

    /** Incremental sets that attach to no chain (spec 8.2). */
    public List<BackupSet> orphanedSets() {
        return orphanedSets;
    }

    /** Signature chains on the target, oldest first. */
    public List<SignatureChain> remoteSignatureChains() {
        return remoteSignatureChains;
    }

    /** Signature chains in the local archive dir (empty unless built with its names). */
    public List<SignatureChain> localSignatureChains() {
        return localSignatureChains;
    }

    /** New-signatures files (remote and local) that continue no signature chain. */
    public List<String> orphanedSignatures() {
        return orphanedSignatures;
    }

    /** The newest backup chain by start time, if any. */
    public Optional<BackupChain> newestChain() {
        return chains.stream().max(Comparator.comparingLong(BackupChain::startTime));
    }

    /**
     * The backup chain an incremental builds on (spec 8.3): the newest chain, if a signature chain
     * (local preferred) ends where it ends. If a signature chain ends at the second-to-last set instead,
     * the chain without its last incremental (which lacks its signatures). Empty: back up in full.
     */
    public Optional<BackupChain> activeChain() {
        Optional<BackupChain> newest = newestChain();
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        BackupChain chain = newest.get();
        if (signatureChainEndingAt(chain).isPresent()) {
            return newest;
        }
        if (!chain.incrementals().isEmpty()) {
            BackupChain shorter = chain.withoutLastIncremental();
            if (signatureChainEndingAt(shorter).isPresent()) {
                return Optional.of(shorter);
            }
        }
        return Optional.empty();
    }

    /** The signature chain matching {@link #activeChain()}: the local one if it matches, else the remote one. */
    public Optional<SignatureChain> activeSignatureChain() {
        return activeChain().flatMap(this::signatureChainEndingAt);
    }

    /** The incremental set {@link #activeChain()} leaves out because its signatures are missing, if any. */
    public Optional<BackupSet> discardedSet() {
        Optional<BackupChain> active = activeChain();
        Optional<BackupChain> newest = newestChain();
        if (active.isEmpty() || active.get().endTime() == newest.get().endTime()) {
            return Optional.empty();
        }
        List<BackupSet> incs = newest.get().incrementals();
        return Optional.of(incs.get(incs.size() - 1));
    }

    private Optional<SignatureChain> signatureChainEndingAt(BackupChain chain) {
        for (List<SignatureChain> sigs : List.of(localSignatureChains, remoteSignatureChains)) {
            for (SignatureChain s : sigs) {
                if (s.startTime() == chain.startTime() && s.endTime() == chain.endTime()) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
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
