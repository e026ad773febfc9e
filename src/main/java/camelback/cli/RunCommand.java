package camelback.cli;

import camelback.camel.CamelbackApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.time.Clock;
import java.util.concurrent.Callable;

/** The daemon: every enabled job on its Quartz schedule until stopped. */
@Command(name = "run", description = "Run as a daemon: every enabled job on its cron schedule.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @ParentCommand
    CamelbackCommand parent;

    @Override
    public Integer call() throws Exception {
        CamelbackCommand.Loaded loaded = parent.load();
        CamelbackApp app = CamelbackApp.start(parent.home(), parent.configFile(), loaded.jobs(), loaded.secrets(),
                Clock.systemUTC(), System.out);
        int scheduled = app.scheduleJobs();
        LOG.info("camelback daemon started: {} scheduled job(s)", scheduled);
        if (scheduled == 0) {
            // a daemon that will never run anything is almost always a configuration slip, not an intent
            LOG.warn("no enabled job has a .cron, so this daemon will run nothing; give a job camelback.job.NAME.cron "
                    + "(e.g. 0 15 1 * * ?) and enabled=true, or run a job once with: camelback backup NAME");
        }
        // until SIGTERM: the app's shutdown hook ends the runs going, then stops Camel
        app.awaitClosed();
        return ExitCode.OK.code();
    }
}
