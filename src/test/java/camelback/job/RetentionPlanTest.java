package camelback.job;

import camelback.archive.ArchiveFileName.SetName;
import camelback.archive.ArchiveFileName;
import camelback.archive.Collection;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionPlanTest {
    private static final long DAY = 86_400;
    private static final long T0 = 1_700_000_000L;

    /** Three chains: full at day 0, 14, 28, each with incrementals on the next two days. */
    private static List<String> target() {
        List<String> names = new ArrayList<>();
        for (long start : new long[] {T0, T0 + 14 * DAY, T0 + 28 * DAY}) {
            SetName full = SetName.full(start);
            names.add(full.volume(1, ".gpg"));
            names.add(full.manifest(".gpg"));
            names.add(full.signatures(".gpg"));
            long prev = start;
            for (int i = 1; i <= 2; i++) {
                SetName inc = new SetName(false, prev, start + i * DAY);
                names.add(inc.volume(1, ".gpg"));
                names.add(inc.manifest(".gpg"));
                names.add(inc.signatures(".gpg"));
                prev = start + i * DAY;
            }
        }
        return names;
    }

    @Test
    void keepFullOneDeletesTheOlderChainsWholeManifestFirst() {
        RetentionPlan plan = RetentionPlan.of(Collection.of(target()), new RetentionPlan.Options(null, 1, null, false));
        assertThat(plan.files()).hasSize(18).allMatch(n -> !n.contains(camelback.archive.BackupTime.format(T0 + 28 * DAY)));
        String firstInc = new SetName(false, T0 + 14 * DAY + DAY, T0 + 14 * DAY + 2 * DAY).manifest(".gpg");
        assertThat(plan.files().get(0)).isEqualTo(firstInc);
    }

    @Test
    void keepingMoreFullsThanThereAreDeletesNothing() {
        RetentionPlan plan = RetentionPlan.of(Collection.of(target()), new RetentionPlan.Options(null, 5, null, false));
        assertThat(plan.files()).isEmpty();
    }

    @Test
    void olderThanKeepsChainsThatNewerSetsDependOn() {
        // day 15 lies inside the second chain: only the first chain (ended day 2) goes
        RetentionPlan plan = RetentionPlan.of(Collection.of(target()), new RetentionPlan.Options(T0 + 15 * DAY, null, null, false));
        assertThat(plan.files()).hasSize(9);
        assertThat(plan.files()).contains(SetName.full(T0).manifest(".gpg"), SetName.full(T0).signatures(".gpg"))
                .doesNotContain(SetName.full(T0 + 14 * DAY).manifest(".gpg"));
    }

    @Test
    void theNewestChainIsNeverDeleted() {
        RetentionPlan plan = RetentionPlan.of(Collection.of(target()), new RetentionPlan.Options(T0 + 365 * DAY, null, null, false));
        assertThat(plan.files()).hasSize(18).doesNotContain(SetName.full(T0 + 28 * DAY).volume(1, ".gpg"));
    }

    @Test
    void keepIncOfFullDeletesOnlyIncrementalsOfOlderChains() {
        RetentionPlan plan = RetentionPlan.of(Collection.of(target()), new RetentionPlan.Options(null, null, 1, false));
        assertThat(plan.files()).hasSize(12).noneMatch(n -> n.startsWith("duplicity-full"));
    }

    @Test
    void cleanupRemovesIncompleteSetsAndOrphans() {
        List<String> names = target();
        SetName crashed = new SetName(false, T0 + 30 * DAY, T0 + 31 * DAY);
        names.add(crashed.volume(1, ".gpg"));
        SetName orphan = new SetName(false, T0 + 100 * DAY, T0 + 101 * DAY);
        names.add(orphan.volume(1, ".gpg"));
        names.add(orphan.manifest(".gpg"));
        RetentionPlan plan = RetentionPlan.of(Collection.of(names), new RetentionPlan.Options(null, null, null, true));
        assertThat(plan.files()).containsExactlyInAnyOrder(crashed.volume(1, ".gpg"), orphan.volume(1, ".gpg"), orphan.manifest(".gpg"));
    }

    @Test
    void cleanupRemovesUploadsAKilledRunLeftUnderTheirTempNames() {
        List<String> names = target();
        SetName killed = new SetName(false, T0 + 30 * DAY, T0 + 31 * DAY);
        names.add(killed.volume(1, ".gpg"));
        names.add(ArchiveFileName.UPLOAD_PREFIX + killed.volume(2, ".gpg"));
        names.add(".uploading-notes.txt");
        RetentionPlan plan = RetentionPlan.of(Collection.of(names), new RetentionPlan.Options(null, null, null, true));
        assertThat(plan.files()).containsExactlyInAnyOrder(killed.volume(1, ".gpg"), ".uploading-" + killed.volume(2, ".gpg"));
    }

    @Test
    void pruningATargetLeavesTheSetsOfAnotherFilePrefixAlone() {
        List<String> names = target();
        FilePrefixes host2 = new FilePrefixes("host2_", "vol-", null, null);
        SetName crashed = new SetName(false, T0 + 30 * DAY, T0 + 31 * DAY);
        names.add(host2.stored(crashed.volume(1, ".gpg")));
        names.add(host2.stored(SetName.full(T0).manifest(".gpg")));
        RetentionPlan plan = RetentionPlan.of(Collection.of(names), new RetentionPlan.Options(T0 + 365 * DAY, null, null, true));
        assertThat(plan.files()).hasSize(18).noneMatch(n -> n.startsWith("host2_"));
    }

    @Test
    void refusesToDeleteEveryFullOrNothingAsked() {
        assertThatThrownBy(() -> new RetentionPlan.Options(null, 0, null, false)).hasMessageContaining("every backup");
        assertThatThrownBy(() -> new RetentionPlan.Options(null, null, null, false)).hasMessageContaining("say what to prune");
    }
}
