package camelback.cli;

import camelback.job.TimeSpec;
import picocli.CommandLine.Option;

import java.time.ZoneId;

/** {@code --time T} for the read commands, in duplicity's forms; absent means the latest state. */
final class TimeOption {
    @Option(names = {"-t", "--time"}, paramLabel = "T", description = "as of T (default: latest): now, 2026-11-01, 3D, 1h30m, epoch seconds, ...")
    String time;

    long epochSecondOrLatest() {
        return time == null ? Long.MAX_VALUE : TimeSpec.parse(time, System.currentTimeMillis() / 1000, ZoneId.systemDefault());
    }
}
