package camelback.camel;

/** How a run ended, as the report and the exit code say it. */
public enum Outcome {
    RUNNING, OK, PARTIAL, FAILED, SKIPPED
}
