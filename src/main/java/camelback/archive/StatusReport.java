package camelback.archive;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * collection-status, modelled on duplicity's output: the primary chain (newest, with matching
 * signatures), secondary chains with their sets, incomplete and orphaned sets, orphaned signature files.
 */
public final class StatusReport {
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss uuuu", Locale.ENGLISH);
    private static final String RULE = "-------------------------";

    /** One set of a chain: full or incremental, its (end) time and number of volumes. */
    public record SetStatus(boolean full, long time, int volumes) {
    }

    /** One chain: its time range and sets in order. */
    public record ChainStatus(long startTime, long endTime, List<SetStatus> sets) {
        public int volumes() {
            return sets.stream().mapToInt(SetStatus::volumes).sum();
        }
    }

    private final ChainStatus primary;
    private final List<ChainStatus> secondary;
    private final List<BackupSet> incomplete;
    private final List<BackupSet> orphanedSets;
    private final List<String> orphanedSignatures;

    private StatusReport(ChainStatus primary, List<ChainStatus> secondary, List<BackupSet> incomplete,
            List<BackupSet> orphanedSets, List<String> orphanedSignatures) {
        this.primary = primary;
        this.secondary = secondary;
        this.incomplete = incomplete;
        this.orphanedSets = orphanedSets;
        this.orphanedSignatures = orphanedSignatures;
    }

    public static StatusReport of(Collection collection) {
        Optional<BackupChain> active = collection.activeChain();
        List<BackupSet> incomplete = new ArrayList<>(collection.incompleteSets());
        collection.discardedSet().ifPresent(incomplete::add);
        List<ChainStatus> secondary = new ArrayList<>();
        for (BackupChain c : collection.chains()) {
            if (active.isEmpty() || c.startTime() != active.get().startTime()) {
                secondary.add(status(c));
            }
        }
        return new StatusReport(active.map(StatusReport::status).orElse(null), List.copyOf(secondary), List.copyOf(incomplete),
                collection.orphanedSets(), collection.orphanedSignatures());
    }

    private static ChainStatus status(BackupChain chain) {
        List<SetStatus> sets = new ArrayList<>();
        sets.add(new SetStatus(true, chain.fullSet().endTime(), chain.fullSet().volumes().size()));
        for (BackupSet s : chain.incrementals()) {
            sets.add(new SetStatus(false, s.endTime(), s.volumes().size()));
        }
        return new ChainStatus(chain.startTime(), chain.endTime(), List.copyOf(sets));
    }

    /** The newest chain with matching signatures, which the next incremental builds on. */
    public Optional<ChainStatus> primaryChain() {
        return Optional.ofNullable(primary);
    }

    public List<ChainStatus> secondaryChains() {
        return secondary;
    }

    /** Sets without a manifest, and a last incremental set left out because its signatures are missing. */
    public List<BackupSet> incompleteSets() {
        return incomplete;
    }

    public List<BackupSet> orphanedSets() {
        return orphanedSets;
    }

    public List<String> orphanedSignatures() {
        return orphanedSignatures;
    }

    /** The report as text; times in {@code zone} (duplicity prints local time). */
    public String render(ZoneId zone) {
        StringBuilder out = new StringBuilder();
        long lastFull = Long.MIN_VALUE;
        for (ChainStatus c : all()) {
            lastFull = Math.max(lastFull, c.startTime());
        }
        out.append(lastFull == Long.MIN_VALUE ? "Last full backup date: none" : "Last full backup date: " + time(lastFull, zone))
                .append('\n');
        out.append("Collection Status\n-----------------\n\n");
        out.append("Found ").append(secondary.size()).append(" secondary backup chain").append(secondary.size() == 1 ? "" : "s")
                .append(".\n");
        for (int i = 0; i < secondary.size(); i++) {
            out.append("Secondary chain ").append(i + 1).append(" of ").append(secondary.size()).append(":\n");
            chain(out, secondary.get(i), zone);
        }
        out.append('\n');
        if (primary == null) {
            out.append("No backup chains with active signatures found\n");
        } else {
            out.append("Found primary backup chain with matching signature chain:\n");
            chain(out, primary, zone);
        }
        if (incomplete.isEmpty() && orphanedSets.isEmpty()) {
            out.append("No orphaned or incomplete backup sets found.\n");
        } else {
            out.append("Also found ").append(orphanedSets.size()).append(" backup set").append(orphanedSets.size() == 1 ? "" : "s")
                    .append(" not part of any chain,\n");
            out.append("and ").append(incomplete.size()).append(" incomplete backup set").append(incomplete.size() == 1 ? "" : "s")
                    .append(".\n");
            out.append("These may be deleted by running the cleanup command.\n");
            for (BackupSet s : orphanedSets) {
                out.append("Orphaned: ").append(s).append('\n');
            }
            for (BackupSet s : incomplete) {
                out.append("Incomplete: ").append(s).append('\n');
            }
        }
        if (!orphanedSignatures.isEmpty()) {
            out.append("Orphaned signature files:\n");
            orphanedSignatures.forEach(n -> out.append(n).append('\n'));
        }
        return out.toString();
    }

    private List<ChainStatus> all() {
        List<ChainStatus> all = new ArrayList<>(secondary);
        if (primary != null) {
            all.add(primary);
        }
        return all;
    }

    private static void chain(StringBuilder out, ChainStatus c, ZoneId zone) {
        out.append(RULE).append('\n');
        out.append("Chain start time: ").append(time(c.startTime(), zone)).append('\n');
        out.append("Chain end time: ").append(time(c.endTime(), zone)).append('\n');
        out.append("Number of contained backup sets: ").append(c.sets().size()).append('\n');
        out.append("Total number of contained volumes: ").append(c.volumes()).append('\n');
        out.append(String.format(Locale.ROOT, "%20s%33s%18s\n", " Type of backup set:", "Time:", "Num volumes:"));
        for (SetStatus s : c.sets()) {
            out.append(String.format(Locale.ROOT, "%20s%33s%18d\n", s.full() ? "Full" : "Incremental", time(s.time(), zone),
                    s.volumes()));
        }
        out.append(RULE).append('\n');
    }

    private static String time(long epochSeconds, ZoneId zone) {
        return ASCTIME.format(Instant.ofEpochSecond(epochSeconds).atZone(zone));
    }
}
