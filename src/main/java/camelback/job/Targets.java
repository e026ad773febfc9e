package camelback.job;

import camelback.store.S3Settings;
import camelback.store.Store;
import camelback.store.Stores;
import camelback.store.TargetUrl;

/** Opens the store behind a job's target URL, with credentials from the secrets. */
public final class Targets {
    private Targets() {
    }

    public static S3Settings s3Settings(JobConfig.S3Options options, Secrets secrets, String job) {
        String accessKey = secrets.forJob(Secrets.AWS_ACCESS_KEY_ID, job).orElse(options.accessKeyId());
        String secretKey = secrets.forJob(Secrets.AWS_SECRET_ACCESS_KEY, job).orElse(null);
        return new S3Settings(options.endpoint(), options.region(), accessKey, secretKey, options.pathStyle());
    }

    public static Store open(JobConfig job, Secrets secrets) {
        return open(job.target(), job.s3(), secrets, job.name());
    }

    public static Store open(String url, JobConfig.S3Options options, Secrets secrets) {
        return open(url, options, secrets, "url");
    }

    private static Store open(String url, JobConfig.S3Options options, Secrets secrets, String job) {
        TargetUrl target = TargetUrl.parse(url);
        // S3 credentials are only looked at (and checked) for S3 targets
        return Stores.open(target, "s3".equals(target.scheme()) ? s3Settings(options, secrets, job) : null);
    }
}
