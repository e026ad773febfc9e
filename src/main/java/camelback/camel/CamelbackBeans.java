package camelback.camel;

import camelback.job.JobConfigs;
import camelback.job.MailSettings;
import camelback.job.Secrets;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

import java.io.PrintStream;
import java.time.Clock;

/** Binds the beans the YAML routes name, and sets camel-mail's SMTP components up. */
public final class CamelbackBeans implements CamelConfiguration {
    private final JobConfigs jobs;
    private final Secrets secrets;
    private final Clock clock;
    private final PrintStream out;
    private final ActiveRuns runs;

    public CamelbackBeans(JobConfigs jobs, Secrets secrets, Clock clock, PrintStream out, ActiveRuns runs) {
        this.jobs = jobs;
        this.secrets = secrets;
        this.clock = clock;
        this.out = out;
        this.runs = runs;
    }

    @Override
    public void configure(CamelContext context) {
        UploadEndpoints endpoints = new UploadEndpoints(context, secrets);
        context.getRegistry().bind("volumePool", VolumePool.create(Runtime.getRuntime().availableProcessors()));
        context.getRegistry().bind("jobSteps", new JobSteps(jobs, runs));
        context.getRegistry().bind("backupPlanner", new BackupPlanner(jobs, secrets, endpoints, clock, new ProgressLog(5000)));
        StoredFileEncoder encoder = new StoredFileEncoder(secrets, context);
        context.getRegistry().bind("setFiles", new SetFiles(encoder, runs));
        context.getRegistry().bind("autoRetention", new AutoRetention(secrets));
        context.getRegistry().bind("incompleteSet", new IncompleteSetRemoval(secrets));
        context.getRegistry().bind("storedFileEncoder", encoder);
        context.getRegistry().bind("runReport", new RunReport(jobs, clock, out));
        context.getRegistry().bind("mailFailures", new MailFailures(jobs.mail()));
        if (jobs.mail().host() != null) {
            // without a server no report is mailed: camel-mail is then not even loaded
            MailComponents.configure(context, jobs.mail());
        }
    }

    /** The report route's endpoint: host and port only, never credentials. */
    public static String mailUri(MailSettings mail) {
        String host = mail.host() == null ? "localhost" : mail.host();
        return (mail.tls() ? "smtps://" : "smtp://") + host + ":" + mail.port();
    }
}
