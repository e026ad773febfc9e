package camelback.job;

/** Whether a guarded run may go ahead, and why (the reason goes to the log and the run report). */
public record GuardDecision(boolean proceed, String reason) {
    public static GuardDecision proceed(String reason) {
        return new GuardDecision(true, reason);
    }

    public static GuardDecision skip(String reason) {
        return new GuardDecision(false, reason);
    }
}
