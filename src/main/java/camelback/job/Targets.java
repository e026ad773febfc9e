package camelback.job;

import camelback.store.RenamingStore;
import camelback.store.S3Settings;
import camelback.store.Store;
import camelback.store.Stores;
import camelback.store.TargetUrl;

import java.util.Optional;

/** Opens the store behind a job's target URL, with credentials from the secrets. */
public final class Targets {
    private Targets() {
    }

    public static S3Settings s3Settings(JobConfig.S3Options options, Secrets secrets, String job) {
        Optional<String> keyIdFromSecrets = secrets.forJob(Secrets.AWS_ACCESS_KEY_ID, job);
        String accessKey = keyIdFromSecrets.orElse(options.accessKeyId());
        String secretKey = secrets.forJob(Secrets.AWS_SECRET_ACCESS_KEY, job).orElse(null);
        // Temporary credentials come as three variables together; a token beside the job's own (long-term) key id
        // belongs to some other identity and would only get the requests refused.
        String sessionToken = keyIdFromSecrets.isPresent()
                ? secrets.forJob(Secrets.AWS_SESSION_TOKEN, job).orElse(null) : null;
        return new S3Settings(options.endpoint(), options.region(), accessKey, secretKey, sessionToken,
                options.pathStyle(), options.readTimeout());
    }

    public static Store open(JobConfig job, Secrets secrets) {
        return open(job.target(), job.s3(), secrets, job.name(), job.prefixes());
    }

    public static Store open(String url, JobConfig.S3Options options, Secrets secrets, FilePrefixes prefixes) {
        return open(url, options, secrets, "url", prefixes);
    }

    private static Store open(String url, JobConfig.S3Options options, Secrets secrets, String job, FilePrefixes prefixes) {
        TargetUrl target = TargetUrl.parse(url);
        // S3 credentials are only looked at (and checked) for S3 targets
        Store store = Stores.open(target, "s3".equals(target.scheme()) ? s3Settings(options, secrets, job) : null);
        return prefixes.none() ? store : new RenamingStore(store, prefixes);
    }
}
