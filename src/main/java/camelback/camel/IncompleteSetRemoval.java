package camelback.camel;

import camelback.archive.ArchiveFileName;
import camelback.job.Secrets;
import camelback.job.Targets;
import camelback.store.Store;
import org.apache.camel.Exchange;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The error handler's step after a run failed: removes what the run stored of its set. camelback never resumes a
 * set, so its volumes would only be space taken on the target, and on a full target every retry would leave more
 * of them. A set whose manifest reached the target is complete there and is left alone.
 */
public final class IncompleteSetRemoval {
    private final Secrets secrets;

    public IncompleteSetRemoval(Secrets secrets) {
        this.secrets = secrets;
    }

    public void remove(Exchange exchange) {
        BackupRun run = exchange.getProperty(BackupRun.PROPERTY, BackupRun.class);
        if (run == null || !run.uploadsBegan()) {
            return;
        }
        String job = run.job().name();
        try (Store store = Targets.open(run.job(), secrets)) {
            List<ArchiveFileName> files = store.list().stream().map(ArchiveFileName::parse).flatMap(Optional::stream)
                    .filter(run.setName()::names).toList();
            if (files.stream().anyMatch(f -> f.type() == ArchiveFileName.Type.FULL_MANIFEST
                    || f.type() == ArchiveFileName.Type.INC_MANIFEST)) {
                run.note("the set's manifest is on the target, so the set is complete there despite the failure");
                return;
            }
            // Signatures before volumes, as prune does: what is left after an interruption is still a set without
            // its signatures, never signatures pointing at missing volumes.
            for (ArchiveFileName file : files.stream().sorted(Comparator.comparingInt(ArchiveFileName::volume)).toList()) {
                store.delete(file.name());
            }
            if (!files.isEmpty()) {
                run.note("removed the incomplete set's " + files.size() + " file(s) from the target");
            }
        } catch (Exception e) {
            run.note("the incomplete set's files could not be removed from the target (" + ErrorMessages.describe(e)
                    + "); `camelback prune " + job + " --cleanup --force` removes them later");
        }
    }
}
