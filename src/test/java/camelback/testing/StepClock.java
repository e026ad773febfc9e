package camelback.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand, so backup sets get distinct, known times without sleeping. */
public final class StepClock extends Clock {
    private volatile long millis;

    public StepClock(Instant start) {
        this.millis = start.toEpochMilli();
    }

    public void advanceSeconds(long seconds) {
        millis += seconds * 1000;
    }

    public long epochSecond() {
        return millis / 1000;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }
}
