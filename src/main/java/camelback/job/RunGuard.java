package camelback.job;

/** Decides before a run whether the run should happen at all (e.g. only on a MongoDB secondary). */
public interface RunGuard {
    GuardDecision check() throws GuardException;
}
